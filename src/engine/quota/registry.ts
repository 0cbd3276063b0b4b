import type { ScopeSelector } from 'kubernetes-types/core/v1';
import type { Evaluator, GroupResource, ListFuncByNamespace } from './evaluator';
import { newObjectCountEvaluator } from './objectCount';
import { newPersistentVolumeClaimEvaluator } from './persistentVolumeClaims';
import { newPodEvaluator } from './pods';
import { add, intersection, mask, type ResourceList } from './resources';
import { newServiceEvaluator } from './services';

// The evaluator registry: pkg/quota/v1/evaluator/core/registry.go (which evaluators exist),
// pkg/quota/v1/install/registry.go (what quota ignores), k8s.io/apiserver/pkg/quota/v1/generic/
// registry.go, and CalculateUsage of quota/v1/resources.go (v1.32).

/** ListerForResource gives the namespace listing of a resource, for evaluators that total usage. */
export type ListerForResource = (gr: GroupResource) => ListFuncByNamespace;

// legacyObjectCountAliases are the names quota counted objects by before count/<resource>.
const legacyObjectCountAliases: [string, string][] = [
  ['configmaps', 'configmaps'],
  ['resourcequotas', 'resourcequotas'],
  ['replicationcontrollers', 'replicationcontrollers'],
  ['secrets', 'secrets'],
];

// ignoredResources are never quota'd: virtual resources and events.
const ignoredResources = new Set([
  '/bindings',
  '/componentstatuses',
  'authentication.k8s.io/tokenreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  '/events',
  'events.k8s.io/events',
]);

const grKey = (gr: GroupResource) => `${gr.group}/${gr.resource}`;

/** isIgnoredResource says whether quota leaves a resource alone. */
export function isIgnoredResource(gr: GroupResource): boolean {
  return ignoredResources.has(grKey(gr));
}

/** newEvaluators returns the core evaluators: pods, services, claims and the legacy object counts. */
export function newEvaluators(listerFor: ListerForResource = () => () => [], now: () => number = () => 0): Evaluator[] {
  const core = (resource: string) => listerFor({ group: '', resource });
  return [
    newPodEvaluator(core('pods'), now),
    newServiceEvaluator(core('services')),
    newPersistentVolumeClaimEvaluator(core('persistentvolumeclaims')),
    ...legacyObjectCountAliases.map(([resource, alias]) => newObjectCountEvaluator({ group: '', resource }, core(resource), alias)),
  ];
}

/** QuotaRegistry maps a group/resource to its evaluator. */
export class QuotaRegistry {
  private readonly evaluators = new Map<string, Evaluator>();

  constructor(evaluators: Evaluator[]) {
    for (const e of evaluators) this.add(e);
  }

  add(e: Evaluator): void {
    this.evaluators.set(grKey(e.groupResource), e);
  }

  get(gr: GroupResource): Evaluator | undefined {
    return this.evaluators.get(grKey(gr));
  }

  list(): Evaluator[] {
    return [...this.evaluators.values()];
  }
}

/**
 * calculateUsage totals the usage of the resources a quota limits in a namespace, asking each
 * evaluator that tracks one of them, and keeps only those resources.
 */
export function calculateUsage(
  namespace: string,
  scopes: readonly string[] | undefined,
  hard: ResourceList,
  registry: QuotaRegistry,
  scopeSelector?: ScopeSelector,
): ResourceList {
  const hardResources = Object.keys(hard);
  const evaluators = registry.list();
  const matched = intersection(hardResources, evaluators.flatMap((e) => e.matchingResources(hardResources)));
  let usage: ResourceList = {};
  for (const e of evaluators) {
    const resources = e.matchingResources(matched);
    if (resources.length === 0) continue;
    usage = add(usage, e.usageStats({ namespace, scopes, scopeSelector, resources }));
  }
  return mask(usage, matched);
}
