import type { Pod, NodeSelectorRequirement, NodeSelectorTerm, PreferredSchedulingTerm } from 'kubernetes-types/core/v1';
import type { NodeInfo } from '../../framework/nodeInfo';

// Node selectors, after k8s.io/component-helpers/scheduling/corev1/nodeaffinity (v1.32). Terms
// are compiled once per pod into predicates, so matching 5,000 nodes does no parsing.

type Predicate = (labels: Record<string, string>, nodeName: string) => boolean;

const integer = /^[+-]?\d+$/;

function requirementPredicate(r: NodeSelectorRequirement, field: boolean): Predicate {
  const values = r.values ?? [];
  const get = field
    ? (_: Record<string, string>, name: string) => (r.key === 'metadata.name' ? name : undefined)
    : (labels: Record<string, string>) => (Object.prototype.hasOwnProperty.call(labels, r.key) ? labels[r.key] : undefined);
  switch (r.operator) {
    case 'In': {
      const set = new Set(values);
      return (l, n) => {
        const v = get(l, n);
        return v !== undefined && set.has(v);
      };
    }
    case 'NotIn': {
      const set = new Set(values);
      return (l, n) => {
        const v = get(l, n);
        return v === undefined || !set.has(v);
      };
    }
    case 'Exists':
      if (field) return never;
      return (l, n) => get(l, n) !== undefined;
    case 'DoesNotExist':
      if (field) return never;
      return (l, n) => get(l, n) === undefined;
    case 'Gt':
    case 'Lt': {
      // A malformed bound is a parse error: the term then matches nothing.
      if (field || values.length !== 1 || !integer.test(values[0])) return never;
      const bound = Number(values[0]);
      const gt = r.operator === 'Gt';
      return (l, n) => {
        const v = get(l, n);
        if (v === undefined || !integer.test(v)) return false;
        return gt ? Number(v) > bound : Number(v) < bound;
      };
    }
    default:
      return never;
  }
}

const never: Predicate = () => false;

function isEmptyTerm(t: NodeSelectorTerm | undefined): boolean {
  return !t || ((t.matchExpressions?.length ?? 0) === 0 && (t.matchFields?.length ?? 0) === 0);
}

function compileTerm(t: NodeSelectorTerm): Predicate {
  const preds: Predicate[] = [];
  for (const r of t.matchExpressions ?? []) preds.push(requirementPredicate(r, false));
  for (const r of t.matchFields ?? []) preds.push(requirementPredicate(r, true));
  return (l, n) => {
    for (const p of preds) if (!p(l, n)) return false;
    return true;
  };
}

/** NodeSelectorMatcher is a compiled v1.NodeSelector: the terms are ORed, empty terms match nothing. */
export class NodeSelectorMatcher {
  private readonly terms: Predicate[];

  constructor(terms: readonly NodeSelectorTerm[]) {
    this.terms = terms.filter((t) => !isEmptyTerm(t)).map(compileTerm);
  }

  match(labels: Record<string, string>, nodeName: string): boolean {
    for (const t of this.terms) if (t(labels, nodeName)) return true;
    return false;
  }
}

/**
 * RequiredNodeAffinity is nodeaffinity.RequiredNodeAffinity: spec.nodeSelector AND the required
 * node affinity. A pod with neither matches every node.
 */
export class RequiredNodeAffinity {
  private readonly selector: [string, string][] | null;
  private readonly nodeSelector: NodeSelectorMatcher | null;

  constructor(pod: Pod) {
    const ns = pod.spec?.nodeSelector;
    this.selector = ns && Object.keys(ns).length > 0 ? Object.entries(ns) : null;
    const req = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    this.nodeSelector = req ? new NodeSelectorMatcher(req.nodeSelectorTerms ?? []) : null;
  }

  /** isEmpty is true when the pod has no node selector and no required node affinity. */
  get isEmpty(): boolean {
    return this.selector === null && this.nodeSelector === null;
  }

  match(node: NodeInfo): boolean {
    const labels = node.labels;
    if (this.selector) {
      for (const [k, v] of this.selector) if (labels[k] !== v) return false;
    }
    return this.nodeSelector ? this.nodeSelector.match(labels, node.name) : true;
  }
}

/** PreferredSchedulingTerms is nodeaffinity.PreferredSchedulingTerms: Score sums the weights of matching terms. */
export class PreferredSchedulingTerms {
  private readonly terms: { weight: number; match: Predicate }[];

  constructor(terms: readonly PreferredSchedulingTerm[]) {
    this.terms = terms.filter((t) => t.weight !== 0 && !isEmptyTerm(t.preference)).map((t) => ({ weight: t.weight, match: compileTerm(t.preference) }));
  }

  score(node: NodeInfo): number {
    let s = 0;
    for (const t of this.terms) if (t.match(node.labels, node.name)) s += t.weight;
    return s;
  }
}
