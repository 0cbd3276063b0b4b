import type { Pod } from 'kubernetes-types/core/v1';
import { affinityTermMatches, podMatchesAllAffinityTerms, type AffinityTerm } from '../../framework/affinityTerm';

// topologyToMatchedTermCount of pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (v1.32).

/**
 * TopologyToMatchedTermCount counts matched terms per topology pair (topologyKey, value). A count
 * back at zero is deleted, as upstream deletes the map entry: Filter asks whether there is any.
 */
export class TopologyToMatchedTermCount {
  /** counts maps a topology key to its values' counts. */
  private readonly counts = new Map<string, Map<string, number>>();
  /** size is the number of pairs with a non-zero count (len of upstream's map). */
  size = 0;

  get(key: string, value: string): number {
    return this.counts.get(key)?.get(value) ?? 0;
  }

  /** update adds delta to the node's pair for key; a node without the label has no pair. */
  update(nodeLabels: Record<string, string>, key: string, delta: number): void {
    const value = nodeLabels[key];
    if (value === undefined) return;
    let values = this.counts.get(key);
    if (!values) this.counts.set(key, (values = new Map()));
    const before = values.get(value) ?? 0;
    const n = before + delta;
    if (n === 0) {
      values.delete(value);
      if (values.size === 0) this.counts.delete(key);
    } else values.set(value, n);
    if (before === 0 && n !== 0) this.size++;
    else if (before !== 0 && n === 0) this.size--;
  }

  /** updateWithAffinityTerms counts the node's pair of every term when pod matches all of them. */
  updateWithAffinityTerms(terms: readonly AffinityTerm[], pod: Pod, nodeLabels: Record<string, string>, delta: number): void {
    if (!podMatchesAllAffinityTerms(terms, pod)) return;
    for (const t of terms) this.update(nodeLabels, t.topologyKey, delta);
  }

  /** updateWithAntiAffinityTerms counts the node's pair of each term pod matches. */
  updateWithAntiAffinityTerms(
    terms: readonly AffinityTerm[],
    pod: Pod,
    nsLabels: Record<string, string> | undefined,
    nodeLabels: Record<string, string>,
    delta: number,
  ): void {
    for (const t of terms) if (affinityTermMatches(t, pod, nsLabels)) this.update(nodeLabels, t.topologyKey, delta);
  }

  /** anyPositiveOn reports whether any pair of the node's labels has a positive count. */
  anyPositiveOn(nodeLabels: Record<string, string>): boolean {
    // Upstream walks the node's labels; walking the few counted keys finds the same pairs.
    for (const [key, values] of this.counts) {
      const value = nodeLabels[key];
      if (value !== undefined && (values.get(value) ?? 0) > 0) return true;
    }
    return false;
  }

  clone(): TopologyToMatchedTermCount {
    const c = new TopologyToMatchedTermCount();
    for (const [key, values] of this.counts) c.counts.set(key, new Map(values));
    c.size = this.size;
    return c;
  }
}
