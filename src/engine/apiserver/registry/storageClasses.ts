import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { validateLabelName } from '../validation/labelSelector';
import { isQualifiedName, nameIsDNSSubdomain } from '../validation/names';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { semanticDeepEqual } from './strategyHelpers';

// StorageClass as pkg/apis/storage/v1/defaults.go, pkg/apis/storage/validation/validation.go and
// pkg/registry/storage/storageclass/strategy.go of v1.32 define it: no status, no generation.

const maxProvisionerParameterSize = 256 * (1 << 10);
const maxProvisionerParameterLen = 512;
const reclaimPolicies = ['Delete', 'Retain'];
const volumeBindingModes = ['Immediate', 'WaitForFirstConsumer'];

/** setDefaultsStorageClass is SetDefaults_StorageClass. */
export function setDefaultsStorageClass(sc: StorageClass): void {
  sc.reclaimPolicy ??= 'Delete';
  sc.volumeBindingMode ??= 'Immediate';
}

function validateParameters(params: Record<string, string> | undefined, path: string): FieldError[] {
  if (!params) return [];
  const keys = Object.keys(params);
  if (keys.length > maxProvisionerParameterLen) {
    return [fieldError.tooLong(path, 'Provisioner Parameters exceeded max allowed', maxProvisionerParameterLen)];
  }
  const errs: FieldError[] = [];
  let size = 0;
  for (const k of keys) {
    if (k.length < 1) errs.push(fieldError.invalid(path, k, 'field can not be empty.'));
    size += k.length + String(params[k]).length;
  }
  if (size > maxProvisionerParameterSize) errs.push(fieldError.tooLong(path, '', maxProvisionerParameterSize));
  return errs;
}

function validateAllowedTopologies(sc: StorageClass): FieldError[] {
  const errs: FieldError[] = [];
  (sc.allowedTopologies ?? []).forEach((term, i) => {
    const seenKeys = new Set<string>();
    (term.matchLabelExpressions ?? []).forEach((req, j) => {
      const p = `allowedTopologies[${i}].matchLabelExpressions[${j}]`;
      const values = req.values ?? [];
      if (values.length === 0) errs.push(fieldError.required(`${p}.values`, 'must specify as least one value'));
      const seen = new Set<string>();
      values.forEach((v, k) => {
        if (seen.has(v)) errs.push(fieldError.duplicate(`${p}.values[${k}]`, v));
        seen.add(v);
      });
      errs.push(...validateLabelName(req.key ?? '', `${p}.key`));
      if (seenKeys.has(req.key)) errs.push(fieldError.duplicate(`${p}.key`, req.key));
      seenKeys.add(req.key);
    });
  });
  return errs;
}

/** validateStorageClass is ValidateStorageClass. */
export function validateStorageClass(sc: StorageClass): FieldError[] {
  const errs = validateObjectMeta(sc.metadata, false, nameIsDNSSubdomain);
  const provisioner = sc.provisioner ?? '';
  if (provisioner.length === 0) errs.push(fieldError.required('provisioner', provisioner));
  else for (const msg of isQualifiedName(provisioner.toLowerCase())) errs.push(fieldError.invalid('provisioner', provisioner.toLowerCase(), msg));
  errs.push(...validateParameters(sc.parameters, 'parameters'));
  if (sc.reclaimPolicy && !reclaimPolicies.includes(sc.reclaimPolicy)) {
    errs.push(fieldError.notSupported('reclaimPolicy', sc.reclaimPolicy, reclaimPolicies));
  }
  if (sc.volumeBindingMode === undefined) errs.push(fieldError.required('volumeBindingMode'));
  else if (!volumeBindingModes.includes(sc.volumeBindingMode)) {
    errs.push(fieldError.notSupported('volumeBindingMode', sc.volumeBindingMode, volumeBindingModes));
  }
  errs.push(...validateAllowedTopologies(sc));
  return errs;
}

/** validateStorageClassUpdate is ValidateStorageClassUpdate: provisioner, parameters, reclaimPolicy and binding mode are fixed. */
export function validateStorageClassUpdate(sc: StorageClass, old: StorageClass): FieldError[] {
  const errs = validateObjectMetaUpdate(sc.metadata, old.metadata);
  if (!semanticDeepEqual(sc.parameters, old.parameters)) errs.push(fieldError.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (sc.provisioner !== old.provisioner) errs.push(fieldError.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (sc.reclaimPolicy !== old.reclaimPolicy) errs.push(fieldError.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  if (sc.volumeBindingMode !== old.volumeBindingMode) {
    errs.push(fieldError.invalid('volumeBindingMode', sc.volumeBindingMode ?? null, FieldImmutableErrorMsg));
  }
  return errs;
}

const asStorageClass = (o: KubeObject) => o as unknown as StorageClass;

/** storageClassStrategy is the REST strategy of storage.k8s.io/v1 storageclasses. */
export const storageClassStrategy: ResourceStrategy = {
  def: Resources.storageclasses,
  defaults: (obj) => setDefaultsStorageClass(asStorageClass(obj)),
  validate: (obj) => validateStorageClass(asStorageClass(obj)),
  // The strategy runs ValidateStorageClass on the new object as well.
  validateUpdate: (obj, old) => [...validateStorageClass(asStorageClass(obj)), ...validateStorageClassUpdate(asStorageClass(obj), asStorageClass(old))],
};
