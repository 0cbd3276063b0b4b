import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../../sim/rng';
import type { CycleState } from './cycleState';
import { FitError, NodeToStatus, newDiagnosis } from './fitError';
import type { Handle } from './interface';
import type { NodeInfo } from './nodeInfo';
import { podPriority, podStartTime } from './podInfo';
import { Code, Status } from './status';

// The preemption evaluator of pkg/scheduler/framework/preemption/preemption.go (v1.32), without
// PodDisruptionBudgets (every victim counts as not violating one) and without extenders.

/** ErrPreemptionNotHelpful is the status of nodes where evicting pods cannot help. */
export const ErrPreemptionNotHelpful = 'Preemption is not helpful for scheduling';

/** minCandidateNodesPercentage and minCandidateNodesAbsolute are DefaultPreemptionArgs' defaults. */
const minCandidateNodesPercentage = 10;
const minCandidateNodesAbsolute = 100;

/** Candidate is a node where evicting victims (highest priority first) makes room for the pod. */
export interface Candidate {
  name: string;
  victims: Pod[];
}

/** SelectVictimsOnNode is the plugin-specific part of the evaluator (DefaultPreemption's). */
export type SelectVictimsOnNode = (state: CycleState, pod: Pod, node: NodeInfo, handle: Handle) => { victims: Pod[]; status: Status | null };

/** calculateNumCandidates is 10% of the potential nodes, at least 100, at most all of them. */
export function calculateNumCandidates(numNodes: number): number {
  let n = Math.trunc((numNodes * minCandidateNodesPercentage) / 100);
  if (n < minCandidateNodesAbsolute) n = minCandidateNodesAbsolute;
  return n > numNodes ? numNodes : n;
}

/**
 * findCandidates dry-runs preemption on the nodes whose rejection was merely Unschedulable,
 * starting at a random offset, until enough candidates are found. The statuses of nodes that did
 * not become candidates explain the failure.
 */
export function findCandidates(
  state: CycleState,
  pod: Pod,
  statuses: NodeToStatus,
  handle: Handle,
  selectVictims: SelectVictimsOnNode,
  rng: Rng,
): { candidates: Candidate[]; nodeStatuses: NodeToStatus } {
  const potential = statuses.nodesForStatusCode(state.snapshot.list(), Code.Unschedulable);
  const nodeStatuses = new NodeToStatus();
  if (potential.length === 0) return { candidates: [], nodeStatuses };
  const offset = rng.int(potential.length);
  const wanted = calculateNumCandidates(potential.length);
  const candidates: Candidate[] = [];
  for (let i = 0; i < potential.length && candidates.length < wanted; i++) {
    // The dry run changes a copy of the node and of the state, as the PreFilter extensions follow its removals.
    const ni = potential[(offset + i) % potential.length].clone();
    const { victims, status } = selectVictims(state.clone(), pod, ni, handle);
    if (status === null && victims.length > 0) {
      candidates.push({ name: ni.name, victims });
      continue;
    }
    nodeStatuses.set(ni.name, status ?? new Status(Code.Error, `expected at least one victim pod on node "${ni.name}"`));
  }
  return { candidates, nodeStatuses };
}

/** preemptionFitErrorMessage renders the "0/N nodes are available: ..." text of a failed preemption. */
export function preemptionFitErrorMessage(pod: Pod, numAllNodes: number, nodeStatuses: NodeToStatus): string {
  nodeStatuses.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, ErrPreemptionNotHelpful);
  const d = newDiagnosis();
  d.nodeToStatus = nodeStatuses;
  return new FitError(pod, numAllNodes, d).error();
}

/**
 * pickOneNodeForPreemption prefers, in order: the lowest highest-priority victim, the smallest sum
 * of victim priorities, the fewest victims, the latest start among the highest-priority victims,
 * and finally the first candidate.
 */
export function pickOneNodeForPreemption(candidates: readonly Candidate[]): Candidate | undefined {
  if (candidates.length === 0) return undefined;
  const scoreFuncs: ((c: Candidate) => number)[] = [
    (c) => -podPriority(c.victims[0]),
    // MaxInt32+1 keeps negative priorities from rewarding more victims.
    (c) => -c.victims.reduce((sum, p) => sum + podPriority(p) + 2147483648, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfHighestPriority(c.victims),
  ];
  let all = [...candidates];
  for (const f of scoreFuncs) {
    let max = -Infinity;
    let selected: Candidate[] = [];
    for (const c of all) {
      const s = f(c);
      if (s > max) {
        max = s;
        selected = [];
      }
      if (s === max) selected.push(c);
    }
    if (selected.length === 1) return selected[0];
    all = selected;
  }
  return all[0];
}

/** earliestStartOfHighestPriority is util.GetEarliestPodStartTime: the earliest start among the top-priority victims. */
function earliestStartOfHighestPriority(victims: readonly Pod[]): number {
  const top = podPriority(victims[0]);
  let earliest = Infinity;
  for (const v of victims) if (podPriority(v) === top) earliest = Math.min(earliest, podStartTime(v));
  return earliest;
}
