import type { Container, Pod, PodAffinityTerm, ScopedResourceSelectorRequirement } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { matches as labelsMatch, selectorFromLabelSelector } from '../api/labels';
import { parseTime } from '../sim/clock';
import { computePodQOS } from '../apiserver/validation/podQOS';
import { isExtendedResourceName, isNativeResource } from '../apiserver/validation/resources';
import { calculateUsageStats, matches, objectCountQuotaResourceNameFor, Operation, type Evaluator, type ListFuncByNamespace } from './evaluator';
import { newQuantity, type Quantity } from './quantity';
import { add, intersection, type ResourceList } from './resources';
import { podLimits, podRequests } from './podResources';

// The pod evaluator of pkg/quota/v1/evaluator/core/pods.go (v1.32). InPlacePodVerticalScaling is
// off in v1.32, so only creates are charged.

const podObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'pods' });

const podResources = [
  podObjectCountName,
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
];
const podResourcePrefixes = ['hugepages-', 'requests.hugepages-'];

// "it was a mistake, but if a quota tracks cpu or memory related resources, the incoming pod is
// required to have those values set" (pods.go): only these six demand explicit container values.
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

function isExtendedResourceNameForQuota(name: string): boolean {
  return !isNativeResource(name) && name.startsWith('requests.');
}

/** podComputeUsageHelper maps requests and limits to the quota names they count against. */
function podComputeUsageHelper(requests: ResourceList, limits: ResourceList): ResourceList {
  const out: Record<string, Quantity> = { pods: newQuantity(1) };
  for (const r of ['cpu', 'memory', 'ephemeral-storage']) {
    if (r in requests) out[r] = out[`requests.${r}`] = requests[r];
    if (r in limits) out[`limits.${r}`] = limits[r];
  }
  for (const [r, q] of Object.entries(requests)) {
    if (r.startsWith('hugepages-')) out[r] = out[`requests.${r}`] = q;
    if (isExtendedResourceName(r)) out[`requests.${r}`] = q;
  }
  return out;
}

/** quotaV1Pod says whether a pod is charged: not terminal, and not stuck terminating past its grace period. */
export function quotaV1Pod(pod: Pod, now: number): boolean {
  if (pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return false;
  const meta = pod.metadata;
  if (meta?.deletionTimestamp && meta.deletionGracePeriodSeconds !== undefined) {
    if (now > parseTime(meta.deletionTimestamp) + meta.deletionGracePeriodSeconds * 1000) return false;
  }
  return true;
}

/** podUsage is PodUsageFunc: count/pods always, compute resources only while the pod is charged. */
export function podUsage(pod: Pod, now: number): ResourceList {
  const result: ResourceList = { [podObjectCountName]: newQuantity(1) };
  if (!quotaV1Pod(pod, now)) return result;
  return add(result, podComputeUsageHelper(podRequests(pod), podLimits(pod)));
}

function isTerminating(pod: Pod): boolean {
  const d = pod.spec?.activeDeadlineSeconds;
  return d !== undefined && d !== null && d >= 0;
}

function isBestEffort(pod: Pod): boolean {
  return (pod.status?.qosClass ?? computePodQOS(pod)) === 'BestEffort';
}

function crossNamespaceTerm(t: PodAffinityTerm): boolean {
  return (t.namespaces?.length ?? 0) > 0 || t.namespaceSelector !== undefined;
}

function usesCrossNamespacePodAffinity(pod: Pod): boolean {
  const a = pod.spec?.affinity;
  return [a?.podAffinity, a?.podAntiAffinity].some(
    (x) =>
      (x?.requiredDuringSchedulingIgnoredDuringExecution ?? []).some(crossNamespaceTerm) ||
      (x?.preferredDuringSchedulingIgnoredDuringExecution ?? []).some((w) => crossNamespaceTerm(w.podAffinityTerm)),
  );
}

/** podMatchesScope is podMatchesScopeFunc. */
export function podMatchesScope(selector: ScopedResourceSelectorRequirement, obj: KubeObject): boolean {
  const pod = obj as unknown as Pod;
  switch (selector.scopeName) {
    case 'Terminating':
      return isTerminating(pod);
    case 'NotTerminating':
      return !isTerminating(pod);
    case 'BestEffort':
      return isBestEffort(pod);
    case 'NotBestEffort':
      return !isBestEffort(pod);
    case 'PriorityClass': {
      const pc = pod.spec?.priorityClassName ?? '';
      if (selector.operator === 'Exists') return pc !== '';
      const sel = selectorFromLabelSelector({ matchExpressions: [{ key: 'PriorityClass', operator: selector.operator, values: selector.values }] });
      return labelsMatch(sel, pc ? { PriorityClass: pc } : {});
    }
    case 'CrossNamespacePodAffinity':
      return usesCrossNamespacePodAffinity(pod);
  }
  return false;
}

/** enforcePodContainerConstraints adds the required resources a container leaves unset to missing. */
function enforcePodContainerConstraints(c: Container, required: Set<string>, missing: Map<string, Set<string>>): void {
  const usage = podComputeUsageHelper(
    Object.fromEntries(Object.keys(c.resources?.requests ?? {}).map((k) => [k, newQuantity(0)])),
    Object.fromEntries(Object.keys(c.resources?.limits ?? {}).map((k) => [k, newQuantity(0)])),
  );
  for (const r of required) {
    if (r in usage) continue;
    if (!missing.has(r)) missing.set(r, new Set());
    missing.get(r)!.add(c.name);
  }
}

/** newPodEvaluator measures pods; now is the clock that decides when a terminating pod stops counting. */
export function newPodEvaluator(list: ListFuncByNamespace = () => [], now: () => number = () => 0): Evaluator {
  const evaluator: Evaluator = {
    groupResource: { group: '', resource: 'pods' },
    constraints(required, obj) {
      const pod = obj as unknown as Pod;
      const requiredSet = new Set(required.filter((r) => validationSet.has(r)));
      const missing = new Map<string, Set<string>>();
      for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) enforcePodContainerConstraints(c, requiredSet, missing);
      if (missing.size === 0) return undefined;
      const parts = [...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`);
      return `must specify ${parts.join('; ')}`;
    },
    handles: (op, subresource) => subresource === '' && op === Operation.Create,
    matches: (quota, obj) => matches(quota, obj, evaluator.matchingResources, podMatchesScope),
    matchingResources(names) {
      const result = intersection(names, podResources);
      for (const r of names) {
        if (podResourcePrefixes.some((p) => r.startsWith(p))) result.push(r);
        if (isExtendedResourceNameForQuota(r)) result.push(r);
      }
      return result;
    },
    matchingScopes: (obj, selectors) => selectors.filter((s) => podMatchesScope(s, obj)),
    usage: (obj) => podUsage(obj as unknown as Pod, now()),
    usageStats: (opts) => calculateUsageStats(opts, list, podMatchesScope, evaluator.usage),
  };
  return evaluator;
}
