import type { PersistentVolumeClaim, PersistentVolumeClaimSpec } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy, StrategyContext } from './strategy';
import { Resources } from './resources';
import { storageKey } from './resourceDefinition';
import { defaultsOrDecodeError } from './decodeError';
import { deepEqual } from '../../api/deepEqual';
import { keepSpec, keepStatus, metaOf } from './strategyHelpers';
import { validateAccessModes } from './persistentvolumes';
import { setDefaultsResourceList } from '../defaults/resources';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isDNS1123Subdomain, nameIsDNSSubdomain } from '../validation/names';
import { validateLabelSelector } from '../validation/labelSelector';
import { validateResourceQuantityValue } from '../validation/resources';
import { parseQuantity } from '../validation/quantity';
import { goSpecDiff } from '../validation/goDiff';

// The PersistentVolumeClaim strategy of pkg/registry/core/persistentvolumeclaim/strategy.go with
// ValidatePersistentVolumeClaim(Update) (v1.32), and the admission steps a claim goes through on
// create: DefaultStorageClass and StorageObjectInUseProtection.

/** PVCProtectionFinalizer keeps a claim in use by a pod from going away. */
export const PVCProtectionFinalizer = 'kubernetes.io/pvc-protection';
/** IsDefaultStorageClassAnnotation marks the default StorageClass. */
export const IsDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';

const asPVC = (o: KubeObject) => o as unknown as PersistentVolumeClaim;
const volumeModes = ['Block', 'Filesystem'];

function setDefaultsPVC(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as PersistentVolumeClaimSpec & Record<string, unknown>;
  spec.volumeMode ??= 'Filesystem';
  // VolumeResourceRequirements is a struct: it always prints, "resources: {}" when empty.
  spec.resources ??= {};
  setDefaultsResourceList(spec.resources.requests as Record<string, unknown> | undefined);
  setDefaultsResourceList(spec.resources.limits as Record<string, unknown> | undefined);
}

// defaultStorageClass is the DefaultStorageClass admission plugin: the newest default class wins.
function defaultStorageClass(pvc: PersistentVolumeClaim, ctx: StrategyContext): void {
  const spec = pvc.spec as PersistentVolumeClaimSpec & { storageClassName?: string };
  if (spec.storageClassName !== undefined || pvc.metadata?.annotations?.['volume.beta.kubernetes.io/storage-class'] !== undefined) return;
  const classes = ctx.store.list(storageKey(Resources.storageclasses)) as unknown as StorageClass[];
  const defaults = classes.filter((c) => c.metadata?.annotations?.[IsDefaultStorageClassAnnotation] === 'true');
  if (defaults.length === 0) return;
  defaults.sort((a, b) => String(b.metadata?.creationTimestamp ?? '').localeCompare(String(a.metadata?.creationTimestamp ?? '')) || String(a.metadata?.name).localeCompare(String(b.metadata?.name)));
  spec.storageClassName = defaults[0].metadata!.name;
}

function validatePVCSpec(spec: PersistentVolumeClaimSpec | undefined): FieldError[] {
  const s = spec ?? {};
  // Upstream reports a missing access mode, then the selector, then the modes themselves.
  const modeErrs = validateAccessModes(s.accessModes, 'spec.accessModes', 'at least 1 access mode is required');
  const selectorErrs = s.selector ? validateLabelSelector(s.selector, 'spec.selector') : [];
  const errs = s.accessModes?.length ? [...selectorErrs, ...modeErrs] : [...modeErrs, ...selectorErrs];
  const storage = (s.resources?.requests as Record<string, unknown> | undefined)?.storage;
  const p = 'spec.resources[storage]';
  if (storage === undefined) errs.push(fieldError.required(p));
  else if ((parseQuantity(storage as string) ?? 0) <= 0) errs.push(fieldError.invalid(p, String(storage), 'must be greater than zero'));
  else errs.push(...validateResourceQuantityValue('storage', storage, p));
  if (s.storageClassName) errs.push(...isDNS1123Subdomain(s.storageClassName).map((m) => fieldError.invalid('spec.storageClassName', s.storageClassName, m)));
  if (s.volumeMode !== undefined && !volumeModes.includes(s.volumeMode)) errs.push(fieldError.notSupported('spec.volumeMode', s.volumeMode, volumeModes));
  return errs;
}

