import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, NodeSpec, Pod, Taint, Toleration } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { EventRecorder } from '../client/eventRecorder';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { formatTime } from '../sim/clock';
import type { TimerId } from '../sim/timers';
import type { Controller, ControllerContext } from './controller';

// The node lifecycle controller of pkg/controller/nodelifecycle (v1.32) with the taint-based
// eviction of pkg/controller/tainteviction, which kube-controller-manager runs beside it.

/** nodeMonitorPeriodMs is how often node health is checked (--node-monitor-period). */
export const nodeMonitorPeriodMs = 5_000;
/** nodeMonitorGracePeriodMs is how long a node may stay silent before it is Unknown (50s since v1.32). */
export const nodeMonitorGracePeriodMs = 50_000;
/** nodeStartupGracePeriodMs is the silence allowed to a node that never posted status. */
export const nodeStartupGracePeriodMs = 60_000;

// Taint keys of k8s.io/api/core/v1/well_known_taints.go.
export const TaintNodeNotReady = 'node.kubernetes.io/not-ready';
export const TaintNodeUnreachable = 'node.kubernetes.io/unreachable';
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';
export const TaintNodeMemoryPressure = 'node.kubernetes.io/memory-pressure';
export const TaintNodeDiskPressure = 'node.kubernetes.io/disk-pressure';
export const TaintNodePIDPressure = 'node.kubernetes.io/pid-pressure';
export const TaintNodeNetworkUnavailable = 'node.kubernetes.io/network-unavailable';

// Reasons and messages of node_lifecycle_controller.go, controller_utils.go and taint_eviction.go (v1.32).
export const NodeStatusUnknown = 'NodeStatusUnknown';
export const NodeStatusNeverUpdated = 'NodeStatusNeverUpdated';
export const msgStoppedPosting = 'Kubelet stopped posting node status.';
export const msgNeverPosted = 'Kubelet never posted node status.';
export const msgRegisteredNode = (name: string) => `Node ${name} event: Registered Node ${name} in Controller`;
export const msgNodeStatusChange = (name: string, status: string) => `Node ${name} status is now: ${status}`;
export const msgMarkingForDeletion = (key: string) => `Marking for deletion Pod ${key}`;
export const msgCancellingDeletion = (key: string) => `Cancelling deletion of Pod ${key}`;
export const DeletionByTaintManager = 'DeletionByTaintManager';
export const msgTaintManagerDeletion = 'Taint manager: deleting due to NoExecute taint';

/** NodeNameIndex files pods by spec.nodeName. */
const NodeNameIndex = 'spec.nodeName';

interface NodeHealth {
  /** probeMs is when the controller last saw the node alive: a new lease renewTime or status heartbeat. */
  probeMs: number;
  heartbeat?: string;
  renewTime?: string;
}

interface ScheduledEviction {
  createdAt: number;
  triggerAt: number;
  timer: TimerId;
}

/**
 * NodeLifecycleController watches node heartbeats (Leases and node status). A node silent for the
 * grace period gets its conditions set to Unknown and its pods marked not ready; node conditions
 * and spec.unschedulable become NoSchedule and NoExecute taints; pods on a node with a NoExecute
 * taint they do not tolerate are deleted once their tolerationSeconds run out.
 */
