import type { Pod } from 'kubernetes-types/core/v1';
import type { Clock } from '../../sim/clock';
import type { TimerId, Timers } from '../../sim/timers';
import { ClusterEvents, EventResource, eventMatches, podSchedulingPropertiesChange, type ClusterEvent, type QueueingHintFn } from '../framework/events';
import { newPodInfo, podKey, type PodInfo } from '../framework/podInfo';
import { KeyedHeap } from './heap';
import { Nominator } from './nominator';

// The scheduling queue of pkg/scheduler/backend/queue/scheduling_queue.go (v1.32), on simulated
// time. Scheduling cycles run synchronously here, so no event can arrive while a pod is "in
// flight" and the in-flight event bookkeeping of upstream is not needed.

/** QueuedPodInfo is framework.QueuedPodInfo: a pod plus its queueing history. */
export interface QueuedPodInfo {
  podInfo: PodInfo;
  /** timestamp is when the pod was last added to the queue (ms). */
  timestamp: number;
  attempts: number;
  initialAttemptTimestamp: number | undefined;
  /** unschedulablePlugins rejected the pod in its last attempt; only their events requeue it. */
  unschedulablePlugins: ReadonlySet<string>;
  pendingPlugins: ReadonlySet<string>;
  /** gated pods have spec.schedulingGates and wait for them to be removed. */
  gated: boolean;
  seq: number;
}

/** QueueName names the three sub-queues (and gated pods, which live among the unschedulable). */
export type QueueName = 'activeQ' | 'backoffQ' | 'unschedulablePods';

/** QueueingHint registers a plugin's interest in an event, as queueingHintMap entries do. */
export interface QueueingHint {
  pluginName: string;
  event: ClusterEvent;
  hint?: QueueingHintFn;
}

/** QueueOptions are KubeSchedulerConfiguration's queue settings, in ms. */
export interface QueueOptions {
  podInitialBackoffMs?: number;
  podMaxBackoffMs?: number;
  podMaxInUnschedulablePodsMs?: number;
}

/** noPlugins is the empty plugin set of a pod no plugin has rejected yet. */
const noPlugins: ReadonlySet<string> = new Set();

/** Upstream's flush periods: backoffQ every second, unschedulable leftovers every 30 s. */
const backoffFlushMs = 1000;
const unschedulableFlushMs = 30_000;

/**
 * SchedulingQueue is the PriorityQueue: activeQ ordered by priority then queue time, backoffQ
 * ordered by backoff expiry (1 s doubling to 10 s), and unschedulable pods that wait for a cluster
 * event one of their rejecting plugins cares about, or for five minutes.
 */
export class SchedulingQueue {
  readonly nominator = new Nominator();
  private readonly activeQ: KeyedHeap<QueuedPodInfo>;
  private readonly backoffQ: KeyedHeap<QueuedPodInfo>;
  private readonly unschedulablePods = new Map<string, QueuedPodInfo>();
  private readonly initialBackoff: number;
  private readonly maxBackoff: number;
  private readonly maxInUnschedulable: number;
  private readonly start: number;
  private backoffTimer: { id: TimerId; at: number } | undefined;
  private unschedulableTimer: TimerId | undefined;
  private seq = 0;
  private closed = false;
  schedulingCycle = 0;
  /** onActive is called whenever a pod enters activeQ, to wake the scheduling loop. */
  onActive: () => void = () => {};

