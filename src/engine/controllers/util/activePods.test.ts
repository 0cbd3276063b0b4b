import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { logarithmicRankDiff, PodDeletionCostAnnotation, sortActivePodsWithRanks } from './activePods';

const now = Date.UTC(2025, 0, 2);
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface Opts {
  node?: string;
  phase?: string;
  ready?: boolean;
  readySince?: number;
  cost?: string;
  restarts?: number;
  created?: number;
  uid?: string;
}

function pod(name: string, o: Opts = {}): Pod {
  return {
    metadata: {
      name,
      uid: o.uid ?? name,
      creationTimestamp: iso(o.created ?? now - 3_600_000),
      annotations: o.cost !== undefined ? { [PodDeletionCostAnnotation]: o.cost } : undefined,
    },
    spec: { nodeName: o.node ?? 'node-1', containers: [] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [
        { type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: iso(o.readySince ?? now - 3_600_000) },
      ],
      containerStatuses: [{ name: 'c', restartCount: o.restarts ?? 0, image: '', imageID: '', ready: true }],
    },
  };
}

describe('sortActivePodsWithRanks', () => {
  it.each<[string, Pod, Pod, number?, number?]>([
    ['unassigned before assigned', pod('b', { node: '' }), pod('a')],
    ['Pending before Running', pod('b', { phase: 'Pending' }), pod('a')],
    ['Unknown before Running', pod('b', { phase: 'Unknown' }), pod('a')],
    ['not ready before ready', pod('b', { ready: false }), pod('a')],
    ['lower deletion cost before higher', pod('b', { cost: '-10' }), pod('a', { cost: '5' })],
    ['a malformed deletion cost counts as 0', pod('b', { cost: 'abc' }), pod('a', { cost: '1' })],
    ['doubled up before not doubled up', pod('b'), pod('a'), 3, 1],
    ['ready recently before ready long ago', pod('b', { readySince: now - 60_000 }), pod('a', { readySince: now - 86_400_000 })],
    ['more restarts before fewer', pod('b', { restarts: 5 }), pod('a', { restarts: 1 })],
    ['newer before older', pod('b', { created: now - 60_000 }), pod('a', { created: now - 86_400_000 })],
    [
      'same log2 age bucket: lower UID first',
      pod('b', { uid: '1', created: now - 100_000 }),
      pod('a', { uid: '2', created: now - 110_000 }),
    ],
  ])('deletes %s', (_name, first, second, rankFirst = 0, rankSecond = 0) => {
    expect(sortActivePodsWithRanks([second, first], [rankSecond, rankFirst], now).map((p) => p.metadata?.name)).toEqual(['b', 'a']);
    expect(sortActivePodsWithRanks([first, second], [rankFirst, rankSecond], now).map((p) => p.metadata?.name)).toEqual(['b', 'a']);
  });

  it('compares ages in powers of two', () => {
    expect(logarithmicRankDiff(now - 1100, now - 1500, now)).toBe(0);
    expect(logarithmicRankDiff(now - 1000, now - 4000, now)).toBe(-2);
    expect(logarithmicRankDiff(now + 1000, now - 1, now)).toBe(-1 - Math.floor(Math.log2(1e6)));
  });
});
