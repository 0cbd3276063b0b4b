import { describe, expect, it } from 'vitest';
import { storageClassStrategy } from './storageClasses';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const sc = (fields: Record<string, unknown>) => ({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'standard' }, ...fields });

describe('storageclass strategy', () => {
  it('defaults reclaimPolicy Delete and volumeBindingMode Immediate', () => {
    const { obj, errors } = simulateCreate(storageClassStrategy, sc({ provisioner: 'rancher.io/local-path' }));
    expect(errors).toEqual([]);
    expect([obj.reclaimPolicy, obj.volumeBindingMode]).toEqual(['Delete', 'Immediate']);
  });

  it.each([
    ['a missing provisioner', {}, ['provisioner: Required value']],
    ['an unknown reclaim policy', { provisioner: 'a.io/b', reclaimPolicy: 'Recycle' }, ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['an unknown binding mode', { provisioner: 'a.io/b', volumeBindingMode: 'Later' }, ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"']],
  ])('rejects %s', (_n, fields, want) => {
    expect(simulateCreate(storageClassStrategy, sc(fields)).errors).toEqual(want);
  });

  it('forbids changing parameters and the binding mode', () => {
    const old = stored(simulateCreate(storageClassStrategy, sc({ provisioner: 'a.io/b' })).obj);
    const next = { ...structuredClone(old), parameters: { type: 'ssd' }, volumeBindingMode: 'WaitForFirstConsumer' };
    expect(simulateUpdate(storageClassStrategy, next, old).errors).toEqual([
      'parameters: Forbidden: updates to parameters are forbidden.',
      'volumeBindingMode: Invalid value: "WaitForFirstConsumer": field is immutable',
    ]);
  });
});
