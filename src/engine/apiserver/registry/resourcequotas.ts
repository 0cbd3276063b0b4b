import type { ResourceQuota, ResourceQuotaSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { goStringSlice } from './goValue';
import { keepSpec, keepStatus } from './strategyHelpers';
import { setDefaultsResourceList } from '../defaults/resources';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain } from '../validation/names';
import { validateResourceName, validateResourceQuantityValue } from '../validation/resources';

// The ResourceQuota strategy of pkg/registry/core/resourcequota/strategy.go with
// ValidateResourceQuota (v1.32). Usage is computed by the quota controller through /status.

const standardQuotaResources = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas',
  'secrets', 'configmaps', 'persistentvolumeclaims', 'services.nodeports', 'services.loadbalancers',
]);
const scopes = ['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity'];
const existsOnlyScopes = new Set(['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity']);
const podCompute = new Set(['pods', 'cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function isStandardQuotaResourceName(name: string): boolean {
  return standardQuotaResources.has(name) || name.startsWith('hugepages-') || name.startsWith('requests.hugepages-');
}

function scopeValidFor(scope: string, resource: string): boolean {
  if (scope === 'BestEffort' || scope === 'CrossNamespacePodAffinity') return resource === 'pods';
  return podCompute.has(resource);
}

function validateQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) errs.push(fieldError.invalid(path, name, 'must be a standard resource for quota'));
  return errs;
}

function validateList(list: Record<string, unknown> | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(list ?? {})) errs.push(...validateQuotaResourceName(k, `${path}[${k}]`), ...validateResourceQuantityValue(k, v, `${path}[${k}]`));
  return errs;
}

function validateSpec(spec: ResourceQuotaSpec | undefined): FieldError[] {
  const s = spec ?? {};
  const errs = validateList(s.hard, 'spec.hard');
  const hard = Object.keys(s.hard ?? {}).sort();
  const conflicting = (set: Set<string>) =>
    (set.has('BestEffort') && set.has('NotBestEffort')) || (set.has('Terminating') && set.has('NotTerminating'));
  if (s.scopes?.length) {
    const value = goStringSlice('[]core.ResourceQuotaScope', s.scopes);
    for (const scope of s.scopes) {
      if (!scopes.includes(scope)) errs.push(fieldError.invalid('spec.scopes', value, 'unsupported scope'));
      for (const k of hard) {
        if (isStandardQuotaResourceName(k) && !scopeValidFor(scope, k)) errs.push(fieldError.invalid('spec.scopes', value, 'unsupported scope applied to resource'));
      }
    }
    if (conflicting(new Set(s.scopes))) errs.push(fieldError.invalid('spec.scopes', value, 'conflicting scopes'));
  }
  const exprs = s.scopeSelector?.matchExpressions ?? [];
  const seen = new Set<string>();
  exprs.forEach((req) => {
    const p = 'spec.scopeSelector.matchExpressions';
    if (!scopes.includes(req.scopeName)) errs.push(fieldError.invalid(`${p}.scopeName`, req.scopeName, 'unsupported scope'));
    for (const k of hard) {
      if (isStandardQuotaResourceName(k) && !scopeValidFor(req.scopeName, k)) errs.push(fieldError.invalid(p, s.scopeSelector, 'unsupported scope applied to resource'));
    }
    if (existsOnlyScopes.has(req.scopeName) && req.operator !== 'Exists') {
      errs.push(
        fieldError.invalid(
          `${p}.operator`,
          req.operator,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    switch (req.operator) {
      case 'In':
      case 'NotIn':
        if (!req.values?.length) errs.push(fieldError.required(`${p}.values`, "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (req.values?.length) errs.push(fieldError.invalid(`${p}.values`, goStringSlice('[]string', req.values), "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
        break;
      default:
        errs.push(fieldError.invalid(`${p}.operator`, req.operator, 'not a valid selector operator'));
    }
    seen.add(req.scopeName);
  });
  if (conflicting(seen)) errs.push(fieldError.invalid('spec.scopeSelector.matchExpressions', goStringSlice('[]core.ResourceQuotaScope', s.scopes), 'conflicting scopes'));
  return errs;
}

const asQuota = (o: KubeObject) => o as unknown as ResourceQuota;

function setDefaultsQuota(obj: KubeObject): void {
  const q = asQuota(obj);
  setDefaultsResourceList(q.spec?.hard as Record<string, unknown> | undefined);
  setDefaultsResourceList(q.status?.hard as Record<string, unknown> | undefined);
  setDefaultsResourceList(q.status?.used as Record<string, unknown> | undefined);
}

/** resourcequotasStrategy is the strategy of core/v1 resourcequotas and their status. */
export const resourcequotasStrategy: ResourceStrategy = {
  def: Resources.resourcequotas,
  defaults: defaultsOrDecodeError(Resources.resourcequotas, setDefaultsQuota),
  prepareForCreate(obj) {
    obj.status = {};
  },
  prepareForUpdate: keepStatus,
  validate: (obj) => [
    ...validateObjectMeta(obj.metadata, true, nameIsDNSSubdomain),
    ...validateSpec(asQuota(obj).spec),
    ...validateList(asQuota(obj).status?.hard, 'status.hard'),
    ...validateList(asQuota(obj).status?.used, 'status.used'),
  ],
  validateUpdate(obj, old) {
    const errs = [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateSpec(asQuota(obj).spec)];
    const n = new Set(asQuota(obj).spec?.scopes ?? []);
    const o = new Set(asQuota(old).spec?.scopes ?? []);
    if (n.size !== o.size || [...n].some((s) => !o.has(s))) {
      errs.push(fieldError.invalid('spec.scopes', goStringSlice('[]core.ResourceQuotaScope', asQuota(obj).spec?.scopes), FieldImmutableErrorMsg));
    }
    return errs;
  },
  status: {
    prepareForUpdate(obj, old) {
      // Decoding defaults the request before the strategy runs; the stored spec is already defaulted (and frozen).
      defaultsOrDecodeError(Resources.resourcequotas, setDefaultsQuota)(obj);
      keepSpec(obj, old);
    },
    validateUpdate: (obj, old) => [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...validateList(asQuota(obj).status?.hard, 'status.hard'),
      ...validateList(asQuota(obj).status?.used, 'status.used'),
    ],
  },
};
