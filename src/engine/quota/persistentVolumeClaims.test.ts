import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { newPersistentVolumeClaimEvaluator } from './persistentVolumeClaims';
import { toApi } from './resources';

const pvc = (storage: string, cls?: string, allocated?: string, annotations?: Record<string, string>) =>
  ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data', annotations },
    spec: { storageClassName: cls, resources: { requests: { storage } } },
    status: allocated ? { allocatedResources: { storage: allocated } } : {},
  }) as PersistentVolumeClaim as unknown as KubeObject;

describe('persistentvolumeclaim evaluator', () => {
  const e = newPersistentVolumeClaimEvaluator();
  it('charges the claim and its storage, in total and against its class', () => {
    expect(toApi(e.usage(pvc('10Gi', 'gold')))).toEqual({
      persistentvolumeclaims: '1',
      'count/persistentvolumeclaims': '1',
      'requests.storage': '10Gi',
      'gold.storageclass.storage.k8s.io/persistentvolumeclaims': '1',
      'gold.storageclass.storage.k8s.io/requests.storage': '10Gi',
    });
  });
  it('charges the allocated size when larger, in whole bytes, and the beta class annotation first', () => {
    expect(toApi(e.usage(pvc('1Gi', undefined, '2Gi')))['requests.storage']).toBe('2Gi');
    expect(toApi(e.usage(pvc('1500m')))['requests.storage']).toBe('2');
    expect(Object.keys(e.usage(pvc('1Gi', 'gold', undefined, { 'volume.beta.kubernetes.io/storage-class': 'silver' })))).toContain(
      'silver.storageclass.storage.k8s.io/requests.storage',
    );
  });
  it('matches class-qualified names', () => {
    expect(e.matchingResources(['gold.storageclass.storage.k8s.io/requests.storage', 'requests.storage', 'count/persistentvolumeclaims', 'pods'])).toEqual([
      'gold.storageclass.storage.k8s.io/requests.storage',
      'requests.storage',
      'count/persistentvolumeclaims',
    ]);
  });
});
