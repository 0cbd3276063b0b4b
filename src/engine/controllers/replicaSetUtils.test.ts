import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { formatTime, SimEpoch } from '../sim/clock';
import { calculateStatus, getPodsToDelete, slowStartBatch } from './replicaSetUtils';

const now = SimEpoch + 3_600_000;
const t0 = formatTime(SimEpoch);

function rs(status: ReplicaSet['status'] = { replicas: 0 }, minReadySeconds = 0): ReplicaSet {
  return {
    metadata: { name: 'web-abc', generation: 2 },
    spec: {
      replicas: 3,
      minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web', tier: 'fe' } } },
    },
    status,
  };
}

function pod(name: string, o: { labels?: Record<string, string>; ready?: boolean; node?: string; readySince?: string } = {}): Pod {
  return {
    metadata: { name, uid: name, labels: o.labels ?? { app: 'web', tier: 'fe' }, creationTimestamp: t0 },
    spec: { nodeName: o.node ?? 'node-1', containers: [] },
    status: {
      phase: 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: o.readySince ?? t0 }],
    },
  };
}

describe('calculateStatus', () => {
  it('counts replicas, fully labeled, ready and available pods', () => {
    const pods = [
      pod('a'),
      pod('b', { labels: { app: 'web' } }),
      pod('c', { ready: false }),
      pod('d', { readySince: formatTime(now - 5_000) }),
    ];
    expect(calculateStatus(rs(undefined, 10), pods, undefined, now)).toEqual({
      replicas: 4,
      fullyLabeledReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 2,
    });
  });

  it.each([
    ['FailedCreate', 1],
    ['FailedDelete', 5],
  ])('sets ReplicaFailure %s when manageReplicas failed', (reason, n) => {
    const pods = Array.from({ length: n }, (_, i) => pod(`p${i}`));
    const s = calculateStatus(rs(), pods, new Error('boom'), now);
    expect(s.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: formatTime(now), reason, message: 'boom' },
    ]);
  });

  it('keeps an existing ReplicaFailure while failures go on and clears it on success', () => {
    const failing = { type: 'ReplicaFailure', status: 'True', lastTransitionTime: t0, reason: 'FailedCreate', message: 'old' };
    expect(calculateStatus(rs({ replicas: 0, conditions: [failing] }), [], new Error('new'), now).conditions).toEqual([failing]);
    expect(calculateStatus(rs({ replicas: 0, conditions: [failing] }), [], undefined, now).conditions).toEqual([]);
  });
});

describe('getPodsToDelete', () => {
  it('returns every pod unsorted when all go', () => {
    const pods = [pod('a'), pod('b')];
    expect(getPodsToDelete(pods, [], 2, now)).toEqual(pods);
  });

  it('prefers pods doubled up with related pods on the same node', () => {
    const alone = pod('alone', { node: 'node-1' });
    const crowded = pod('crowded', { node: 'node-2' });
    const related = [pod('r1', { node: 'node-2' }), pod('r2', { node: 'node-2' }), alone, crowded];
    expect(getPodsToDelete([alone, crowded], related, 1, now).map((p) => p.metadata?.name)).toEqual(['crowded']);
  });
});

describe('slowStartBatch', () => {
  it('runs batches of 1, 2, 4, … up to count', async () => {
    const batches: number[] = [];
    let inFlight = 0;
    const fn = async () => {
      inFlight++;
      await Promise.resolve();
      batches.push(inFlight);
      inFlight = 0;
    };
    const r = await slowStartBatch(10, 1, fn);
    expect(r).toEqual({ successes: 10 });
    // Each batch's first completion sees the whole batch in flight.
    expect(batches.filter((n) => n > 0)).toEqual([1, 2, 4, 3]);
  });

  it('stops after the first batch with a failure', async () => {
    let calls = 0;
    const r = await slowStartBatch(10, 1, async () => {
      if (++calls === 2) throw new Error('quota');
    });
    expect(calls).toBe(3);
    expect(r.successes).toBe(2);
    expect(r.error?.message).toBe('quota');
  });
});