export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly queue: WorkQueue;
  private readonly nodes: Informer<Node>;
  private readonly pods: Informer<Pod>;
  private readonly health = new Map<string, NodeHealth>();
  private readonly registered = new Set<string>();
  private readonly evictions = new Map<string, ScheduledEviction>();
  private readonly recorder: EventRecorder;
  private readonly evictionRecorder: EventRecorder;
  private stopMonitor?: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'node-controller');
    this.evictionRecorder = new EventRecorder(ctx.client, ctx.sim, 'taint-eviction-controller');
    this.nodes = ctx.informers.for<Node>(Resources.nodes);
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    this.pods.addIndexer(NodeNameIndex, (p) => [p.spec?.nodeName ?? '']);
    this.nodes.addEventHandler({
      onAdd: (n) => this.observeNode(n),
      onUpdate: (_old, n) => this.observeNode(n),
      onDelete: (n) => this.health.delete(n.metadata!.name!),
    });
    ctx.informers.for<Lease>(Resources.leases).addEventHandler({
      onAdd: (l) => this.observeLease(l),
      onUpdate: (_old, l) => this.observeLease(l),
    });
    this.pods.addEventHandler({
      onAdd: (p) => this.podChanged(p),
      onUpdate: (_old, p) => this.podChanged(p),
      onDelete: (p) => this.cancelEviction(podKeyOf(p), false),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.stopMonitor = this.ctx.sim.timers.every(nodeMonitorPeriodMs, () => this.monitorNodeHealth());
  }

  stop(): void {
    this.queue.shutdown();
    this.stopMonitor?.();
    for (const e of this.evictions.values()) this.ctx.sim.timers.cancel(e.timer);
    this.evictions.clear();
  }

  /** sync reconciles one node: its health, then its taints, then the evictions its taints call for. */
  async sync(name: string): Promise<void> {
    const node = this.nodes.lister.get(undefined, name);
    if (!node) return;
    const now = this.ctx.sim.clock.now();
    const h = this.healthOf(node, now);
    if (!this.registered.has(node.metadata!.uid!)) {
      this.registered.add(node.metadata!.uid!);
      this.recorder.event(nodeRef(node), 'Normal', 'RegisteredNode', msgRegisteredNode(name));
    }
    const readyBefore = conditionOf(node, 'Ready')?.status;
    const grace = readyBefore === undefined ? nodeStartupGracePeriodMs : nodeMonitorGracePeriodMs;
    if (now - h.probeMs > grace) {
      const conditions = unknownConditions(node, now);
      if (conditions) {
        await this.ctx.client.updateStatus(Resources.nodes, { ...node, status: { ...node.status, conditions } });
        if (readyBefore === 'True') {
          this.recorder.event(nodeRef(node), 'Normal', 'NodeNotReady', msgNodeStatusChange(name, 'NodeNotReady'));
          await this.markPodsNotReady(name, now);
        }
        // The updated node comes back through the watch and is synced again for its taints.
        return;
      }
    }
    const taints = reconcileTaints(node, now);
    if (taints) {
      const spec: NodeSpec = { ...node.spec, taints };
      if (taints.length === 0) delete spec.taints;
      await this.ctx.client.update(Resources.nodes, { ...node, spec });
      return;
    }
    for (const pod of this.pods.lister.byIndex(NodeNameIndex, name)) this.processPod(pod, node);
  }

  /** monitorNodeHealth queues every node whose heartbeat is overdue and not yet reported Unknown. */
  private monitorNodeHealth(): void {
    const now = this.ctx.sim.clock.now();
    for (const node of this.nodes.lister.list()) {
      const ready = conditionOf(node, 'Ready')?.status;
      const grace = ready === undefined ? nodeStartupGracePeriodMs : nodeMonitorGracePeriodMs;
      if (ready !== 'Unknown' && now - this.healthOf(node, now).probeMs > grace) this.queue.add(node.metadata!.name!);
    }
  }

  private healthOf(node: Node, now: number): NodeHealth {
    const name = node.metadata!.name!;
    let h = this.health.get(name);
    if (!h) this.health.set(name, (h = { probeMs: now, heartbeat: conditionOf(node, 'Ready')?.lastHeartbeatTime }));
    return h;
  }

  private observeNode(node: Node): void {
    const now = this.ctx.sim.clock.now();
    const h = this.healthOf(node, now);
    const heartbeat = conditionOf(node, 'Ready')?.lastHeartbeatTime;
    if (heartbeat !== h.heartbeat) {
      h.heartbeat = heartbeat;
      h.probeMs = now;
    }
    this.queue.add(node.metadata!.name!);
  }

  private observeLease(lease: Lease): void {
    if (lease.metadata?.namespace !== 'kube-node-lease') return;
    const node = this.nodes.lister.get(undefined, lease.metadata.name!);
    if (!node) return;
    const h = this.healthOf(node, this.ctx.sim.clock.now());
    const renewTime = lease.spec?.renewTime;
    if (renewTime !== h.renewTime) {
      h.renewTime = renewTime;
      h.probeMs = this.ctx.sim.clock.now();
    }
  }

  /** markPodsNotReady sets Ready=False on the node's pods (MarkPodsNotReady in controller_utils.go). */
  private async markPodsNotReady(nodeName: string, now: number): Promise<void> {
    for (const pod of this.pods.lister.byIndex(NodeNameIndex, nodeName)) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      const ready = pod.status?.conditions?.find((c) => c.type === 'Ready');
      if (!ready || ready.status === 'False') continue;
      const conditions = pod.status!.conditions!.map((c) => (c === ready ? { ...c, status: 'False', lastTransitionTime: formatTime(now) } : c));
      try {
        await this.ctx.client.updateStatus(Resources.pods, { ...pod, status: { ...pod.status, conditions } });
      } catch (e) {
        if (isApiError(e) && e.code === 404) continue;
        throw e;
      }
      this.recorder.event(pod, 'Warning', 'NodeNotReady', 'Node is not ready');
    }
  }

  private podChanged(pod: Pod): void {
    const node = pod.spec?.nodeName ? this.nodes.lister.get(undefined, pod.spec.nodeName) : undefined;
    if (node) this.processPod(pod, node);
    else this.cancelEviction(podKeyOf(pod), false);
  }

  /** processPod schedules, keeps or cancels the eviction of a pod (taint_eviction.go processPodOnNode). */
  private processPod(pod: Pod, node: Node): void {
    const key = podKeyOf(pod);
    const phase = pod.status?.phase;
    const taints = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length === 0 || pod.metadata?.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed') {
      this.cancelEviction(key, taints.length === 0 && !pod.metadata?.deletionTimestamp);
      return;
    }
    const waitMs = evictionDelayMs(taints, pod.spec?.tolerations ?? []);
    if (waitMs === Infinity) {
      this.cancelEviction(key, true);
      return;
    }
    const now = this.ctx.sim.clock.now();
    const existing = this.evictions.get(key);
    const createdAt = existing?.createdAt ?? now;
    const triggerAt = createdAt + waitMs;
    if (existing && existing.triggerAt <= triggerAt) return;
    if (existing) this.ctx.sim.timers.cancel(existing.timer);
    const timer = this.ctx.sim.timers.after(triggerAt - now, () => void this.evict(key).catch(() => undefined));
    this.evictions.set(key, { createdAt, triggerAt, timer });
  }

  private cancelEviction(key: string, record: boolean): void {
    const e = this.evictions.get(key);
    if (!e) return;
    this.ctx.sim.timers.cancel(e.timer);
    this.evictions.delete(key);
    if (!record) return;
    const [namespace, name] = key.split('/');
    const pod = this.pods.lister.get(namespace, name);
    if (pod) this.evictionRecorder.event(pod, 'Normal', 'TaintManagerEviction', msgCancellingDeletion(key));
  }

  /** evict adds the DisruptionTarget condition and deletes the pod with its own grace period. */
  private async evict(key: string): Promise<void> {
    this.evictions.delete(key);
    const [namespace, name] = key.split('/');
    const pod = this.pods.lister.get(namespace, name);
    if (!pod || pod.metadata?.deletionTimestamp) return;
    this.evictionRecorder.event(pod, 'Normal', 'TaintManagerEviction', msgMarkingForDeletion(key));
    const now = formatTime(this.ctx.sim.clock.now());
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'),
      { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: now, reason: DeletionByTaintManager, message: msgTaintManagerDeletion },
    ];
    await this.ctx.client.patch(Resources.pods, namespace, name, 'merge', { status: { conditions } }, { subresource: 'status' });
    await this.ctx.client.delete(Resources.pods, namespace, name, { preconditions: { uid: pod.metadata?.uid } });
  }
}