  constructor(
    private readonly clock: Clock,
    private readonly timers: Timers,
    private readonly hints: readonly QueueingHint[],
    opts: QueueOptions = {},
  ) {
    this.initialBackoff = opts.podInitialBackoffMs ?? 1000;
    this.maxBackoff = opts.podMaxBackoffMs ?? 10_000;
    this.maxInUnschedulable = opts.podMaxInUnschedulablePodsMs ?? 300_000;
    this.start = clock.now();
    this.activeQ = new KeyedHeap(
      (q) => q.podInfo.key,
      (a, b) => a.podInfo.priority > b.podInfo.priority || (a.podInfo.priority === b.podInfo.priority && (a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq))),
    );
    this.backoffQ = new KeyedHeap(
      (q) => q.podInfo.key,
      (a, b) => this.backoffTime(a) < this.backoffTime(b) || (this.backoffTime(a) === this.backoffTime(b) && a.seq < b.seq),
    );
  }

  /** add queues a new unscheduled pod: activeQ, or among the unschedulable if it is gated. */
  add(pod: Pod): void {
    const q = this.newQueuedPodInfo(pod);
    this.nominator.addNominatedPod(q.podInfo);
    if (q.gated) this.unschedulablePods.set(q.podInfo.key, q);
    else this.moveToActiveQ(q);
  }

  /** update replaces a queued pod; an update that may help an unschedulable pod requeues it. */
  update(oldPod: Pod, newPod: Pod): void {
    const key = podKey(newPod);
    const inActive = this.activeQ.get(key) ?? this.backoffQ.get(key);
    if (inActive) {
      inActive.podInfo = newPodInfo(newPod);
      this.nominator.updateNominatedPod(oldPod, inActive.podInfo);
      (this.activeQ.has(key) ? this.activeQ : this.backoffQ).addOrUpdate(inActive);
      return;
    }
    const q = this.unschedulablePods.get(key);
    if (!q) {
      this.add(newPod);
      return;
    }
    q.podInfo = newPodInfo(newPod);
    this.nominator.updateNominatedPod(oldPod, q.podInfo);
    if (q.gated) {
      if ((newPod.spec?.schedulingGates?.length ?? 0) > 0) return;
      q.gated = false;
      this.unschedulablePods.delete(key);
      this.moveToActiveQ(q);
      return;
    }
    for (const ev of podSchedulingPropertiesChange(newPod, oldPod)) {
      if (!this.isPodWorthRequeuing(q, ev, oldPod, newPod)) continue;
      this.unschedulablePods.delete(key);
      this.requeueAfterBackoff(q);
      return;
    }
  }

  delete(pod: Pod): void {
    const key = podKey(pod);
    this.nominator.deleteNominatedPodIfExists(key);
    this.activeQ.delete(key);
    this.backoffQ.delete(key);
    this.unschedulablePods.delete(key);
  }

  /** pop takes the next pod to schedule, counting the attempt and the cycle. */
  pop(): QueuedPodInfo | undefined {
    const q = this.activeQ.pop();
    if (!q) return undefined;
    q.attempts++;
    q.initialAttemptTimestamp ??= this.clock.now();
    // The rejectors of the last attempt say nothing about the next one.
    q.unschedulablePlugins = noPlugins;
    q.pendingPlugins = noPlugins;
    this.schedulingCycle++;
    return q;
  }

  get activeLength(): number {
    return this.activeQ.size;
  }

  /**
   * addUnschedulableIfNotPresent puts a pod back after a failed attempt: to unschedulablePods when
   * plugins rejected it, to backoffQ when nothing did (an error: retry after backoff).
   */
  addUnschedulableIfNotPresent(q: QueuedPodInfo): void {
    const key = q.podInfo.key;
    if (this.closed || this.activeQ.has(key) || this.backoffQ.has(key) || this.unschedulablePods.has(key)) return;
    q.timestamp = this.clock.now();
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) {
      this.backoffQ.addOrUpdate(q);
      this.scheduleBackoffFlush();
      return;
    }
    this.unschedulablePods.set(key, q);
    this.scheduleUnschedulableFlush();
  }

  /** moveAllToActiveOrBackoffQueue requeues the unschedulable pods the event may help. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown, preCheck?: (pod: Pod) => boolean): void {
    if (this.unschedulablePods.size === 0 || !this.isEventOfInterest(event)) return;
    const moved: QueuedPodInfo[] = [];
    for (const q of this.unschedulablePods.values()) {
      if (q.gated) continue;
      if (preCheck && !preCheck(q.podInfo.pod)) continue;
      if (this.isPodWorthRequeuing(q, event, oldObj, newObj)) moved.push(q);
    }
    for (const q of moved) {
      this.unschedulablePods.delete(q.podInfo.key);
      this.requeueAfterBackoff(q);
    }
  }

  /** pendingPods lists every queued pod with the sub-queue it is in (the /pending debug endpoint). */
  pendingPods(): { pod: Pod; queue: QueueName; gated: boolean }[] {
    const out: { pod: Pod; queue: QueueName; gated: boolean }[] = [];
    for (const q of this.activeQ.list()) out.push({ pod: q.podInfo.pod, queue: 'activeQ', gated: false });
    for (const q of this.backoffQ.list()) out.push({ pod: q.podInfo.pod, queue: 'backoffQ', gated: false });
    for (const q of this.unschedulablePods.values()) out.push({ pod: q.podInfo.pod, queue: 'unschedulablePods', gated: q.gated });
    return out;
  }

  close(): void {
    this.closed = true;
    if (this.backoffTimer) this.timers.cancel(this.backoffTimer.id);
    if (this.unschedulableTimer !== undefined) this.timers.cancel(this.unschedulableTimer);
    this.backoffTimer = undefined;
    this.unschedulableTimer = undefined;
  }

  /** backoffDuration is 1 s doubled per attempt beyond the first, capped at 10 s; 0 before any attempt. */
  backoffDuration(q: QueuedPodInfo): number {
    if (q.attempts === 0) return 0;
    let d = this.initialBackoff;
    for (let i = 1; i < q.attempts; i++) {
      if (d > this.maxBackoff - d) return this.maxBackoff;
      d += d;
    }
    return d;
  }

  private backoffTime(q: QueuedPodInfo): number {
    return q.timestamp + this.backoffDuration(q);
  }

  private newQueuedPodInfo(pod: Pod): QueuedPodInfo {
    return {
      podInfo: newPodInfo(pod),
      timestamp: this.clock.now(),
      attempts: 0,
      initialAttemptTimestamp: undefined,
      unschedulablePlugins: noPlugins,
      pendingPlugins: noPlugins,
      gated: (pod.spec?.schedulingGates?.length ?? 0) > 0,
      seq: ++this.seq,
    };
  }

  private moveToActiveQ(q: QueuedPodInfo): void {
    if (this.closed) return;
    this.backoffQ.delete(q.podInfo.key);
    this.activeQ.addOrUpdate(q);
    this.onActive();
  }

  /** requeueAfterBackoff is requeuePodViaQueueingHint's queueAfterBackoff: backoffQ while backing off. */
  private requeueAfterBackoff(q: QueuedPodInfo): void {
    if (this.backoffTime(q) > this.clock.now()) {
      this.backoffQ.addOrUpdate(q);
      this.scheduleBackoffFlush();
    } else {
      this.moveToActiveQ(q);
    }
  }

  private isEventOfInterest(event: ClusterEvent): boolean {
    if (event.resource === EventResource.WildCard) return true;
    return this.hints.some((h) => eventMatches(h.event, event));
  }

  /** isPodWorthRequeuing asks the hints of the plugins that rejected the pod; no rejector means yes. */
  private isPodWorthRequeuing(q: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): boolean {
    if (q.unschedulablePlugins.size === 0 && q.pendingPlugins.size === 0) return true;
    if (event.resource === EventResource.WildCard) return true;
    for (const h of this.hints) {
      if (!q.unschedulablePlugins.has(h.pluginName) && !q.pendingPlugins.has(h.pluginName)) continue;
      if (!eventMatches(h.event, event)) continue;
      if (!h.hint) return true;
      try {
        if (h.hint(q.podInfo.pod, oldObj, newObj)) return true;
      } catch {
        // A failing hint means Queue, as upstream treats hint errors.
        return true;
      }
    }
    return false;
  }

  /** scheduleBackoffFlush arms a timer at the first 1 s tick at or after the earliest backoff expiry. */
  private scheduleBackoffFlush(): void {
    const top = this.backoffQ.peek();
    if (!top || this.closed) return;
    const at = this.tick(this.backoffTime(top), backoffFlushMs, false);
    if (this.backoffTimer && this.backoffTimer.at <= at) return;
    if (this.backoffTimer) this.timers.cancel(this.backoffTimer.id);
    const id = this.timers.after(at - this.clock.now(), () => {
      this.backoffTimer = undefined;
      this.flushBackoffQCompleted();
    });
    this.backoffTimer = { id, at };
  }

  private flushBackoffQCompleted(): void {
    const now = this.clock.now();
    for (let q = this.backoffQ.peek(); q && this.backoffTime(q) <= now; q = this.backoffQ.peek()) {
      this.backoffQ.pop();
      this.moveToActiveQ(q);
    }
    this.scheduleBackoffFlush();
  }

  /** scheduleUnschedulableFlush arms a timer at the first 30 s tick past the oldest pod's five minutes. */
  private scheduleUnschedulableFlush(): void {
    if (this.unschedulableTimer !== undefined || this.closed) return;
    let oldest = Infinity;
    for (const q of this.unschedulablePods.values()) if (!q.gated && q.timestamp < oldest) oldest = q.timestamp;
    if (oldest === Infinity) return;
    const at = this.tick(oldest + this.maxInUnschedulable, unschedulableFlushMs, true);
    this.unschedulableTimer = this.timers.after(at - this.clock.now(), () => {
      this.unschedulableTimer = undefined;
      this.flushUnschedulablePodsLeftover();
    });
  }

  /** flushUnschedulablePodsLeftover requeues pods that stayed unschedulable longer than five minutes. */
  private flushUnschedulablePodsLeftover(): void {
    const now = this.clock.now();
    const moved: QueuedPodInfo[] = [];
    for (const q of this.unschedulablePods.values()) {
      if (!q.gated && now - q.timestamp > this.maxInUnschedulable) moved.push(q);
    }
    for (const q of moved) {
      if (!this.isPodWorthRequeuing(q, ClusterEvents.UnschedulableTimeout, null, null)) continue;
      this.unschedulablePods.delete(q.podInfo.key);
      this.requeueAfterBackoff(q);
    }
    this.scheduleUnschedulableFlush();
  }

  /** tick returns the first flush instant (start + k·period) at or after t, or strictly after t. */
  private tick(t: number, period: number, strictlyAfter: boolean): number {
    const k = strictlyAfter ? Math.floor((t - this.start) / period) + 1 : Math.ceil((t - this.start) / period);
    return Math.max(this.clock.now(), this.start + Math.max(0, k) * period);
  }
}
