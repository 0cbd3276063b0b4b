import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, NodeStatus } from 'kubernetes-types/core/v1';
import { ApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import type { EventRecorder } from '../client/eventRecorder';
import type { Sim } from '../sim/sim';
import {
  nodeLeaseDurationSeconds,
  NodeLeaseNamespace,
  nodeLeaseRenewIntervalMs,
  nodeStatusReportFrequencyMs,
  nodeStatusUpdateFrequencyMs,
} from './config';
import { statusSignature } from './nodeStatus';

/** newLease is the node's Lease in kube-node-lease, owned by its Node (pkg/kubelet/nodelease). */
export function newLease(node: Node, renewTime: string): Lease {
  const name = node.metadata!.name!;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: NodeLeaseNamespace,
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata!.uid! }],
    },
    spec: { holderIdentity: name, leaseDurationSeconds: nodeLeaseDurationSeconds, renewTime },
  };
}

/** conditionEvents maps a node condition's new state to the event the kubelet records (setters.go, v1.32). */
function conditionEvent(c: NodeCondition): string | undefined {
  switch (c.type) {
    case 'MemoryPressure':
      return c.status === 'True' ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory';
    case 'DiskPressure':
      return c.status === 'True' ? 'NodeHasDiskPressure' : 'NodeHasNoDiskPressure';
    case 'PIDPressure':
      return c.status === 'True' ? 'NodeHasInsufficientPID' : 'NodeHasSufficientPID';
    case 'Ready':
      return c.status === 'True' ? 'NodeReady' : 'NodeNotReady';
    default:
      return undefined;
  }
}

/**
 * NodeHeartbeat keeps the control plane sure the node is alive at 1,000-node scale: it renews the
 * node's Lease every 10s, recomputes node status every 10s but posts it only when it changed or
 * 5 minutes passed (nodeStatusReportFrequency), and records an Event per condition transition.
 */
export class NodeHeartbeat {
  private lease?: Lease;
  private posted?: { signature: string; at: number };
  /** conditions are the last ones posted, which the next status builds on and compares with. */
  private conditions?: NodeCondition[];
  private readonly stops: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly client: ApiClient,
    private readonly sim: Sim,
    private readonly recorder: EventRecorder,
    private readonly node: Node,
    /** compute builds the current status from the previous conditions. */
    private readonly compute: (previous: NodeCondition[] | undefined) => NodeStatus,
  ) {}

  /** start posts status and the lease now, then keeps both fresh. */
  async start(current: NodeCondition[] | undefined): Promise<void> {
    await this.syncStatus(current, true);
    await this.renewLease();
    this.stops.push(this.sim.timers.every(nodeLeaseRenewIntervalMs, () => void this.renewLease()));
    this.stops.push(this.sim.timers.every(nodeStatusUpdateFrequencyMs, () => void this.syncStatus(undefined, false)));
  }

  stop(): void {
    this.stopped = true;
    for (const s of this.stops) s();
  }

  /** syncStatus posts node status when it changed, when forced, or when the report interval passed. */
  async syncStatus(apiConditions: NodeCondition[] | undefined, force: boolean): Promise<void> {
    if (this.stopped) return;
    const now = this.sim.clock.now();
    const previous = apiConditions ?? this.conditions;
    const status = this.compute(previous);
    const signature = statusSignature(status);
    const due = !this.posted || now - this.posted.at >= nodeStatusReportFrequencyMs;
    if (!force && !due && this.posted?.signature === signature) return;
    this.posted = { signature, at: now };
    try {
      await this.client.patch(Resources.nodes, undefined, this.node.metadata!.name!, 'merge', { status }, { subresource: 'status' });
    } catch {
      // Post again at the next tick.
      this.posted = undefined;
      return;
    }
    this.conditions = status.conditions;
    this.recordTransitions(previous, status.conditions ?? []);
  }

  private recordTransitions(previous: NodeCondition[] | undefined, next: NodeCondition[]): void {
    const name = this.node.metadata!.name!;
    // The kubelet's node reference uses the node name as UID (kubelet.go nodeRef).
    const ref = { kind: 'Node', metadata: { name, uid: name } };
    for (const c of next) {
      const before = previous?.find((p) => p.type === c.type);
      if (before?.status === c.status) continue;
      // The Ready setter only reports transitions; the pressure setters also report a new condition.
      if (c.type === 'Ready' && !before) continue;
      const reason = conditionEvent(c);
      if (reason) this.recorder.event(ref, 'Normal', reason, `Node ${name} status is now: ${reason}`);
    }
  }

  private async renewLease(): Promise<void> {
    if (this.stopped) return;
    const renewTime = this.sim.clock.rfc3339Micro();
    try {
      if (this.lease) {
        this.lease = await this.client.update(Resources.leases, { ...this.lease, spec: { ...this.lease.spec, renewTime } });
        return;
      }
      try {
        this.lease = await this.client.create(Resources.leases, newLease(this.node, renewTime));
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 409)) throw e;
        const existing = await this.client.get<Lease>(Resources.leases, NodeLeaseNamespace, this.node.metadata!.name!);
        const holder = this.node.metadata!.name!;
        this.lease = await this.client.update(Resources.leases, { ...existing, spec: { ...existing.spec, holderIdentity: holder, renewTime } });
      }
    } catch {
      // A conflict or a missing lease: start over from the API at the next renewal.
      this.lease = undefined;
    }
  }
}