function podKeyOf(pod: Pod): string {
  return `${pod.metadata?.namespace}/${pod.metadata?.name}`;
}

function nodeRef(node: Node) {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: node.metadata?.name, uid: node.metadata?.uid } };
}

function conditionOf(node: Node, type: string): NodeCondition | undefined {
  return node.status?.conditions?.find((c) => c.type === type);
}

const kubeletConditions = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'];

/**
 * unknownConditions sets the kubelet's conditions of a silent node to Unknown, keeping their last
 * heartbeat; undefined when they already are (tryUpdateNodeHealth).
 */
export function unknownConditions(node: Node, now: number): NodeCondition[] | undefined {
  const ts = formatTime(now);
  const conditions = [...(node.status?.conditions ?? [])];
  let changed = false;
  for (const type of kubeletConditions) {
    const i = conditions.findIndex((c) => c.type === type);
    if (i < 0) {
      const heartbeat = node.metadata?.creationTimestamp ?? ts;
      conditions.push({ type, status: 'Unknown', reason: NodeStatusNeverUpdated, message: msgNeverPosted, lastHeartbeatTime: heartbeat, lastTransitionTime: ts });
      changed = true;
    } else if (conditions[i].status !== 'Unknown') {
      conditions[i] = { ...conditions[i], status: 'Unknown', reason: NodeStatusUnknown, message: msgStoppedPosting, lastTransitionTime: ts };
      changed = true;
    }
  }
  return changed ? conditions : undefined;
}

