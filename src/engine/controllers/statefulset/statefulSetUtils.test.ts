import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { newPod, newSet, wwwTemplate } from './fixture';
import {
  getOrdinal,
  getParentNameAndOrdinal,
  getPersistentVolumeClaims,
  identityMatches,
  isHealthy,
  newStatefulSetPod,
  newVersionedStatefulSetPod,
  podInOrdinalRange,
  storageMatches,
} from './statefulSetUtils';

const named = (name: string): Pod => ({ metadata: { name } });

describe('getParentNameAndOrdinal', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['my-db-3', 'my-db', 3],
    ['web', '', -1],
    ['web-x', '', -1],
    ['web-2147483648', 'web', -1],
  ])('splits %s into parent %j and ordinal %i', (name, parent, ordinal) => {
    expect(getParentNameAndOrdinal(named(name))).toEqual({ parent, ordinal });
  });
});

describe('newStatefulSetPod', () => {
  it('names the pod <set>-<ordinal> and gives it its identity, labels, owner and claims', () => {
    const set = newSet({ volumeClaimTemplates: [wwwTemplate] });
    const pod = newStatefulSetPod(set, 1);
    expect(pod.metadata).toMatchObject({
      name: 'web-1',
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'nginx', 'statefulset.kubernetes.io/pod-name': 'web-1', 'apps.kubernetes.io/pod-index': '1' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(pod.spec).toMatchObject({ hostname: 'web-1', subdomain: 'nginx' });
    expect(pod.spec?.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }]);
    expect(identityMatches(set, pod)).toBe(true);
    expect(storageMatches(set, pod)).toBe(true);
  });

  it('replaces a template volume of the same name as a claim template and keeps the others', () => {
    const set = newSet({ volumeClaimTemplates: [wwwTemplate] });
    set.spec!.template.spec!.volumes = [{ name: 'www', emptyDir: {} }, { name: 'conf', configMap: { name: 'c' } }];
    expect(newStatefulSetPod(set, 0).spec?.volumes?.map((v) => v.name)).toEqual(['www', 'conf']);
    expect(newStatefulSetPod(set, 0).spec?.volumes?.[0].emptyDir).toBeUndefined();
  });

  it('counts ordinals from spec.ordinals.start', () => {
    const set = newSet({ replicas: 2, ordinals: { start: 5 } });
    expect([4, 5, 6, 7].map((o) => podInOrdinalRange(named(`web-${o}`), set))).toEqual([false, true, true, false]);
  });
});

describe('identityMatches and storageMatches', () => {
  const set = newSet({ volumeClaimTemplates: [wwwTemplate] });
  it('reject a pod of another set, another namespace, or without its pod-name label', () => {
    const pod = newStatefulSetPod(set, 0);
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, name: 'db-0' } })).toBe(false);
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, namespace: 'other' } })).toBe(false);
    expect(identityMatches(set, { ...pod, metadata: { ...pod.metadata, labels: { app: 'nginx' } } })).toBe(false);
  });
  it('reject a pod whose volume points at another ordinal claim', () => {
    const pod = newStatefulSetPod(set, 0);
    pod.spec!.volumes = [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }];
    expect(storageMatches(set, pod)).toBe(false);
  });
});

describe('getPersistentVolumeClaims', () => {
  it('names claims <template>-<set>-<ordinal> and labels them with the selector', () => {
    const set = newSet({ volumeClaimTemplates: [{ ...wwwTemplate, metadata: { name: 'www', labels: { tier: 'db' } } }] });
    const claim = getPersistentVolumeClaims(set, named('web-2')).get('www');
    expect(claim?.metadata).toEqual({ name: 'www-web-2', namespace: 'default', labels: { tier: 'db', app: 'nginx' } });
    expect(claim?.spec?.resources?.requests).toEqual({ storage: '1Gi' });
  });
});

describe('newVersionedStatefulSetPod', () => {
  const current = newSet();
  const update = newSet();
  update.spec!.template.spec!.containers[0].image = 'nginx:2';
  it.each([
    [0, 2, 'rev-a', 'registry.k8s.io/nginx-slim:0.24'],
    [1, 2, 'rev-a', 'registry.k8s.io/nginx-slim:0.24'],
    [2, 2, 'rev-b', 'nginx:2'],
    [0, 0, 'rev-b', 'nginx:2'],
  ])('makes ordinal %i below/above partition %i from %s', (ordinal, partition, revision, image) => {
    const cur = newSet({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition } } });
    const pod = newVersionedStatefulSetPod(cur, update, 'rev-a', 'rev-b', ordinal);
    expect(pod.metadata?.labels?.['controller-revision-hash']).toBe(revision);
    expect(pod.spec?.containers[0].image).toBe(image);
  });
  it('makes OnDelete pods from the update revision', () => {
    const cur = newSet({ updateStrategy: { type: 'OnDelete' } });
    expect(newVersionedStatefulSetPod(cur, update, 'rev-a', 'rev-b', 0).metadata?.labels?.['controller-revision-hash']).toBe('rev-b');
    expect(getOrdinal(newVersionedStatefulSetPod(current, update, 'a', 'b', 7))).toBe(7);
  });
});

describe('isHealthy', () => {
  const set = newSet();
  it.each([
    ['ready', true],
    ['running', false],
    ['pending', false],
    ['terminating', false],
  ] as const)('a %s pod is healthy: %s', (state, want) => {
    expect(isHealthy(newPod(set, 0, 'r', state))).toBe(want);
  });
});
