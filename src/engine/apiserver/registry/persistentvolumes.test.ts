import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { persistentvolumesStrategy } from './persistentvolumes';
import { persistentvolumeclaimsStrategy } from './persistentvolumeclaims';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const pv = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'pv1' }, spec });
const pvc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec });
const goodPV = { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } };
const goodPVC = { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } };

describe('persistentvolumes', () => {
  it('defaults reclaim policy and volume mode, starts Pending with protection', () => {
    const { obj, errors } = createThrough(persistentvolumesStrategy, pv(goodPV), testContext());
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ persistentVolumeReclaimPolicy: 'Retain', volumeMode: 'Filesystem' });
    expect(obj.status).toMatchObject({ phase: 'Pending' });
    expect(obj.metadata!.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });
  it.each<[string, Record<string, unknown>, string]>([
    ['no source', { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'] }, 'spec: Required value: must specify a volume type'],
    ['no access modes', { ...goodPV, accessModes: [] }, 'spec.accessModes: Required value'],
    ['bad access mode', { ...goodPV, accessModes: ['ReadWriteSometimes'] }, 'spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ['no capacity', { ...goodPV, capacity: undefined }, 'spec.capacity: Required value'],
  ])('%s', (_n, spec, message) => expect(createThrough(persistentvolumesStrategy, pv(spec), testContext()).errors).toContain(message));
  it('makes the volume source immutable', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.persistentvolumes, createThrough(persistentvolumesStrategy, pv(goodPV), ctx).obj);
    const next = { ...structuredClone(old), spec: { ...(old.spec as object), hostPath: { path: '/other' } } } as StoredObject;
    const [first] = updateThrough(persistentvolumesStrategy, next, old, ctx).errors;
    expect(first.split('\n')[0]).toBe('spec.persistentvolumesource: Forbidden: spec.persistentvolumesource is immutable after creation');
  });
});

describe('persistentvolumeclaims', () => {
  it('takes the default storage class and the protection finalizer', () => {
    const sc = { metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, provisioner: 'x' };
    const { obj, errors } = createThrough(persistentvolumeclaimsStrategy, pvc(goodPVC), testContext([[Resources.storageclasses, sc]]));
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ storageClassName: 'standard', volumeMode: 'Filesystem' });
    expect(obj.status).toEqual({ phase: 'Pending' });
    expect(obj.metadata!.finalizers).toEqual(['kubernetes.io/pvc-protection']);
  });
  it.each<[string, Record<string, unknown>, string]>([
    ['no storage', { accessModes: ['ReadWriteOnce'] }, 'spec.resources[storage]: Required value'],
    ['no access modes', { resources: { requests: { storage: '1Gi' } } }, 'spec.accessModes: Required value: at least 1 access mode is required'],
    ['zero storage', { ...goodPVC, resources: { requests: { storage: '0' } } }, 'spec.resources[storage]: Invalid value: "0": must be greater than zero'],
  ])('%s', (_n, spec, message) => expect(createThrough(persistentvolumeclaimsStrategy, pvc(spec), testContext()).errors).toContain(message));
  it('allows binding once and forbids other spec changes', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.persistentvolumeclaims, createThrough(persistentvolumeclaimsStrategy, pvc(goodPVC), ctx).obj);
    const bound = { ...structuredClone(old), spec: { ...(old.spec as object), volumeName: 'pv1' } } as StoredObject;
    expect(updateThrough(persistentvolumeclaimsStrategy, bound, old, ctx).errors).toEqual([]);
    const changed = { ...structuredClone(old), spec: { ...(old.spec as object), accessModes: ['ReadWriteMany'] } } as StoredObject;
    expect(updateThrough(persistentvolumeclaimsStrategy, changed, old, ctx).errors[0].split('\n')[0]).toBe(
      'spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
  });
});
