import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import type { NodeToStatus } from '../framework/fitError';
import type { Handle, PostFilterPlugin, PostFilterResult } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { moreImportantPod, podPriority, type PodInfo } from '../framework/podInfo';
import { findCandidates, pickOneNodeForPreemption, preemptionFitErrorMessage } from '../framework/preemption';
import { Code, Status } from '../framework/status';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go (v1.32).

/** Messages of PodEligibleToPreemptOthers and SelectVictimsOnNode. */
export const ErrNotEligiblePreemptNever = 'not eligible due to preemptionPolicy=Never.';
export const ErrNotEligibleTerminating = 'not eligible due to a terminating pod on the nominated node.';
export const ErrNoVictims = 'No preemption victims found for incoming pod';

/** PodReasonPreemptionByScheduler is the DisruptionTarget reason the scheduler sets on its victims. */
export const PodReasonPreemptionByScheduler = 'PreemptionByScheduler';

/** podTerminatingByPreemption: deleted, with a DisruptionTarget=True condition set by preemption. */
export function podTerminatingByPreemption(p: Pod): boolean {
  if (!p.metadata?.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((c) => c.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === PodReasonPreemptionByScheduler;
}

/** podEligibleToPreemptOthers returns '' when the pod may preempt, else the reason it may not. */
export function podEligibleToPreemptOthers(state: CycleState, pod: Pod, statuses: NodeToStatus): string {
  if (pod.spec?.preemptionPolicy === 'Never') return ErrNotEligiblePreemptNever;
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    // A nominated node that can no longer work at all is grounds to preempt again.
    if (statuses.get(nominated).code === Code.UnschedulableAndUnresolvable) return '';
    const ni = state.snapshot.get(nominated);
    const prio = podPriority(pod);
    if (ni?.pods.some((p) => p.priority < prio && podTerminatingByPreemption(p.pod))) return ErrNotEligibleTerminating;
  }
  return '';
}

/**
 * selectVictimsOnNode removes every lower-priority pod, checks the pod then fits, and adds back
 * as many as possible, most important first. Those it cannot add back are the victims. node and
 * state are the dry run's copies: every removal and re-addition goes through the PreFilter
 * extensions, so that InterPodAffinity's counts follow the node.
 */
export function selectVictimsOnNode(state: CycleState, pod: Pod, node: NodeInfo, handle: Handle): { victims: Pod[]; status: Status | null } {
  const prio = state.podInfo.priority;
  const potential: PodInfo[] = [];
  const removePod = (pi: PodInfo) => {
    node.removePod(pi.key);
    handle.runPreFilterExtensionRemovePod(state, pod, pi, node);
  };
  for (const pi of [...node.pods]) {
    if (pi.priority < prio) {
      potential.push(pi);
      removePod(pi);
    }
  }
  if (potential.length === 0) return { victims: [], status: new Status(Code.UnschedulableAndUnresolvable, ErrNoVictims) };
  const s = handle.runFilterPluginsWithNominatedPods(state, pod, node);
  if (s !== null) return { victims: [], status: s };
  potential.sort((a, b) => (moreImportantPod(a.pod, b.pod) ? -1 : moreImportantPod(b.pod, a.pod) ? 1 : 0));
  const victims: Pod[] = [];
  for (const pi of potential) {
    node.addPod(pi);
    handle.runPreFilterExtensionAddPod(state, pod, pi, node);
    if (handle.runFilterPluginsWithNominatedPods(state, pod, node) !== null) {
      removePod(pi);
      victims.push(pi.pod);
    }
  }
  return { victims, status: null };
}

function preempt(state: CycleState, pod: Pod, statuses: NodeToStatus, handle: Handle): { result: PostFilterResult | null; status: Status | null } {
  const notEligible = podEligibleToPreemptOthers(state, pod, statuses);
  if (notEligible) return { result: null, status: new Status(Code.Unschedulable, notEligible) };
  const { candidates, nodeStatuses } = findCandidates(state, pod, statuses, handle, selectVictimsOnNode, handle.rng);
  if (candidates.length === 0) {
    const msg = preemptionFitErrorMessage(pod, state.snapshot.list().length, nodeStatuses);
    return { result: { nominatedNodeName: '' }, status: new Status(Code.Unschedulable, msg) };
  }
  const best = pickOneNodeForPreemption(candidates)!;
  // Lower-priority pods nominated to this node may no longer fit there: clear their nomination.
  const prio = state.podInfo.priority;
  const clearNominations = handle
    .nominatedPodsForNode(best.name)
    .filter((p) => p.priority < prio)
    .map((p) => p.pod);
  return { result: { nominatedNodeName: best.name, victims: best.victims, clearNominations }, status: null };
}

/** defaultPreemption evicts lower-priority pods to make room when no node fits. */
export const defaultPreemption = {
  name: Names.DefaultPreemption,

  postFilter(state: CycleState, pod: Pod, statuses: NodeToStatus, handle: Handle): { result: PostFilterResult | null; status: Status | null } {
    const { result, status } = preempt(state, pod, statuses, handle);
    const msg = status?.message() ?? '';
    if (msg) return { result, status: new Status(status!.code, 'preemption: ' + msg) };
    return { result, status };
  },
} satisfies PostFilterPlugin;
