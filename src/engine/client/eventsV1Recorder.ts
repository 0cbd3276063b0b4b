import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { Event } from 'kubernetes-types/events/v1';
import type { TypedObject } from '../api/object';
import { isApiError, StatusReason } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { Sim } from '../sim/sim';
import type { TimerId } from '../sim/timers';
import type { ApiClient } from './apiClient';
import { generateEventName, referenceTo, type EventType } from './eventRecorder';
import { EventQueue } from './eventQueue';
import { keyDigest } from './keyDigest';

/** finishMs: a series not seen for six minutes is written one last time and forgotten, as is a singleton that old. */
export const finishMs = 6 * 60_000;

/** refreshMs: every thirty minutes the running series are written (their heartbeat). */
export const refreshMs = 30 * 60_000;

/**
 * Cached is what the recorder remembers of an Event: for a singleton only what a series would be
 * written on (its name, note and eventTime, and the eventTime in ms, which finishing compares);
 * once it repeats, the whole Event with its series, which heartbeats write again.
 */
interface Cached {
  name: string;
  note: string;
  eventTime: string;
  at: number;
  event?: Event;
  lastObservedMs?: number;
}

/**
 * EventsV1Recorder is client-go's tools/events recorder with its broadcaster, which kube-scheduler
 * records through: events.k8s.io/v1 Events with an action, an eventTime and a reporting instance,
 * no source, no count. An isomorphic event (same type, action, reason, reporter, regarding and
 * related objects, whatever the note) becomes a series on the first one: its second occurrence
 * writes series {count: 2}, later ones only count until the next heartbeat or until the series
 * ends. Nothing is aggregated or rate-limited, unlike record.EventRecorder.
 */
export class EventsV1Recorder {
  private readonly cache = new Map<number, Cached>();
  private readonly queue = new EventQueue<Event>((e) => this.record(e));
  private finishTimer?: TimerId;
  private refreshTimer?: TimerId;

  constructor(
    private readonly client: ApiClient,
    private readonly sim: Sim,
    private readonly reportingController: string,
    private readonly reportingInstance: string,
  ) {}

  /** eventf records note against regarding (and related, when given), as recorder.Eventf. */
  eventf(regarding: TypedObject, related: TypedObject | undefined, type: EventType, reason: string, action: string, note: string): void {
    const ref = referenceTo(regarding);
    const rel = related ? referenceTo(related) : undefined;
    const clock = this.sim.clock;
    const event: Event = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: generateEventName(ref.name, clock), namespace: ref.namespace || 'default' },
      eventTime: clock.rfc3339Micro(),
      reportingController: this.reportingController,
      reportingInstance: this.reportingInstance,
      action,
      reason,
      regarding: ref,
      note,
      type,
    };
    if (rel) event.related = rel;
    const key = keyDigest([type, action, reason, refKey(ref), rel ? refKey(rel) : ''].join('\0'));
    const cached = this.cache.get(key);
    if (!cached) {
      this.cache.set(key, { name: event.metadata!.name!, note, eventTime: event.eventTime!, at: clock.now() });
      this.finishTimer ??= this.sim.timers.after(finishMs, () => this.finishSeries());
      this.queue.push(event);
      return;
    }
    cached.lastObservedMs = clock.now();
    const first = cached.event === undefined;
    // The series is the first occurrence's Event: isomorphic events differ only in note and time.
    const base = cached.event ?? { ...event, metadata: { ...event.metadata, name: cached.name }, note: cached.note, eventTime: cached.eventTime };
    cached.event = { ...base, series: { count: (base.series?.count ?? 1) + 1, lastObservedTime: clock.rfc3339Micro() } };
    // Only the second occurrence is written at once; later ones wait for the heartbeat or the end.
    if (first) this.queue.push(cached.event);
    this.refreshTimer ??= this.sim.timers.after(refreshMs, () => this.refreshSeries());
  }

  /** stop cancels the recorder's heartbeats (the scheduler is stopping). */
  stop(): void {
    for (const id of [this.finishTimer, this.refreshTimer]) if (id !== undefined) this.sim.timers.cancel(id);
    this.finishTimer = this.refreshTimer = undefined;
  }

  /** record writes one Event: a series as a patch of it (re-created if it expired), anything else as a create. */
  private async record(event: Event): Promise<void> {
    const { namespace = 'default', name = '' } = event.metadata ?? {};
    if (event.series) {
      try {
        await this.client.patch(Resources.eventsV1, namespace, name, 'strategic', { series: event.series });
        return;
      } catch (err) {
        if (!isApiError(err, StatusReason.NotFound)) throw err;
      }
    }
    await this.client.create(Resources.eventsV1, event);
  }

  /** finishSeries writes the series that ended and forgets them, and forgets old singletons. */
  private finishSeries(): void {
    this.finishTimer = undefined;
    const cutoff = this.sim.clock.now() - finishMs;
    for (const [key, c] of this.cache) {
      if ((c.lastObservedMs ?? c.at) >= cutoff) continue;
      if (c.event) this.queue.push(c.event);
      this.cache.delete(key);
    }
    if (this.cache.size > 0) this.finishTimer = this.sim.timers.after(finishMs, () => this.finishSeries());
  }

  private refreshSeries(): void {
    this.refreshTimer = undefined;
    let running = false;
    for (const c of this.cache.values()) {
      if (!c.event) continue;
      this.queue.push(c.event);
      running = true;
    }
    if (running) this.refreshTimer = this.sim.timers.after(refreshMs, () => this.refreshSeries());
  }
}

/** refKey is an ObjectReference as the isomorphism key compares it (every field). */
function refKey(r: ObjectReference): string {
  return [r.kind, r.namespace, r.name, r.uid, r.apiVersion, r.resourceVersion, r.fieldPath].map((v) => v ?? '').join('\0');
}
