import type { Node, Pod, Taint } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { NodeFlags } from '../framework/nodeTable';
import { Code, Status } from '../framework/status';
import { tolerationsTolerateTaint } from './helper/taints';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go (v1.32).

/** ErrReasonUnschedulable is the reason for a cordoned node. */
export const ErrReasonUnschedulable = 'node(s) were unschedulable';

/** TaintNodeUnschedulable is the taint a pod tolerates to land on a cordoned node. */
export const TaintNodeUnschedulable = 'node.kubernetes.io/unschedulable';

const unschedulableTaint: Taint = { key: TaintNodeUnschedulable, effect: 'NoSchedule' };
const rejected = new Status(Code.UnschedulableAndUnresolvable, ErrReasonUnschedulable);

/** nodeUnschedulable rejects nodes with spec.unschedulable unless the pod tolerates the unschedulable taint. */
export const nodeUnschedulable = {
  name: Names.NodeUnschedulable,

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status | null {
    if (!node.unschedulable) return null;
    // A pod tolerating the unschedulable taint also tolerates spec.unschedulable.
    if (tolerationsTolerateTaint(pod.spec?.tolerations, unschedulableTaint)) return null;
    return rejected;
  },

  filterNodes(state: CycleState, pod: Pod, slots: Int32Array, count: number, out: (Status | null)[]): number {
    const flags = state.snapshot.table.flags;
    let n = 0;
    let tolerates: boolean | undefined;
    for (let i = 0; i < count; i++) {
      out[i] = null;
      if ((flags[slots[i]] & NodeFlags.Unschedulable) === 0) continue;
      tolerates ??= tolerationsTolerateTaint(pod.spec?.tolerations, unschedulableTaint);
      if (tolerates) continue;
      out[i] = rejected;
      n++;
    }
    return n;
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeTaint, label: 'NodeUnschedulable' },
        hint: (_pod, oldObj, newObj) => {
          const before = oldObj ? !(oldObj as Node).spec?.unschedulable : false;
          return !before && !(newObj as Node).spec?.unschedulable;
        },
      },
      { event: { resource: EventResource.Pod, actionType: ActionType.UpdatePodTolerations, label: 'PodTolerationsUpdate' } },
    ];
  },
} satisfies FilterPlugin & EnqueueExtensions;
