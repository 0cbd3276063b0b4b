import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, shallowMapEqual, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin, ScorePlugin } from '../framework/interface';
import { NodeInfo } from '../framework/nodeInfo';
import { newPodInfo } from '../framework/podInfo';
import type { Resource } from '../framework/podResources';
import { Code, Status } from '../framework/status';
import { leastAllocatedScore } from './resourceAllocation';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/noderesources/fit.go (v1.32), with the default
// LeastAllocated scoring strategy (cpu and memory, weight 1 each).

/** Reasons fitsRequest reports, in the order it checks them. */
export const ErrReasonTooManyPods = 'Too many pods';
export const ErrReasonInsufficientCPU = 'Insufficient cpu';
export const ErrReasonInsufficientMemory = 'Insufficient memory';
export const ErrReasonInsufficientEphemeralStorage = 'Insufficient ephemeral-storage';

/** fitsRequest lists why the node cannot hold requests on top of what it runs (empty when it fits). */
export function fitsRequest(req: Resource, node: NodeInfo): string[] {
  let reasons: string[] | undefined;
  const alloc = node.allocatable;
  const used = node.requested;
  if (node.pods.length + 1 > alloc.allowedPodNumber) (reasons ??= []).push(ErrReasonTooManyPods);
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar) return reasons ?? none;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) (reasons ??= []).push(ErrReasonInsufficientCPU);
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) (reasons ??= []).push(ErrReasonInsufficientMemory);
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    (reasons ??= []).push(ErrReasonInsufficientEphemeralStorage);
  }
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q === 0) continue;
      if (q > (alloc.scalar?.get(name) ?? 0) - (used.scalar?.get(name) ?? 0)) (reasons ??= []).push(`Insufficient ${name}`);
    }
  }
  return reasons ?? none;
}

const none: string[] = [];

/** unchecked marks, within filterNodes, a node the quick check could not pass. */
const unchecked = new Status(Code.Error, 'unchecked');

/**
 * fitsPlainRequest is the common case of fitsRequest (no extended resources, room for everything),
 * written out on the node's flat fields: it runs for every node a cycle checks.
 */
function fitsPlainRequest(req: Resource, node: NodeInfo): boolean {
  return (
    node.podCount < node.allowedPodNumber &&
    req.milliCPU <= node.allocMilliCPU - node.reqMilliCPU &&
    req.memory <= node.allocMemory - node.reqMemory &&
    req.ephemeralStorage <= node.allocEphemeralStorage - node.reqEphemeralStorage
  );
}

function fitsEmptyNode(pod: Pod, node: Node): boolean {
  const ni = new NodeInfo(node.metadata?.name ?? '');
  ni.setNode(node);
  return fitsRequest(newPodInfo(pod).requests, ni).length === 0;
}

/** nodeResourcesFit rejects nodes without room for the pod's requests and prefers the least allocated. */
export const nodeResourcesFit = {
  name: Names.NodeResourcesFit,

  filter(state: CycleState, _pod: Pod, node: NodeInfo): Status | null {
    const req = state.podInfo.requests;
    if (req.scalar === null && fitsPlainRequest(req, node)) return null;
    const reasons = fitsRequest(req, node);
    return reasons.length === 0 ? null : new Status(Code.Unschedulable, ...reasons);
  },

  filterNodes(state: CycleState, pod: Pod, slots: Int32Array, count: number, out: (Status | null)[]): number {
    const req = state.podInfo.requests;
    const { podCount, allowedPodNumber, allocMilliCPU, reqMilliCPU, allocMemory, reqMemory, allocEphemeralStorage, reqEphemeralStorage } = state.snapshot.table;
    // fitsPlainRequest on the table's arrays, in a loop without calls; the nodes it cannot pass get
    // the full check after.
    const cpu = req.scalar === null ? req.milliCPU : Infinity;
    const memory = req.memory;
    const storage = req.ephemeralStorage;
    let unsure = 0;
    for (let i = 0; i < count; i++) {
      const j = slots[i];
      const fits =
        podCount[j] < allowedPodNumber[j] &&
        cpu <= allocMilliCPU[j] - reqMilliCPU[j] &&
        memory <= allocMemory[j] - reqMemory[j] &&
        storage <= allocEphemeralStorage[j] - reqEphemeralStorage[j];
      out[i] = fits ? null : unchecked;
      if (!fits) unsure++;
    }
    if (unsure === 0) return 0;
    let rejected = 0;
    for (let i = 0; i < count; i++) {
      if (out[i] !== unchecked) continue;
      const s = nodeResourcesFit.filter(state, pod, state.snapshot.nodeAt(slots[i]));
      out[i] = s;
      if (s !== null) rejected++;
    }
    return rejected;
  },

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    const pi = state.podInfo;
    return leastAllocatedScore(node.nonZeroMilliCPU + pi.nonZeroMilliCPU, node.allocMilliCPU, node.nonZeroMemory + pi.nonZeroMemory, node.allocMemory);
  },

  scoreNodes(state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array, out: Float64Array): void {
    const cpu = state.podInfo.nonZeroMilliCPU;
    const mem = state.podInfo.nonZeroMemory;
    const { nonZeroMilliCPU, allocMilliCPU, nonZeroMemory, allocMemory } = state.snapshot.table;
    for (let i = 0; i < nodes.length; i++) {
      const j = slots[i];
      out[i] = leastAllocatedScore(nonZeroMilliCPU[j] + cpu, allocMilliCPU[j], nonZeroMemory[j] + mem, allocMemory[j]);
    }
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: EventResource.AssignedPod, actionType: ActionType.Delete | ActionType.UpdatePodScaleDown, label: 'AssignedPodDeleteOrScaleDown' },
      },
      {
        event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeAllocatable, label: 'NodeAllocatableChange' },
        hint: (pod, oldObj, newObj) => {
          const n = newObj as Node;
          if (!fitsEmptyNode(pod, n)) return false;
          return !oldObj || !shallowMapEqual((oldObj as Node).status?.allocatable, n.status?.allocatable);
        },
      },
    ];
  },
} satisfies FilterPlugin & ScorePlugin & EnqueueExtensions;
