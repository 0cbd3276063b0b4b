import type { Pod } from 'kubernetes-types/core/v1';
import { matches } from '../../../api/labels';
import { ActionType, EventResource, type ClusterEventWithHint } from '../../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { Names } from '../names';
import { filterTopologySpreadConstraints } from './common';
import { filter, preFilter } from './filtering';
import { normalizeScore, preScore, score, scoreNodes } from './scoring';

/**
 * podTopologySpreadHint requeues a pod after an assigned pod changed if that pod is one the
 * rejected pod's constraints count (same namespace, matching selector). Pods spread only by the
 * system defaults are requeued on any such change, as their selector needs the listers.
 */
function isSchedulableAfterPodChange(pod: Pod, oldObj: unknown, newObj: unknown): boolean {
  const changed = (newObj ?? oldObj) as Pod;
  if (changed.metadata?.namespace !== pod.metadata?.namespace) return false;
  const tsc = pod.spec?.topologySpreadConstraints;
  if (!tsc || tsc.length === 0) return true;
  const constraints = [
    ...filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'DoNotSchedule'),
    ...filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'ScheduleAnyway'),
  ];
  const labelSets = [(oldObj as Pod | undefined)?.metadata?.labels, (newObj as Pod | undefined)?.metadata?.labels];
  return constraints.some((c) => labelSets.some((l) => l !== undefined && matches(c.selector, l)));
}

/** podTopologySpread spreads pods over topology domains: DoNotSchedule constraints filter, ScheduleAnyway ones score. */
export const podTopologySpread = {
  name: Names.PodTopologySpread,
  preFilter,
  filter,
  preScore,
  score,
  scoreNodes,
  normalizeScore,

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: EventResource.AssignedPod, actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, label: 'AssignedPodChange' },
        hint: isSchedulableAfterPodChange,
      },
      {
        event: {
          resource: EventResource.Node,
          actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint,
          label: 'NodeChange',
        },
      },
    ];
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions;
