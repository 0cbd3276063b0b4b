import { calculateUsageStats, matches, matchesNoScope, objectCountQuotaResourceNameFor, Operation, type Evaluator, type GroupResource, type ListFuncByNamespace } from './evaluator';
import { newQuantity, type Quantity } from './quantity';
import { intersection } from './resources';

// The object count evaluator of k8s.io/apiserver/pkg/quota/v1/generic/evaluator.go (v1.32): every
// object of the resource counts one against "count/<resource>[.<group>]" and, for the resources
// quota counted before that syntax existed, against a legacy alias ("configmaps", "secrets", ...).

/** newObjectCountEvaluator counts objects of gr; list is needed only to total a namespace. */
export function newObjectCountEvaluator(gr: GroupResource, list: ListFuncByNamespace = () => [], alias?: string): Evaluator {
  const resourceNames = [objectCountQuotaResourceNameFor(gr), ...(alias ? [alias] : [])];
  const evaluator: Evaluator = {
    groupResource: gr,
    constraints: () => undefined,
    handles: (op) => op === Operation.Create,
    matches: (quota, obj) => matches(quota, obj, evaluator.matchingResources, matchesNoScope),
    matchingResources: (names) => intersection(names, resourceNames),
    matchingScopes: () => [],
    usage: () => {
      const out: Record<string, Quantity> = {};
      for (const r of resourceNames) out[r] = newQuantity(1);
      return out;
    },
    usageStats: (opts) => calculateUsageStats(opts, list, matchesNoScope, evaluator.usage),
  };
  return evaluator;
}
