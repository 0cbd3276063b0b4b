import type { Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { matches, selectorFromLabelSelector, type Selector } from '../../api/labels';

// AffinityTerm and its parsing, after pkg/scheduler/framework/types.go (v1.32).

/** AffinityTerm is framework.AffinityTerm: a parsed PodAffinityTerm. */
export interface AffinityTerm {
  namespaces: ReadonlySet<string>;
  selector: Selector;
  topologyKey: string;
  /** namespaceSelector is nothing for a nil selector and everything for {}. */
  namespaceSelector: Selector;
}

/** WeightedAffinityTerm is framework.WeightedAffinityTerm: a preferred term with its weight. */
export interface WeightedAffinityTerm extends AffinityTerm {
  weight: number;
}

/** noTerms is shared by the pods without inter-pod affinity, nearly all of them. */
export const noTerms: readonly never[] = Object.freeze([]);

/** affinityTermMatches is AffinityTerm.Matches: the pod's namespace is listed or its labels are selected, and the pod's labels match. */
export function affinityTermMatches(term: AffinityTerm, pod: Pod, nsLabels: Record<string, string> | undefined): boolean {
  if (term.namespaces.has(pod.metadata?.namespace ?? '') || matches(term.namespaceSelector, nsLabels)) {
    return matches(term.selector, pod.metadata?.labels);
  }
  return false;
}

/** podMatchesAllAffinityTerms is true when the pod matches every term (and there is at least one). */
export function podMatchesAllAffinityTerms(terms: readonly AffinityTerm[], pod: Pod): boolean {
  if (terms.length === 0) return false;
  // Incoming pods' terms have their namespaceSelector merged into namespaces: no namespace labels needed.
  for (const t of terms) if (!affinityTermMatches(t, pod, undefined)) return false;
  return true;
}

/** newAffinityTerm parses a term; namespaces default to the pod's own when neither namespaces nor namespaceSelector is set. */
function newAffinityTerm(pod: Pod, term: PodAffinityTerm): AffinityTerm {
  const namespaces = term.namespaces?.length || term.namespaceSelector ? new Set(term.namespaces ?? []) : new Set([pod.metadata?.namespace ?? '']);
  return {
    namespaces,
    selector: selectorFromLabelSelector(term.labelSelector),
    topologyKey: term.topologyKey,
    namespaceSelector: selectorFromLabelSelector(term.namespaceSelector),
  };
}

/** getAffinityTerms parses required terms (framework.GetAffinityTerms). */
export function getAffinityTerms(pod: Pod, terms: readonly PodAffinityTerm[] | undefined): readonly AffinityTerm[] {
  return terms?.length ? terms.map((t) => newAffinityTerm(pod, t)) : noTerms;
}

/** getWeightedAffinityTerms parses preferred terms. */
export function getWeightedAffinityTerms(pod: Pod, terms: readonly WeightedPodAffinityTerm[] | undefined): readonly WeightedAffinityTerm[] {
  return terms?.length ? terms.map((t) => ({ ...newAffinityTerm(pod, t.podAffinityTerm), weight: t.weight })) : noTerms;
}

/** podWithAffinity is true when the pod has any pod affinity or anti-affinity (NodeInfo.PodsWithAffinity). */
export function podWithAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return !!a && (!!a.podAffinity || !!a.podAntiAffinity);
}

/** podWithRequiredAntiAffinity is true when the pod has required anti-affinity terms (NodeInfo.PodsWithRequiredAntiAffinity). */
export function podWithRequiredAntiAffinity(pod: Pod): boolean {
  return (pod.spec?.affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
}
