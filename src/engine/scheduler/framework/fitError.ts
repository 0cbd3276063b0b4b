import type { Pod } from 'kubernetes-types/core/v1';
import type { NodeInfo } from './nodeInfo';
import { Code, Status } from './status';

// Messages and formatting from pkg/scheduler/framework/types.go (v1.32).

/** NoNodeAvailableMsg is the head of every FitError message ("0/%v nodes are available"). */
export const NoNodeAvailableMsg = (n: number) => `0/${n} nodes are available`;

/** ErrNoNodesAvailable is schedule_one.go's error when the cluster has no nodes at all. */
export const ErrNoNodesAvailable = 'no nodes available to schedule pods';

/** defaultAbsentStatus is NewDefaultNodeToStatus' absent status; shared, it is never modified. */
const defaultAbsentStatus = new Status(Code.UnschedulableAndUnresolvable);

/**
 * NodeToStatus is framework.NodeToStatus: the statuses of the nodes a cycle rejected, plus one
 * status that stands for every node not listed (absentNodesStatus).
 */
export class NodeToStatus {
  /** statuses is created by the first rejection: most cycles reject no node. */
  private statuses: Map<string, Status> | undefined;
  absentNodesStatus = defaultAbsentStatus;

  get(name: string): Status {
    return this.statuses?.get(name) ?? this.absentNodesStatus;
  }

  set(name: string, s: Status): void {
    (this.statuses ??= new Map()).set(name, s);
  }

  get len(): number {
    return this.statuses?.size ?? 0;
  }

  forEachExplicitNode(fn: (name: string, s: Status) => void): void {
    if (this.statuses) for (const [n, s] of this.statuses) fn(n, s);
  }

  /** nodesForStatusCode lists the nodes whose status has code, counting absent nodes too. */
  nodesForStatusCode(all: readonly NodeInfo[], code: Code): NodeInfo[] {
    const out: NodeInfo[] = [];
    const absentMatches = this.absentNodesStatus.code === code;
    for (const n of all) {
      const s = this.statuses?.get(n.name);
      if (s ? s.code === code : absentMatches) out.push(n);
    }
    return out;
  }
}

/** Diagnosis is framework.Diagnosis: why a cycle found no node. */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  unschedulablePlugins: Set<string>;
  pendingPlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

/** newDiagnosis returns an empty Diagnosis, starting from the plugins PreFilter already named. */
export function newDiagnosis(unschedulablePlugins = new Set<string>()): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins, pendingPlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** addPluginStatus is Diagnosis.AddPluginStatus: remember which plugin rejected the pod. */
export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (!s.plugin) return;
  if (s.isRejected()) d.unschedulablePlugins.add(s.plugin);
  if (s.code === Code.Pending) d.pendingPlugins.add(s.plugin);
}

/** FitError is framework.FitError: no node fits the pod. */
export class FitError {
  constructor(
    readonly pod: Pod,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {}

  /**
   * error renders "0/X nodes are available: <PreFilterMsg>. <FilterMsg>. <PostFilterMsg>" where
   * FilterMsg is a histogram "N reason" sorted as Go's sort.Strings sorts (byte order, so "10 x" < "2 x").
   */
  error(): string {
    return fitErrorMessage(this.numAllNodes, this.diagnosis);
  }
}

/** fitErrorMessage is FitError.Error(). */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `${NoNodeAvailableMsg(numAllNodes)}:`;
  if (d.preFilterMsg !== '') {
    // All nodes carry the PreFilter status; listing them would repeat it.
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    d.nodeToStatus.forEachExplicitNode((_, s) => {
      for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    });
    const absent = numAllNodes - d.nodeToStatus.len;
    if (absent > 0) {
      for (const r of d.nodeToStatus.absentNodesStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    }
    const histogram: string[] = [];
    for (const [r, n] of reasons) histogram.push(`${n} ${r}`);
    histogram.sort(byteOrder);
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** byteOrder compares as Go's sort.Strings (code units equal bytes for the ASCII reasons). */
export function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
