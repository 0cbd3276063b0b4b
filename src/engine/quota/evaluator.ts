import type { ResourceQuota, ScopedResourceSelectorRequirement, ScopeSelector } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { add, type ResourceList } from './resources';
import { zeroQuantity, type Quantity } from './quantity';

// The quota.Evaluator interface (k8s.io/apiserver/pkg/quota/v1/interfaces.go) and the helpers of
// its generic package (quota/v1/generic/evaluator.go), v1.32. Admission and the resource quota
// controller share the evaluators: admission measures one object, the controller a namespace.

/** Operation is the admission operation an evaluator may handle. */
export const Operation = { Create: 'CREATE', Update: 'UPDATE' } as const;
export type Operation = (typeof Operation)[keyof typeof Operation];

/** GroupResource names a resource without its version. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** ListFuncByNamespace lists the objects of one resource in a namespace. */
export type ListFuncByNamespace = (namespace: string) => readonly KubeObject[];

/** UsageStatsOptions is what the controller asks an evaluator to total up. */
export interface UsageStatsOptions {
  namespace: string;
  scopes?: readonly string[];
  scopeSelector?: ScopeSelector;
  resources: readonly string[];
}

/** Evaluator knows how to measure the quota usage of one resource. */
export interface Evaluator {
  readonly groupResource: GroupResource;
  /** constraints returns an error message when obj lacks something the required resources demand. */
  constraints(required: readonly string[], obj: KubeObject): string | undefined;
  /** handles says whether an operation on this resource can change usage. */
  handles(operation: Operation, subresource: string): boolean;
  /** matches says whether quota tracks obj: it limits one of our resources and all its scopes match. */
  matches(quota: ResourceQuota, obj: KubeObject): boolean;
  matchingResources(names: readonly string[]): string[];
  /** matchingScopes returns the selectors obj matches. */
  matchingScopes(obj: KubeObject, selectors: readonly ScopedResourceSelectorRequirement[]): ScopedResourceSelectorRequirement[];
  usage(obj: KubeObject): ResourceList;
  usageStats(opts: UsageStatsOptions): ResourceList;
}

/** MatchesScopeFunc says whether an object matches one scope selector requirement. */
export type MatchesScopeFunc = (selector: ScopedResourceSelectorRequirement, obj: KubeObject) => boolean;

/** matchesNoScope is MatchesNoScopeFunc: resources without scopes match none. */
export const matchesNoScope: MatchesScopeFunc = () => false;

/** objectCountQuotaResourceNameFor is "count/<resource>" for core, "count/<resource>.<group>" otherwise. */
export function objectCountQuotaResourceNameFor(gr: GroupResource): string {
  return gr.group ? `count/${gr.resource}.${gr.group}` : `count/${gr.resource}`;
}

/** scopeSelectorsFromQuota turns spec.scopes into Exists requirements, followed by spec.scopeSelector's. */
export function scopeSelectorsFromQuota(quota: ResourceQuota): ScopedResourceSelectorRequirement[] {
  const selectors: ScopedResourceSelectorRequirement[] = (quota.spec?.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' }));
  return [...selectors, ...(quota.spec?.scopeSelector?.matchExpressions ?? [])];
}

/** matches is generic.Matches: the quota's status.hard names one of our resources and every scope matches. */
export function matches(
  quota: ResourceQuota,
  obj: KubeObject,
  matchingResources: (names: readonly string[]) => string[],
  scopeFunc: MatchesScopeFunc,
): boolean {
  const matchResource = matchingResources(Object.keys(quota.status?.hard ?? {})).length > 0;
  return matchResource && scopeSelectorsFromQuota(quota).every((s) => scopeFunc(s, obj));
}

/**
 * calculateUsageStats is generic.CalculateUsageStats: every tracked resource starts at zero, and
 * each object in the namespace matching all the scopes adds its usage.
 */
export function calculateUsageStats(
  opts: UsageStatsOptions,
  list: ListFuncByNamespace,
  scopeFunc: MatchesScopeFunc,
  usage: (obj: KubeObject) => ResourceList,
): ResourceList {
  const zero: Record<string, Quantity> = {};
  for (const r of opts.resources) zero[r] = zeroQuantity;
  let used: ResourceList = zero;
  const selectors: ScopedResourceSelectorRequirement[] = [
    ...(opts.scopes ?? []).map((scopeName) => ({ scopeName, operator: 'Exists' })),
    ...(opts.scopeSelector?.matchExpressions ?? []),
  ];
  for (const obj of list(opts.namespace)) {
    if (selectors.every((s) => scopeFunc(s, obj))) used = add(used, usage(obj));
  }
  return used;
}
