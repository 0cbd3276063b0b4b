import type { LimitRange, LimitRangeItem } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { setDefaultsResourceList } from '../defaults/resources';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isQualifiedName, nameIsDNSSubdomain } from '../validation/names';
import { isOvercommitAllowed, quantityString, validateContainerResourceName, validateResourceName } from '../validation/resources';
import { parseQuantity } from '../validation/quantity';

// The LimitRange strategy (pkg/registry/core/limitrange) with SetDefaults_LimitRangeItem and
// ValidateLimitRange (v1.32). LimitRanger admission, which applies them to Pods, is in pods/admission.ts.

type Item = LimitRangeItem & Record<string, Record<string, unknown> | string | undefined>;
const lists = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'] as const;
const standardLimitTypes = ['Container', 'Pod', 'PersistentVolumeClaim'];

function setDefaultsLimitRange(obj: KubeObject): void {
  for (const item of ((obj.spec as LimitRange['spec'])?.limits ?? []) as Item[]) {
    for (const k of lists) setDefaultsResourceList(item[k] as Record<string, unknown> | undefined);
    if (item.type !== 'Container') continue;
    const def = (item.default ??= {}) as Record<string, unknown>;
    const req = (item.defaultRequest ??= {}) as Record<string, unknown>;
    for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
    for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
    // Empty maps are omitted when printed.
    if (Object.keys(def).length === 0) delete item.default;
    if (Object.keys(req).length === 0) delete item.defaultRequest;
  }
}

function validateTypeName(t: string, path: string): FieldError[] {
  const errs = isQualifiedName(t).map((m) => fieldError.invalid(path, t, m));
  if (!errs.length && !t.includes('/') && !standardLimitTypes.includes(t)) errs.push(fieldError.invalid(path, t, 'must be a standard limit type or fully qualified'));
  return errs;
}

function validateLimitRange(lr: LimitRange): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain);
  const seenTypes = new Set<string>();
  (lr.spec?.limits ?? []).forEach((item, i) => {
    const p = `spec.limits[${i}]`;
    const type = item.type ?? '';
    errs.push(...validateTypeName(type, `${p}.type`));
    if (seenTypes.has(type)) errs.push(fieldError.duplicate(`${p}.type`, type));
    seenTypes.add(type);
    const nameCheck = type === 'Pod' || type === 'Container' ? validateContainerResourceName : validateResourceName;
    const q: Record<string, Map<string, string>> = {};
    const keys = new Set<string>();
    const take = (k: (typeof lists)[number]) => {
      q[k] = new Map();
      for (const [r, v] of Object.entries((item as Item)[k] ?? {})) {
        errs.push(...nameCheck(r, `${p}.${k}[${r}]`));
        keys.add(r);
        q[k].set(r, quantityString(v));
      }
    };
    take('max');
    take('min');
    if (type === 'Pod') {
      q.default = new Map();
      q.defaultRequest = new Map();
      if (Object.keys(item.default ?? {}).length) errs.push(fieldError.forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(item.defaultRequest ?? {}).length) errs.push(fieldError.forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    } else {
      take('default');
      take('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !item.min?.storage && !item.max?.storage) {
      errs.push(fieldError.required(`${p}.limits`, 'either minimum or maximum storage value is required, but neither was provided'));
    }
    take('maxLimitRequestRatio');
    const v = (s: string | undefined) => parseQuantity(s) ?? 0;
    for (const k of keys) {
      const [max, min, def, req, ratio] = lists.map((l) => q[l].get(k));
      const bad = (field: string, value: string, msg: string) => errs.push(fieldError.invalid(`${p}.${field}[${k}]`, value, msg));
      if (min && max && v(min) > v(max)) bad('min', min, `min value ${min} is greater than max value ${max}`);
      if (req && min && v(min) > v(req)) bad('defaultRequest', req, `min value ${min} is greater than default request value ${req}`);
      if (req && max && v(req) > v(max)) bad('defaultRequest', req, `default request value ${req} is greater than max value ${max}`);
      if (req && def && v(req) > v(def)) bad('defaultRequest', req, `default request value ${req} is greater than default limit value ${def}`);
      if (def && min && v(min) > v(def)) bad('default', min, `min value ${min} is greater than default value ${def}`);
      if (def && max && v(def) > v(max)) bad('default', max, `default value ${def} is greater than max value ${max}`);
      if (ratio && v(ratio) < 1) bad('maxLimitRequestRatio', ratio, `ratio ${ratio} is less than 1`);
      if (ratio && min && max) {
        const limit = v(max) / v(min);
        if (v(ratio) > limit) bad('maxLimitRequestRatio', ratio, `ratio ${ratio} is greater than max/min = ${limit.toFixed(6)}`);
      }
      if (!isOvercommitAllowed(k) && def && req && v(def) !== v(req)) {
        bad('defaultRequest', req, `default value ${def} must equal to defaultRequest value ${req} in ${k}`);
      }
    }
  });
  return errs;
}

/** limitrangesStrategy is the strategy of core/v1 limitranges. */
export const limitrangesStrategy: ResourceStrategy = {
  def: Resources.limitranges,
  defaults: defaultsOrDecodeError(Resources.limitranges, setDefaultsLimitRange),
  validate: (obj) => validateLimitRange(obj as unknown as LimitRange),
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateLimitRange(obj as unknown as LimitRange)],
};
