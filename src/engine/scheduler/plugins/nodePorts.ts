import type { Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../framework/interface';
import type { NodeInfo } from '../framework/nodeInfo';
import { containerHostPorts } from '../framework/podInfo';
import { Code, skipStatus, Status } from '../framework/status';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/nodeports/node_ports.go (v1.32).

/** ErrReason is the reason for a node where a requested host port is taken. */
export const ErrReason = "node(s) didn't have free ports for the requested pod ports";

const rejected = new Status(Code.Unschedulable, ErrReason);

/** nodePorts rejects nodes where one of the pod's host ports is already in use. */
export const nodePorts = {
  name: Names.NodePorts,

  preFilter(state: CycleState): Status | null {
    // The ports are precomputed on the PodInfo; no pod ports means nothing to filter.
    return state.podInfo.hostPorts.length === 0 ? skipStatus : null;
  },

  filter(state: CycleState, _pod: Pod, node: NodeInfo): Status | null {
    if (node.usedPorts.size === 0) return null;
    for (const p of state.podInfo.hostPorts) if (node.checkPortConflict(p)) return rejected;
    return null;
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        // A deleted pod frees its ports: only worth a retry if it held one this pod wants.
        event: { resource: EventResource.AssignedPod, actionType: ActionType.Delete, label: 'AssignedPodDelete' },
        hint: (pod, oldObj) => {
          const freed = containerHostPorts(oldObj as Pod);
          if (freed.length === 0) return false;
          return containerHostPorts(pod).some((w) => freed.some((f) => f.port === w.port && f.protocol === w.protocol));
        },
      },
      { event: { resource: EventResource.Node, actionType: ActionType.Add, label: 'NodeAdd' } },
    ];
  },
} satisfies PreFilterPlugin & FilterPlugin & EnqueueExtensions;