/** conditionTaints maps node conditions to the NoSchedule taints they imply (nodeConditionToTaintKeyStatusMap). */
const conditionTaints: [string, string, string][] = [
  ['Ready', 'False', TaintNodeNotReady],
  ['Ready', 'Unknown', TaintNodeUnreachable],
  ['MemoryPressure', 'True', TaintNodeMemoryPressure],
  ['DiskPressure', 'True', TaintNodeDiskPressure],
  ['NetworkUnavailable', 'True', TaintNodeNetworkUnavailable],
  ['PIDPressure', 'True', TaintNodePIDPressure],
];

const managed = new Set(conditionTaints.map(([, , key]) => key).concat(TaintNodeUnschedulable));

/**
 * reconcileTaints returns the node's taints with the controller's own brought in line with its
 * conditions and spec.unschedulable (doNoScheduleTaintingPass, doNoExecuteTaintingPass); undefined
 * when nothing changes. Other taints stay as they are; kept taints keep their timeAdded.
 */
export function reconcileTaints(node: Node, now: number): Taint[] | undefined {
  const want: Taint[] = [];
  for (const [type, status, key] of conditionTaints) {
    if (conditionOf(node, type)?.status === status) want.push({ key, effect: 'NoSchedule' });
  }
  if (node.spec?.unschedulable) want.push({ key: TaintNodeUnschedulable, effect: 'NoSchedule' });
  const ready = conditionOf(node, 'Ready')?.status;
  if (ready === 'False') want.push({ key: TaintNodeNotReady, effect: 'NoExecute' });
  if (ready === 'Unknown') want.push({ key: TaintNodeUnreachable, effect: 'NoExecute' });
  const current = node.spec?.taints ?? [];
  const isManaged = (t: Taint) => managed.has(t.key) && (t.effect === 'NoSchedule' || t.effect === 'NoExecute');
  const kept = current.filter((t) => !isManaged(t) || want.some((w) => w.key === t.key && w.effect === t.effect));
  const added = want.filter((w) => !current.some((t) => t.key === w.key && t.effect === w.effect));
  if (added.length === 0 && kept.length === current.length) return undefined;
  return [...kept, ...added.map((t) => ({ ...t, timeAdded: formatTime(now) }))];
}

/** tolerates is v1.Toleration.ToleratesTaint. */
export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  if (!t.key && t.operator !== 'Exists') return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

/**
 * evictionDelayMs is how long a pod may stay on a node with these NoExecute taints: 0 when one is
 * not tolerated, else the smallest tolerationSeconds of the tolerations used (Infinity without one).
 */
export function evictionDelayMs(taints: Taint[], tolerations: Toleration[]): number {
  let min = Infinity;
  for (const taint of taints) {
    const used = tolerations.filter((t) => tolerates(t, taint));
    if (used.length === 0) return 0;
    for (const t of used) if (t.tolerationSeconds !== undefined) min = Math.min(min, Math.max(0, t.tolerationSeconds) * 1000);
  }
  return min;
}
