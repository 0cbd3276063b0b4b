import type { ResourceQuota } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import type { ReadView } from '../../store/mvccStore';
import { newObjectCountEvaluator } from '../../quota/objectCount';
import { isIgnoredResource, newEvaluators, QuotaRegistry } from '../../quota/registry';
import { equals, fromApi } from '../../quota/resources';
import type { GenericRegistry } from '../registry/genericRegistry';
import { storageKey } from '../registry/resourceDefinition';
import { resourcequotasStrategy } from '../registry/resourcequotas';
import { Resources } from '../registry/resources';
import type { Attributes, ValidationInterface } from './attributes';
import { checkRequest } from './quotaCheck';

// The ResourceQuota validating admission plugin (k8s.io/apiserver/pkg/admission/plugin/resourcequota,
// v1.32), last in the chain after LimitRanger and the other mutating plugins. A request that fits
// is charged at once: the quotas' status.used is written before the object is stored, so the next
// request sees it, as upstream's evaluator does before it lets the request through. Requests are
// handled one at a time here, so the batching and conflict retries upstream needs are not.

/** ResourceQuotaAdmission enforces the ResourceQuotas of a namespace on creates and updates. */
export class ResourceQuotaAdmission implements ValidationInterface {
  private readonly registry: QuotaRegistry;

  constructor(
    private readonly store: ReadView,
    private readonly objects: GenericRegistry,
    now: () => number,
  ) {
    this.registry = new QuotaRegistry(newEvaluators(undefined, now));
  }

  validate(a: Attributes): void {
    // Subresources, cluster-scoped objects (Namespaces among them) and ignored resources are never charged.
    if (a.subresource !== '' || a.namespace === '') return;
    const gr = { group: a.resource.group, resource: a.resource.resource };
    if (isIgnoredResource(gr)) return;
    let evaluator = this.registry.get(gr);
    if (!evaluator) {
      evaluator = newObjectCountEvaluator(gr);
      this.registry.add(evaluator);
    }
    if (!evaluator.handles(a.operation, a.subresource)) return;
    const quotas = this.store.list(storageKey(Resources.resourcequotas), a.namespace) as unknown as ResourceQuota[];
    if (quotas.length === 0) return;
    const charged = checkRequest(quotas, a, evaluator);
    if (a.dryRun) return;
    charged.forEach((quota, i) => {
      if (equals(fromApi(quota.status?.used), fromApi(quotas[i].status?.used))) return;
      const meta = quota.metadata!;
      this.objects.update(resourcequotasStrategy, meta.namespace ?? '', meta.name ?? '', quota as unknown as KubeObject, { dryRun: false }, 'status');
    });
  }
}
