import type { Node, Pod } from 'kubernetes-types/core/v1';
import { matches } from '../../../api/labels';
import { getAffinityTerms, podMatchesAllAffinityTerms } from '../../framework/affinityTerm';
import { ActionType, EventResource, type ClusterEventWithHint } from '../../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreFilterExtensions, PreFilterPlugin, PreScorePlugin, ScorePlugin } from '../../framework/interface';
import { Names } from '../names';
import { addPod, filter, preFilter, removePod } from './filtering';
import { normalizeScore, preScore, score } from './scoring';

// From pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (v1.32): the plugin and its
// queueing hints.

/**
 * isSchedulableAfterPodChange requeues the pod when an assigned pod now matches all its affinity
 * terms (added, or updated to match), stopped matching its anti-affinity terms, or was deleted
 * while matching them. Upstream v1.32 stops there, so a pod rejected only because of an existing
 * pod's anti-affinity waits for the periodic flush after that pod goes; here the deletion of a
 * pod whose required anti-affinity selects the pod requeues it too.
 */
function isSchedulableAfterPodChange(pod: Pod, oldObj: unknown, newObj: unknown): boolean {
  const original = (oldObj ?? undefined) as Pod | undefined;
  const modified = (newObj ?? undefined) as Pod | undefined;
  if ((modified && !modified.spec?.nodeName) || (original && !original.spec?.nodeName)) return false;
  const terms = getAffinityTerms(pod, pod.spec?.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  const antiTerms = getAffinityTerms(pod, pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution);
  if (original && modified) {
    if (!podMatchesAllAffinityTerms(terms, original) && podMatchesAllAffinityTerms(terms, modified)) return true;
    return podMatchesAllAffinityTerms(antiTerms, original) && !podMatchesAllAffinityTerms(antiTerms, modified);
  }
  if (modified) return podMatchesAllAffinityTerms(terms, modified);
  if (!original) return false;
  return podMatchesAllAffinityTerms(antiTerms, original) || antiAffinitySelects(original, pod);
}

/** antiAffinitySelects: a required anti-affinity term of existing selects pod's labels (namespaces not checked: a spare retry is harmless). */
function antiAffinitySelects(existing: Pod, pod: Pod): boolean {
  return getAffinityTerms(existing, existing.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution).some((t) =>
    matches(t.selector, pod.metadata?.labels),
  );
}

/** isSchedulableAfterNodeChange requeues the pod when an added or updated node has a topology key of its (anti-)affinity terms. */
function isSchedulableAfterNodeChange(pod: Pod, _oldObj: unknown, newObj: unknown): boolean {
  const labels = (newObj as Node).metadata?.labels ?? {};
  const affinity = pod.spec?.affinity;
  const terms = [
    ...(affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
    ...(affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []),
  ];
  return terms.some((t) => Object.hasOwn(labels, t.topologyKey));
}

/** interPodAffinity places pods relative to other pods: required terms filter, preferred ones (and other pods' terms) score. */
export const interPodAffinity = {
  name: Names.InterPodAffinity,
  preFilter,
  addPod,
  removePod,
  filter,
  preScore,
  score,
  normalizeScore,

  eventsToRegister(): ClusterEventWithHint[] {
    // With queueing hints on (v1.32's default) UpdateNodeTaint is not registered: taints do not change topology.
    return [
      {
        event: { resource: EventResource.AssignedPod, actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete, label: 'AssignedPodChange' },
        hint: isSchedulableAfterPodChange,
      },
      { event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'NodeChange' }, hint: isSchedulableAfterNodeChange },
    ];
  },
} satisfies PreFilterPlugin & PreFilterExtensions & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions;
