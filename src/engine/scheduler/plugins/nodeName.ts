import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { Code, skipStatus, Status } from '../framework/status';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/nodename/node_name.go (v1.32).

/** ErrReason is the reason for a node other than spec.nodeName. */
export const ErrReason = "node(s) didn't match the requested node name";

const rejected = new Status(Code.UnschedulableAndUnresolvable, ErrReason);

/** nodeName admits only the node a pod names in spec.nodeName, if it names one. */
export const nodeName = {
  name: Names.NodeName,

  // Upstream has no PreFilter here; skipping the Filter for pods without spec.nodeName changes no
  // verdict and saves a call per node.
  preFilter(_state: CycleState, pod: Pod): Status | null {
    return pod.spec?.nodeName ? null : skipStatus;
  },

  filter(_state: CycleState, pod: Pod, node: NodeInfo): Status | null {
    const want = pod.spec?.nodeName;
    return !want || want === node.name ? null : rejected;
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [{ event: { resource: EventResource.Node, actionType: ActionType.Add, label: 'NodeAdd' } }];
  },
} satisfies PreFilterPlugin & FilterPlugin & EnqueueExtensions;
