import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../api/object';
import { ResourceHistory, watchCachePolicy } from './resourceHistory';

const obj = (rev: number): StoredObject => ({ metadata: { name: `o${rev}`, resourceVersion: String(rev) } });

function recordAll(h: ResourceHistory, revs: number[], timeOf: (rev: number) => number): void {
  for (const rev of revs) h.record(rev, rev % 7 === 0, obj(rev), undefined, timeOf(rev));
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

describe('ResourceHistory', () => {
  it('grows the watch cache window while all of it is younger than 75 s, up to its upper bound', () => {
    const h = new ResourceHistory(watchCachePolicy(1000));
    recordAll(h, range(1, 700), () => 0);
    expect(h.size).toBe(700);
    expect(h.compacted).toBe(0);
    expect(h.since(0)?.length).toBe(700);
    recordAll(h, range(701, 600), () => 1000);
    expect(h.size).toBe(1000);
    expect(h.compacted).toBe(300);
    expect(h.since(299)).toBeUndefined();
    expect(h.since(300)?.map((e) => e.rev)).toEqual(range(301, 1000));
  });

  it('keeps its lower bound of 100 events when they are older than 75 s, and shrinks back to it', () => {
    const h = new ResourceHistory(watchCachePolicy());
    recordAll(h, range(1, 100), (rev) => rev * 1000);
    recordAll(h, range(101, 50), (rev) => rev * 1000);
    expect(h.size).toBe(100);
    expect(h.compacted).toBe(50);
    const grown = new ResourceHistory(watchCachePolicy());
    recordAll(grown, range(1, 400), () => 0);
    recordAll(grown, range(401, 1), () => 200_000);
    expect(grown.size).toBe(200);
    expect(grown.since(200)).toBeUndefined();
    expect(grown.since(201)?.[0].rev).toBe(202);
  });

  it('keeps etcd history until a compaction, which refuses the revisions below it', () => {
    const h = new ResourceHistory({ kind: 'etcd' });
    recordAll(h, range(1, 5000), () => 0);
    expect(h.size).toBe(5000);
    h.compact(4000);
    expect(h.size).toBe(1000);
    expect(h.since(3999)).toBeUndefined();
    expect(h.since(4000)?.slice(0, 4)).toEqual([4001, 4002, 4003, 4004].map((rev) => ({ rev, deleted: rev === 4004, object: obj(rev), prevObject: undefined })));
  });
});
