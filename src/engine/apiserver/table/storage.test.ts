import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { describe, expect, it } from 'vitest';
import { getAccessModesAsString, persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage';

const now = Date.parse('2025-01-01T12:00:00Z');
const created = '2025-01-01T11:00:00Z';

describe('storage printers', () => {
  it.each([
    [['ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOnce'], 'RWO,RWX'],
    [['ReadWriteOncePod', 'ReadOnlyMany'], 'ROX,RWOP'],
    [[], ''],
  ])('abbreviates access modes %j as %s', (modes, want) => {
    expect(getAccessModesAsString(modes)).toBe(want);
  });

  it('prints a bound persistent volume', () => {
    const pv: PersistentVolume = {
      metadata: { name: 'pv-1', creationTimestamp: created },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'standard',
        claimRef: { namespace: 'default', name: 'data' },
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Bound' },
    };
    expect(persistentVolumePrinter.cells(pv, now)).toEqual(['pv-1', '10Gi', 'RWO', 'Delete', 'Bound', 'default/data', 'standard', '<unset>', '', '60m', 'Filesystem']);
  });

  it('prints a pending claim without capacity and a bound one with it', () => {
    const pending: PersistentVolumeClaim = {
      metadata: { name: 'data', creationTimestamp: created },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' },
      status: { phase: 'Pending' },
    };
    expect(persistentVolumeClaimPrinter.cells(pending, now)).toEqual(['data', 'Pending', '', '', '', 'standard', '<unset>', '60m', '<unset>']);
    const bound: PersistentVolumeClaim = {
      ...pending,
      metadata: { ...pending.metadata, annotations: { 'volume.beta.kubernetes.io/storage-class': 'legacy' }, deletionTimestamp: created },
      spec: { ...pending.spec, volumeName: 'pv-1', volumeMode: 'Filesystem' },
      status: { phase: 'Bound', capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'] },
    };
    expect(persistentVolumeClaimPrinter.cells(bound, now)).toEqual(['data', 'Terminating', 'pv-1', '10Gi', 'RWO', 'legacy', '<unset>', '60m', 'Filesystem']);
  });

  it('marks the default storage class and fills defaults', () => {
    const sc: StorageClass = {
      metadata: { name: 'standard', creationTimestamp: created, annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'rancher.io/local-path',
      volumeBindingMode: 'WaitForFirstConsumer',
    };
    expect(storageClassPrinter.cells(sc, now)).toEqual(['standard (default)', 'rancher.io/local-path', 'Delete', 'WaitForFirstConsumer', false, '60m']);
    expect(storageClassPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age']);
  });
});
