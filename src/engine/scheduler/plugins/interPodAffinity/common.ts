import { matches, nothing, type Selector } from '../../../api/labels';
import type { AffinityTerm } from '../../framework/affinityTerm';
import type { NamespaceLister, Snapshot } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';

// Shared parts of pkg/scheduler/framework/plugins/interpodaffinity/plugin.go (v1.32), and the
// counting of existing pods that the plugin's PreFilter and PreScore do through the cache.

/** isEverything is labels.Selector.Empty(): a selector with no requirements, which selects everything. */
function isEverything(sel: Selector): boolean {
  return !sel.nothing && sel.requirements.length === 0;
}

/**
 * mergeAffinityTermNamespaces is mergeAffinityTermNamespacesIfNotEmpty over an incoming pod's
 * terms: a non-empty namespaceSelector is resolved against the Namespaces and its names are added
 * to namespaces; the selector becomes nothing. A term then selects either its namespaces or, with
 * the empty namespaceSelector, every namespace, and matching it needs no namespace labels. Terms
 * needing no change are returned as they are (they are shared with the pod's PodInfo).
 */
export function mergeAffinityTermNamespaces<T extends AffinityTerm>(terms: readonly T[], lister: NamespaceLister): readonly T[] {
  if (!terms.some((t) => !t.namespaceSelector.nothing && !isEverything(t.namespaceSelector))) return terms;
  return terms.map((t) => {
    if (t.namespaceSelector.nothing || isEverything(t.namespaceSelector)) return t;
    const namespaces = new Set(t.namespaces);
    for (const ns of lister.list()) if (matches(t.namespaceSelector, ns.metadata?.labels)) namespaces.add(ns.metadata?.name ?? '');
    return { ...t, namespaces, namespaceSelector: nothing };
  });
}

/** getNamespaceLabelsSnapshot is GetNamespaceLabelsSnapshot: the labels of the namespace, undefined if it is not known. */
export function getNamespaceLabelsSnapshot(namespace: string, lister: NamespaceLister): Record<string, string> | undefined {
  const labels = lister.get(namespace)?.metadata?.labels;
  return labels ? { ...labels } : undefined;
}

/** TermMatch is what a merged term (or an and of merged terms) selects: namespaces (undefined: all) and labels. */
interface TermMatch {
  namespaces: ReadonlySet<string> | undefined;
  selector: Selector;
}

/** termMatch is the TermMatch of one merged term. */
export function termMatch(t: AffinityTerm): TermMatch {
  return { namespaces: isEverything(t.namespaceSelector) ? undefined : t.namespaces, selector: t.selector };
}

/**
 * allTermsMatch is the TermMatch of pods matching every merged term: the intersection of the terms'
 * namespaces and the conjunction of their selectors; undefined when no pod can match.
 */
export function allTermsMatch(terms: readonly AffinityTerm[]): TermMatch | undefined {
  if (terms.length === 1) return termMatch(terms[0]);
  let namespaces: Set<string> | undefined;
  const requirements: Selector['requirements'] = [];
  for (const t of terms) {
    if (t.selector.nothing) return undefined;
    requirements.push(...t.selector.requirements);
    if (isEverything(t.namespaceSelector)) continue;
    namespaces = namespaces ? new Set([...namespaces].filter((n) => t.namespaces.has(n))) : new Set(t.namespaces);
  }
  return { namespaces, selector: { requirements } };
}

/**
 * forEachMatchingPodCount visits every node with existing pods (terminating ones included, as
 * upstream's NodeInfo.Pods has them) that m selects, with their number. The cache's selector
 * counters make this a walk over counts instead of over every pod in the cluster.
 */
export function forEachMatchingPodCount(snapshot: Snapshot, m: TermMatch, fn: (node: NodeInfo, count: number) => void): void {
  if (m.selector.nothing) return;
  if (m.namespaces === undefined) {
    snapshot.matchingPods(undefined, m.selector, true).forEachNode(fn);
    return;
  }
  for (const ns of m.namespaces) snapshot.matchingPods(ns, m.selector, true).forEachNode(fn);
}
