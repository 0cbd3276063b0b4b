import type { PersistentVolume, PersistentVolumeSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { defaultsOrDecodeError } from './decodeError';
import { deepEqual } from '../../api/deepEqual';
import { goStringMap } from './goValue';
import { keepSpec, keepStatus, metaOf } from './strategyHelpers';
import { setDefaultsResourceList } from '../defaults/resources';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { nameIsDNSSubdomain, isDNS1123Subdomain } from '../validation/names';
import { validateNodeSelector } from '../validation/scheduling';
import { goSpecDiff } from '../validation/goDiff';
import { parseQuantity } from '../validation/quantity';

// The PersistentVolume strategy of pkg/registry/core/persistentvolume/strategy.go with
// SetDefaults_PersistentVolume and ValidatePersistentVolume (v1.32): status Pending with a
// lastPhaseTransitionTime on create, the volume source immutable afterwards.

/** PVProtectionFinalizer keeps a bound volume from going away. */
export const PVProtectionFinalizer = 'kubernetes.io/pv-protection';

/** AccessModes lists the supported access modes, sorted as sets.List prints them. */
export const AccessModes = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const reclaimPolicies = ['Delete', 'Recycle', 'Retain'];
const volumeModes = ['Block', 'Filesystem'];
// The PersistentVolumeSource members, in validation order.
const pvSources = [
  'gcePersistentDisk', 'awsElasticBlockStore', 'hostPath', 'glusterfs', 'nfs', 'rbd', 'quobyte', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume', 'scaleIO',
  'local', 'storageos', 'csi', 'iscsi',
];
const specFields = ['capacity', 'accessModes', 'claimRef', 'persistentVolumeReclaimPolicy', 'storageClassName', 'mountOptions', 'volumeMode', 'nodeAffinity', 'volumeAttributesClassName'];

const asPV = (o: KubeObject) => o as unknown as PersistentVolume;

function setDefaultsPV(obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as PersistentVolumeSpec & Record<string, unknown>;
  spec.persistentVolumeReclaimPolicy ||= 'Retain';
  spec.volumeMode ??= 'Filesystem';
  setDefaultsResourceList(spec.capacity as Record<string, unknown> | undefined);
}

/** validateAccessModes checks PV and PVC access modes. */
export function validateAccessModes(modes: string[] | undefined, path: string, requiredDetail: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!modes?.length) errs.push(fieldError.required(path, requiredDetail));
  let rwop = false;
  let other = false;
  for (const m of modes ?? []) {
    if (!AccessModes.includes(m)) errs.push(fieldError.notSupported(path, m, AccessModes));
    else if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(fieldError.forbidden(path, 'may not use ReadWriteOncePod with other access modes'));
  return errs;
}

function sourceOf(spec: PersistentVolumeSpec | undefined): Record<string, unknown> {
  const s = (spec ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(s)) if (!specFields.includes(k)) out[k] = s[k];
  return out;
}

function validatePV(pv: PersistentVolume): FieldError[] {
  const errs = validateObjectMeta(pv.metadata, false, nameIsDNSSubdomain);
  const s = (pv.spec ?? {}) as PersistentVolumeSpec & Record<string, unknown>;
  errs.push(...validateAccessModes(s.accessModes, 'spec.accessModes', ''));
  const cap = (s.capacity ?? {}) as Record<string, unknown>;
  if (Object.keys(cap).length === 0) errs.push(fieldError.required('spec.capacity'));
  if (!('storage' in cap) || Object.keys(cap).length > 1) errs.push(fieldError.notSupported('spec.capacity', goStringMap(cap as Record<string, string>), ['storage']));
  for (const [r, q] of Object.entries(cap)) {
    const v = parseQuantity(q as string) ?? 0;
    if (v < 0) errs.push(fieldError.invalid(`spec.capacity[${r}]`, Math.trunc(v), 'must be a valid resource quantity'));
    if (v <= 0) errs.push(fieldError.invalid(`spec.capacity[${r}]`, String(q), 'must be greater than zero'));
  }
  if (s.persistentVolumeReclaimPolicy && !reclaimPolicies.includes(s.persistentVolumeReclaimPolicy)) {
    errs.push(fieldError.notSupported('spec.persistentVolumeReclaimPolicy', s.persistentVolumeReclaimPolicy, reclaimPolicies));
  }
  if (s.nodeAffinity) {
    if (!s.nodeAffinity.required) errs.push(fieldError.required('spec.nodeAffinity.required'));
    else errs.push(...validateNodeSelector(s.nodeAffinity.required, 'spec.nodeAffinity.required'));
  }
  let n = 0;
  for (const key of pvSources) {
    if (s[key] === undefined || s[key] === null) continue;
    if (n > 0) {
      errs.push(fieldError.forbidden(`spec.${key}`, 'may not specify more than 1 volume type'));
      continue;
    }
    n++;
    const src = s[key] as Record<string, unknown>;
    if ((key === 'hostPath' || key === 'local' || key === 'nfs') && !src.path) errs.push(fieldError.required(`spec.${key}.path`));
    if (key === 'nfs' && !src.server) errs.push(fieldError.required('spec.nfs.server'));
    if (key === 'local' && !s.nodeAffinity) errs.push(fieldError.required('spec.nodeAffinity', 'Local volume requires node affinity'));
    if (key === 'csi') {
      if (!src.driver) errs.push(fieldError.required('spec.csi.driver'));
      if (!src.volumeHandle) errs.push(fieldError.required('spec.csi.volumeHandle'));
    }
  }
  if (n === 0) errs.push(fieldError.required('spec', 'must specify a volume type'));
  if (s.hostPath && s.hostPath.path.replace(/\/+$/, '') === '' && s.persistentVolumeReclaimPolicy === 'Recycle') {
    errs.push(fieldError.forbidden('spec.persistentVolumeReclaimPolicy', "may not be 'recycle' for a hostPath mount of '/'"));
  }
  if (s.storageClassName) errs.push(...isDNS1123Subdomain(s.storageClassName).map((m) => fieldError.invalid('spec.storageClassName', s.storageClassName, m)));
  if (s.volumeMode !== undefined && !volumeModes.includes(s.volumeMode)) errs.push(fieldError.notSupported('spec.volumeMode', s.volumeMode, volumeModes));
  return errs;
}

function validatePVUpdate(n: PersistentVolume, o: PersistentVolume): FieldError[] {
  const errs = [...validateObjectMetaUpdate(n.metadata, o.metadata), ...validatePV(n)];
  const ns = sourceOf(n.spec);
  const os = sourceOf(o.spec);
  if (!deepEqual(ns, os)) {
    errs.push(fieldError.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${goSpecDiff(os, ns).replace('core.PodSpec', 'core.PersistentVolumeSource')}`));
  }
  if ((n.spec?.volumeMode ?? null) !== (o.spec?.volumeMode ?? null)) errs.push(fieldError.invalid('volumeMode', n.spec?.volumeMode ?? null, FieldImmutableErrorMsg));
  return errs;
}

/** persistentvolumesStrategy is the strategy of core/v1 persistentvolumes and their status. */
export const persistentvolumesStrategy: ResourceStrategy = {
  def: Resources.persistentvolumes,
  defaults: defaultsOrDecodeError(Resources.persistentvolumes, setDefaultsPV),
  prepareForCreate(obj, ctx) {
    const meta = metaOf(obj);
    // StorageObjectInUseProtection admission.
    if (!(meta.finalizers ?? []).includes(PVProtectionFinalizer)) meta.finalizers = [...(meta.finalizers ?? []), PVProtectionFinalizer];
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: ctx.now };
  },
  prepareForUpdate: keepStatus,
  validate: (obj) => validatePV(asPV(obj)),
  validateUpdate: (obj, old) => validatePVUpdate(asPV(obj), asPV(old)),
  status: {
    // Upstream also stamps lastPhaseTransitionTime when the phase changes; the status hook has no
    // clock here, so writers of status.phase set it themselves.
    prepareForUpdate: keepSpec,
    validateUpdate: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata),
  },
  fieldSelectors: { name: (o) => o.metadata.name ?? '' },
};
