import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { calculateUsageStats, matches, matchesNoScope, objectCountQuotaResourceNameFor, Operation, type Evaluator, type ListFuncByNamespace } from './evaluator';
import { cmpQuantity, newQuantity, parseQuantity, roundUpToUnits, type Quantity } from './quantity';
import type { ResourceList } from './resources';

// The PersistentVolumeClaim evaluator of pkg/quota/v1/evaluator/core/persistent_volume_claims.go
// (v1.32). VolumeAttributesClass is off in v1.32, so claims have no scopes.

const pvcObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'persistentvolumeclaims' });
const pvcResources = ['persistentvolumeclaims', 'requests.storage'];
/** StorageClassSuffix qualifies a quota resource by class: "<class>.storageclass.storage.k8s.io/requests.storage". */
export const StorageClassSuffix = '.storageclass.storage.k8s.io/';

/** persistentVolumeClaimClass is GetPersistentVolumeClaimClass: the beta annotation wins over spec.storageClassName. */
function persistentVolumeClaimClass(pvc: PersistentVolumeClaim): string {
  return pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
}

/** storageUsage is the requested size in whole bytes, or the allocated size when a resize made it larger. */
function storageUsage(pvc: PersistentVolumeClaim): Quantity | undefined {
  const requested = parseQuantity((pvc.spec?.resources?.requests as Record<string, string> | undefined)?.storage);
  let result = requested && roundUpToUnits(requested);
  const allocated = parseQuantity((pvc.status?.allocatedResources as Record<string, string> | undefined)?.storage);
  if (result && allocated && cmpQuantity(allocated, result) > 0) result = roundUpToUnits(allocated);
  return result;
}

/** pvcUsage charges the claim and its storage, in total and against its storage class. */
export function pvcUsage(pvc: PersistentVolumeClaim): ResourceList {
  const out: Record<string, Quantity> = { persistentvolumeclaims: newQuantity(1), [pvcObjectCountName]: newQuantity(1) };
  const cls = persistentVolumeClaimClass(pvc);
  if (cls) out[`${cls}${StorageClassSuffix}persistentvolumeclaims`] = newQuantity(1);
  const storage = storageUsage(pvc);
  if (storage) {
    out['requests.storage'] = storage;
    if (cls) out[`${cls}${StorageClassSuffix}requests.storage`] = storage;
  }
  return out;
}

/** requiresQuotaReplenish is RequiresQuotaReplenish: the allocated size changed. */
export function requiresQuotaReplenish(pvc: PersistentVolumeClaim, old: PersistentVolumeClaim): boolean {
  const size = (c: PersistentVolumeClaim) => (c.status?.allocatedResources as Record<string, string> | undefined)?.storage;
  return size(pvc) !== size(old);
}

/** newPersistentVolumeClaimEvaluator measures claims. */
export function newPersistentVolumeClaimEvaluator(list: ListFuncByNamespace = () => []): Evaluator {
  const evaluator: Evaluator = {
    groupResource: { group: '', resource: 'persistentvolumeclaims' },
    constraints: () => undefined,
    handles: (op, subresource) => subresource === '' && (op === Operation.Create || op === Operation.Update),
    matches: (quota, obj) => matches(quota, obj, evaluator.matchingResources, matchesNoScope),
    matchingResources(names) {
      return names.filter(
        (r) => r === pvcObjectCountName || pvcResources.includes(r) || pvcResources.some((p) => r.endsWith(StorageClassSuffix + p)),
      );
    },
    matchingScopes: () => [],
    usage: (obj) => pvcUsage(obj as unknown as PersistentVolumeClaim),
    usageStats: (opts) => calculateUsageStats(opts, list, matchesNoScope, evaluator.usage),
  };
  return evaluator;
}
