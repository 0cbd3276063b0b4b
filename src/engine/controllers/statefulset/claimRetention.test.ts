import { describe, expect, it } from 'vitest';
import type { PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { isClaimOwnerUpToDate, updateClaimOwnerRefForSetAndPod } from './claimRetention';
import { newPod, newSet } from './fixture';

type Policy = 'Retain' | 'Delete';

const setRef: OwnerReference = { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true };
const podRef = (ordinal: number): OwnerReference => ({
  apiVersion: 'v1',
  kind: 'Pod',
  name: `web-${ordinal}`,
  uid: `web-${ordinal}-uid`,
  controller: true,
  blockOwnerDeletion: true,
});
const claim = (ordinal: number, refs: OwnerReference[] = []): PersistentVolumeClaim => ({
  metadata: { name: `www-web-${ordinal}`, namespace: 'default', ownerReferences: refs },
});

function setWith(whenScaled: Policy, whenDeleted: Policy) {
  return newSet({ replicas: 2, persistentVolumeClaimRetentionPolicy: { whenScaled, whenDeleted } });
}

describe('updateClaimOwnerRefForSetAndPod', () => {
  // [whenScaled, whenDeleted, ordinal (1 in range, 2 scaled down), owners wanted]
  it.each([
    ['Retain', 'Retain', 1, []],
    ['Retain', 'Delete', 1, ['StatefulSet']],
    ['Retain', 'Delete', 2, ['StatefulSet']],
    ['Delete', 'Retain', 1, []],
    ['Delete', 'Retain', 2, ['Pod']],
    ['Delete', 'Delete', 1, ['StatefulSet']],
    ['Delete', 'Delete', 2, ['Pod']],
  ] as const)('whenScaled=%s whenDeleted=%s: the claim of ordinal %i is owned by %j', (scaled, deleted, ordinal, owners) => {
    const set = setWith(scaled, deleted);
    const pod = newPod(set, ordinal, 'r');
    const c = claim(ordinal);
    expect(isClaimOwnerUpToDate(c, set, pod)).toBe(owners.length === 0);
    updateClaimOwnerRefForSetAndPod(c, set, pod);
    expect(c.metadata?.ownerReferences?.map((r) => r.kind)).toEqual(owners);
    expect(c.metadata?.ownerReferences?.every((r) => r.controller && r.blockOwnerDeletion)).toBe(true);
    expect(isClaimOwnerUpToDate(c, set, pod)).toBe(true);
  });

  it('moves the reference from the set to the pod when the pod is scaled down (Delete/Delete)', () => {
    const set = setWith('Delete', 'Delete');
    const c = claim(2, [setRef]);
    const pod = newPod(set, 2, 'r');
    expect(isClaimOwnerUpToDate(c, set, pod)).toBe(false);
    updateClaimOwnerRefForSetAndPod(c, set, pod);
    expect(c.metadata?.ownerReferences).toEqual([podRef(2)]);
  });

  it('leaves a claim under another controller alone, and drops our references from it', () => {
    const set = setWith('Delete', 'Delete');
    const other: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: 'x', controller: true };
    expect(isClaimOwnerUpToDate(claim(1, [other]), set, newPod(set, 1, 'r'))).toBe(true);
    const c = claim(1, [other, setRef]);
    expect(isClaimOwnerUpToDate(c, set, newPod(set, 1, 'r'))).toBe(false);
    updateClaimOwnerRefForSetAndPod(c, set, newPod(set, 1, 'r'));
    expect(c.metadata?.ownerReferences).toEqual([other]);
  });

  it('does not touch a claim whose reference names an earlier set of the same name', () => {
    const set = setWith('Retain', 'Retain');
    expect(isClaimOwnerUpToDate(claim(1, [{ ...setRef, uid: 'old-uid' }]), set, newPod(set, 1, 'r'))).toBe(true);
  });
});
