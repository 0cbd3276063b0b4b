import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreScorePlugin, ScorePlugin, NodeScoreList } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { NodeFlags } from '../framework/nodeTable';
import { Code, Status } from '../framework/status';
import { defaultNormalizeScore } from './helper/normalizeScore';
import { doNotScheduleTaint, findMatchingUntoleratedTaint, tolerationsTolerateTaint } from './helper/taints';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go (v1.32).

/**
 * errReasonUntoleratedTaint formats the Filter reason. v1.32 prints the taint's key and value
 * ("{node-role.kubernetes.io/control-plane: }"); later versions print "untolerated taint(s)".
 */
export function errReasonUntoleratedTaint(key: string, value: string | undefined): string {
  return `node(s) had untolerated taint {${key}: ${value ?? ''}}`;
}

const preScoreStateKey = 'PreScore' + Names.TaintToleration;

/** tolerationsPreferNoSchedule keeps the tolerations that can match a PreferNoSchedule taint. */
function tolerationsPreferNoSchedule(tolerations: readonly Toleration[] | undefined): Toleration[] {
  const out: Toleration[] = [];
  for (const t of tolerations ?? []) if (!t.effect || t.effect === 'PreferNoSchedule') out.push(t);
  return out;
}

function untolerated(node: Node, pod: Pod): boolean {
  return findMatchingUntoleratedTaint(node.spec?.taints ?? [], pod.spec?.tolerations, doNotScheduleTaint) !== undefined;
}

/**
 * taintToleration filters out nodes with a NoSchedule or NoExecute taint the pod does not tolerate,
 * and prefers nodes with fewer untolerated PreferNoSchedule taints.
 */
export const taintToleration = {
  name: Names.TaintToleration,

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status | null {
    if (node.taints.length === 0) return null;
    const taint = findMatchingUntoleratedTaint(node.taints, pod.spec?.tolerations, doNotScheduleTaint);
    if (!taint) return null;
    return new Status(Code.UnschedulableAndUnresolvable, errReasonUntoleratedTaint(taint.key, taint.value));
  },

  filterNodes(state: CycleState, pod: Pod, slots: Int32Array, count: number, out: (Status | null)[]): number {
    const flags = state.snapshot.table.flags;
    let n = 0;
    for (let i = 0; i < count; i++) {
      const s = (flags[slots[i]] & NodeFlags.Tainted) === 0 ? null : taintToleration.filter(state, pod, state.snapshot.nodeAt(slots[i]));
      out[i] = s;
      if (s !== null) n++;
    }
    return n;
  },

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    state.write(preScoreStateKey, tolerationsPreferNoSchedule(pod.spec?.tolerations));
    return null;
  },

  score(state: CycleState, _pod: Pod, node: NodeInfo): number {
    if (node.taints.length === 0) return 0;
    const tolerations = state.read<Toleration[]>(preScoreStateKey) ?? [];
    let count = 0;
    for (const taint of node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerationsTolerateTaint(tolerations, taint)) count++;
    }
    return count;
  },

  scoreNodes(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array, out: Float64Array): void {
    const flags = state.snapshot.table.flags;
    for (let i = 0; i < nodes.length; i++) out[i] = (flags[slots[i]] & NodeFlags.Tainted) === 0 ? 0 : taintToleration.score(state, pod, nodes[i]);
  },

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScoreList): void {
    defaultNormalizeScore(scores, true);
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'NodeTaintChange' },
        hint: (pod, oldObj, newObj) => {
          const was = oldObj ? untolerated(oldObj as Node, pod) : true;
          return was && !untolerated(newObj as Node, pod);
        },
      },
      { event: { resource: EventResource.Pod, actionType: ActionType.UpdatePodTolerations, label: 'PodTolerationsUpdate' } },
    ];
  },
} satisfies FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions;
