import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { checkVolumeSatisfyClaim, findBestMatchForClaim, findMatchingVolume } from './pvHelpers';

function claim(o: { storage?: string; modes?: string[]; class?: string; selector?: Record<string, string>; volumeMode?: string; delay?: boolean } = {}): PersistentVolumeClaim {
  return {
    metadata: { name: 'c', namespace: 'default', uid: 'uid-c' },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.storage ?? '1Gi' } },
      storageClassName: o.class ?? '',
      selector: o.selector ? { matchLabels: o.selector } : undefined,
      volumeMode: o.volumeMode,
    },
  };
}

function volume(name: string, o: { storage?: string; modes?: string[]; class?: string; labels?: Record<string, string>; phase?: string; claimRef?: string; volumeMode?: string } = {}): PersistentVolume {
  return {
    metadata: { name, labels: o.labels },
    spec: {
      accessModes: o.modes ?? ['ReadWriteOnce'],
      capacity: { storage: o.storage ?? '1Gi' },
      storageClassName: o.class ?? '',
      volumeMode: o.volumeMode,
      claimRef: o.claimRef ? { namespace: 'default', name: o.claimRef } : undefined,
      hostPath: { path: `/tmp/${name}` },
    },
    status: { phase: o.phase ?? 'Available' },
  };
}

describe('findBestMatchForClaim', () => {
  it.each([
    { name: 'takes the smallest volume that fits', claim: claim({ storage: '2Gi' }), volumes: [volume('5g', { storage: '5Gi' }), volume('1g'), volume('3g', { storage: '3Gi' })], want: '3g' },
    { name: 'prefers the fewest access modes over size', claim: claim(), volumes: [volume('rwx', { modes: ['ReadWriteOnce', 'ReadWriteMany'] }), volume('rwo', { storage: '10Gi' })], want: 'rwo' },
    { name: 'skips volumes missing a requested mode', claim: claim({ modes: ['ReadWriteMany'] }), volumes: [volume('rwo')], want: undefined },
    { name: 'matches the class', claim: claim({ class: 'gold' }), volumes: [volume('plain'), volume('gold', { class: 'gold' })], want: 'gold' },
    { name: 'matches the selector', claim: claim({ selector: { tier: 'db' } }), volumes: [volume('a'), volume('b', { labels: { tier: 'db' } })], want: 'b' },
    { name: 'skips volumes that are not Available', claim: claim(), volumes: [volume('r', { phase: 'Released' })], want: undefined },
    { name: 'skips another volume mode', claim: claim({ volumeMode: 'Block' }), volumes: [volume('fs')], want: undefined },
    { name: 'takes a volume pre-bound to the claim whatever its size order', claim: claim(), volumes: [volume('small'), volume('mine', { storage: '9Gi', claimRef: 'c', phase: 'Bound' })], want: 'mine' },
    { name: 'skips volumes claimed by others', claim: claim(), volumes: [volume('theirs', { claimRef: 'other' })], want: undefined },
  ])('$name', ({ claim: c, volumes, want }) => {
    expect(findBestMatchForClaim(c, volumes, false)?.metadata?.name).toBe(want);
  });

  it('leaves delayed claims to the scheduler', () => {
    expect(findBestMatchForClaim(claim(), [volume('v')], true)).toBeUndefined();
    expect(findMatchingVolume(claim(), [volume('v')], { name: 'n1', labels: {} }, new Set(), true)?.metadata?.name).toBe('v');
  });
});

describe('checkVolumeSatisfyClaim', () => {
  it.each([
    { name: 'fits', v: volume('v'), c: claim(), want: null },
    { name: 'too small', v: volume('v'), c: claim({ storage: '2Gi' }), want: 'requested PV is too small' },
    { name: 'class', v: volume('v', { class: 'x' }), c: claim(), want: 'storageClassName does not match' },
    { name: 'volume mode', v: volume('v'), c: claim({ volumeMode: 'Block' }), want: 'incompatible volumeMode' },
    { name: 'access mode', v: volume('v'), c: claim({ modes: ['ReadOnlyMany'] }), want: 'incompatible accessMode' },
  ])('$name', ({ v, c, want }) => {
    expect(checkVolumeSatisfyClaim(v, c)).toBe(want);
  });
});
