import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { filterActivePods, isPodAvailable, isPodReady } from './podUtil';

const t0 = Date.UTC(2025, 0, 1);

function pod(ready: string | undefined, since = '2025-01-01T00:00:00Z', extra: Partial<Pod> = {}): Pod {
  const conditions = ready === undefined ? [] : [{ type: 'Ready', status: ready, lastTransitionTime: since }];
  return { metadata: { name: 'p' }, status: { phase: 'Running', conditions }, ...extra };
}

describe('isPodReady', () => {
  it.each([
    ['True', true],
    ['False', false],
    ['Unknown', false],
    [undefined, false],
  ])('Ready=%s is ready: %s', (status, want) => {
    expect(isPodReady(pod(status))).toBe(want);
  });
});

describe('isPodAvailable', () => {
  it.each([
    ['a ready pod with minReadySeconds 0', pod('True'), 0, t0, true],
    ['a pod that is not ready', pod('False'), 0, t0, false],
    ['a pod ready for less than minReadySeconds', pod('True'), 10, t0 + 9_000, false],
    ['a pod ready for exactly minReadySeconds (strictly before now is required)', pod('True'), 10, t0 + 10_000, false],
    ['a pod ready for longer than minReadySeconds', pod('True'), 10, t0 + 10_001, true],
  ])('%s: %s', (_name, p, minReadySeconds, now, want) => {
    expect(isPodAvailable(p, minReadySeconds, now)).toBe(want);
  });
});

describe('filterActivePods', () => {
  it('drops terminated pods and pods being deleted', () => {
    const running = pod('True');
    const succeeded: Pod = { ...pod(undefined), status: { phase: 'Succeeded' } };
    const failed: Pod = { ...pod(undefined), status: { phase: 'Failed' } };
    const deleting: Pod = { ...pod('True'), metadata: { name: 'd', deletionTimestamp: '2025-01-01T00:00:00Z' } };
    expect(filterActivePods([running, succeeded, failed, deleting])).toEqual([running]);
  });
});
