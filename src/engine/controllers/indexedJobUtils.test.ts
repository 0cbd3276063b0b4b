import { describe, expect, it } from 'vitest';
import type { Job } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import {
  activePodsForRemoval,
  firstPendingIndexes,
  formatIntervals,
  JobCompletionIndexAnnotation,
  parseIndexesFromString,
  podGenerateNameWithIndex,
  totalIndexes,
  withOrderedIndexes,
} from './indexedJobUtils';

const pod = (name: string, ix?: string): Pod => ({
  metadata: { name, creationTimestamp: '2026-01-01T00:00:00Z', annotations: ix === undefined ? {} : { [JobCompletionIndexAnnotation]: ix } },
  status: { phase: 'Running' },
});

describe('completed index intervals', () => {
  it('write neighbours as "a,b" and longer runs as "a-b", as orderedIntervals.String does', () => {
    const iv = withOrderedIndexes([], [0, 1, 3, 4, 5, 7]);
    expect(formatIntervals(iv)).toBe('0,1,3-5,7');
    expect(totalIndexes(iv)).toBe(6);
  });

  it('parse completedIndexes, dropping indexes past completions, and merge new ones', () => {
    const iv = parseIndexesFromString('0,1,3-5,9', 6);
    expect(formatIntervals(iv)).toBe('0,1,3-5');
    expect(formatIntervals(withOrderedIndexes(iv, [2]))).toBe('0-5');
  });
});

describe('firstPendingIndexes', () => {
  it('takes the lowest indexes neither succeeded nor running', () => {
    const succeeded = parseIndexesFromString('0,2', 10);
    expect(firstPendingIndexes(succeeded, [pod('a', '1'), pod('b', '4')], 3, 10)).toEqual([3, 5, 6]);
    expect(firstPendingIndexes(succeeded, [], 5, 3)).toEqual([1]);
  });
});

describe('activePodsForRemoval', () => {
  const job: Job = { spec: { completions: 3, template: {} } };
  it('removes pods without a valid index and all but one pod of an index, then as many more as asked', () => {
    const pods = [pod('a', '0'), pod('b', '0'), pod('c', 'x'), pod('d', '7'), pod('e', '1')];
    const rm = activePodsForRemoval(job, pods, 0, Date.parse('2026-01-01T01:00:00Z')).map((p) => p.metadata!.name);
    expect(rm).toHaveLength(3);
    expect(rm).toEqual(expect.arrayContaining(['c', 'd']));
    expect(rm.filter((n) => n === 'a' || n === 'b')).toHaveLength(1);
    expect(activePodsForRemoval(job, [pod('a', '0'), pod('e', '1')], 1, 0)).toHaveLength(1);
  });
});

describe('podGenerateNameWithIndex', () => {
  it('is <job>-<index>-, cutting a long job name to leave room for the random suffix', () => {
    expect(podGenerateNameWithIndex('work', 3)).toBe('work-3-');
    const long = podGenerateNameWithIndex('x'.repeat(63), 12);
    expect(long).toHaveLength(58);
    expect(long.endsWith('-12-')).toBe(true);
  });
});
