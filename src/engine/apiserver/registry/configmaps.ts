import type { ConfigMap } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { deepEqual } from '../../api/deepEqual';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isConfigMapKey, nameIsDNSSubdomain } from '../validation/names';

// The ConfigMap strategy of pkg/registry/core/configmap/strategy.go and ValidateConfigMap (v1.32).

/** MaxSecretSize bounds the data of a Secret or ConfigMap (1 MiB). */
export const MaxSecretSize = 1024 * 1024;
/** ImmutableErrorMsg is what changing data of an immutable ConfigMap or Secret reports. */
export const ImmutableErrorMsg = 'field is immutable when `immutable` is set';

const asConfigMap = (o: KubeObject) => o as unknown as ConfigMap;

function validateConfigMap(cm: ConfigMap): FieldError[] {
  const errs = validateObjectMeta(cm.metadata, true, nameIsDNSSubdomain);
  let size = 0;
  const binary = cm.binaryData ?? {};
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(`data[${k}]`, k, m));
    if (k in binary) errs.push(fieldError.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += typeof v === 'string' ? v.length : 0;
  }
  for (const [k, v] of Object.entries(binary)) {
    for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(`binaryData[${k}]`, k, m));
    // binaryData travels as base64: count decoded bytes.
    size += Math.floor(((typeof v === 'string' ? v.replace(/=+$/, '').length : 0) * 3) / 4);
  }
  if (size > MaxSecretSize) errs.push(fieldError.tooLong('', '', MaxSecretSize));
  return errs;
}

/** configmapsStrategy is the strategy of core/v1 configmaps. */
export const configmapsStrategy: ResourceStrategy = {
  def: Resources.configmaps,
  validate: (obj) => validateConfigMap(asConfigMap(obj)),
  validateUpdate(obj, old) {
    const n = asConfigMap(obj);
    const o = asConfigMap(old);
    const errs = validateObjectMetaUpdate(n.metadata, o.metadata);
    if (o.immutable) {
      if (!n.immutable) errs.push(fieldError.forbidden('immutable', ImmutableErrorMsg));
      if (!deepEqual(n.data ?? {}, o.data ?? {})) errs.push(fieldError.forbidden('data', ImmutableErrorMsg));
      if (!deepEqual(n.binaryData ?? {}, o.binaryData ?? {})) errs.push(fieldError.forbidden('binaryData', ImmutableErrorMsg));
    }
    errs.push(...validateConfigMap(n));
    return errs;
  },
};