function validatePVC(pvc: PersistentVolumeClaim): FieldError[] {
  return [...validateObjectMeta(pvc.metadata, true, nameIsDNSSubdomain), ...validatePVCSpec(pvc.spec)];
}

function validatePVCUpdate(n: PersistentVolumeClaim, o: PersistentVolumeClaim): FieldError[] {
  const errs = [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validatePVC(n)];
  const ns = structuredClone(n.spec ?? {}) as PersistentVolumeClaimSpec & Record<string, unknown>;
  const os = structuredClone(o.spec ?? {}) as PersistentVolumeClaimSpec & Record<string, unknown>;
  // volumeName may be set once (by the binder); a bound claim may change its storage request.
  if (!os.volumeName) os.volumeName = ns.volumeName;
  const requests = ns.resources?.requests as Record<string, unknown> | undefined;
  if (n.status?.phase === 'Bound' && requests) requests.storage = (os.resources?.requests as Record<string, unknown> | undefined)?.storage;
  ns.volumeAttributesClassName = os.volumeAttributesClassName;
  for (const x of [ns, os]) for (const k of Object.keys(x)) if (x[k] === undefined) delete x[k];
  if (!deepEqual(ns, os)) {
    errs.push(
      fieldError.forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${goSpecDiff(os, ns).replace('core.PodSpec', 'core.PersistentVolumeClaimSpec')}`,
      ),
    );
  }
  const size = (x: PersistentVolumeClaim) => parseQuantity((x.spec?.resources?.requests as Record<string, string> | undefined)?.storage) ?? 0;
  if (size(n) < size(o)) errs.push(fieldError.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  if ((n.spec?.volumeMode ?? null) !== (o.spec?.volumeMode ?? null)) errs.push(fieldError.invalid('volumeMode', n.spec?.volumeMode ?? null, FieldImmutableErrorMsg));
  return errs;
}

/** persistentvolumeclaimsStrategy is the strategy of core/v1 persistentvolumeclaims and their status. */
export const persistentvolumeclaimsStrategy: ResourceStrategy = {
  def: Resources.persistentvolumeclaims,
  defaults: defaultsOrDecodeError(Resources.persistentvolumeclaims, setDefaultsPVC),
  prepareForCreate(obj, ctx) {
    const pvc = asPVC(obj);
    defaultStorageClass(pvc, ctx);
    const meta = metaOf(obj);
    if (!(meta.finalizers ?? []).includes(PVCProtectionFinalizer)) meta.finalizers = [...(meta.finalizers ?? []), PVCProtectionFinalizer];
    obj.status = { phase: 'Pending' };
  },
  prepareForUpdate: keepStatus,
  validate: (obj) => validatePVC(asPVC(obj)),
  validateUpdate: (obj, old) => validatePVCUpdate(asPVC(obj), asPVC(old)),
  status: {
    prepareForUpdate(obj, old) {
      keepSpec(obj, old);
      setDefaultsResourceList((obj.status as { capacity?: Record<string, unknown> } | undefined)?.capacity);
    },
    validateUpdate(obj, old) {
      const errs = validateObjectMetaUpdate(obj.metadata, old.metadata);
      if (!asPVC(obj).spec?.accessModes?.length) errs.push(fieldError.required('Spec.accessModes'));
      for (const [r, q] of Object.entries(asPVC(obj).status?.capacity ?? {})) {
        const v = parseQuantity(q as string) ?? 0;
        if (v < 0) errs.push(fieldError.invalid(`status.capacity[${r}]`, Math.trunc(v), 'must be a valid resource quantity'));
      }
      return errs;
    },
  },
  fieldSelectors: { name: (o) => o.metadata.name ?? '' },
};
