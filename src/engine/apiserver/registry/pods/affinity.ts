import type { Pod, PodAffinityTerm } from 'kubernetes-types/core/v1';

/**
 * mutatePodAffinity is the pod strategy's MatchLabelKeysInPodAffinity step (beta, on in v1.32):
 * each matchLabelKeys / mismatchLabelKeys key the pod has a label for becomes an In / NotIn
 * requirement of the term's labelSelector.
 */
export function mutatePodAffinity(pod: Pod): void {
  const a = pod.spec?.affinity;
  const labels = pod.metadata?.labels ?? {};
  if (!a) return;
  const terms: PodAffinityTerm[] = [];
  for (const pa of [a.podAffinity, a.podAntiAffinity]) {
    if (!pa) continue;
    terms.push(...(pa.requiredDuringSchedulingIgnoredDuringExecution ?? []));
    terms.push(...(pa.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w) => w.podAffinityTerm));
  }
  for (const t of terms) {
    if (!t.labelSelector) continue;
    const add = (keys: string[] | undefined, operator: 'In' | 'NotIn') => {
      for (const key of keys ?? []) {
        const v = labels[key];
        if (v === undefined) continue;
        const sel = t.labelSelector as { matchExpressions?: { key: string; operator: string; values?: string[] }[] };
        sel.matchExpressions = [...(sel.matchExpressions ?? []), { key, operator, values: [v] }];
      }
    };
    add(t.matchLabelKeys, 'In');
    add(t.mismatchLabelKeys, 'NotIn');
  }
}
