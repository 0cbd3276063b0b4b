import type { PersistentVolumeClaim, Pod, Service } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import type { GroupResource } from './evaluator';
import { requiresQuotaReplenish } from './persistentVolumeClaims';
import { quotaV1Pod } from './pods';
import { quotaServiceType } from './services';

// DefaultUpdateFilter of pkg/quota/v1/install/update_filter.go (v1.32): the updates that can lower
// usage, so the quota controller recounts: a pod turning terminal, a Service leaving NodePort or
// LoadBalancer, a claim whose allocated size changed. Deletes always recount.

/** requiresReplenishment says whether an update of an object of gr may have changed its usage. */
export function requiresReplenishment(gr: GroupResource, oldObj: KubeObject, newObj: KubeObject, now: number): boolean {
  if (gr.group !== '') return false;
  switch (gr.resource) {
    case 'pods':
      return quotaV1Pod(oldObj as unknown as Pod, now) && !quotaV1Pod(newObj as unknown as Pod, now);
    case 'services':
      return quotaServiceType(oldObj as unknown as Service) !== quotaServiceType(newObj as unknown as Service);
    case 'persistentvolumeclaims':
      return requiresQuotaReplenish(newObj as unknown as PersistentVolumeClaim, oldObj as unknown as PersistentVolumeClaim);
  }
  return false;
}
