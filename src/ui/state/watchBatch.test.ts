import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/object';
import { changedKeys, useClusterStore, type ClusterState } from './clusterStore';
import { applyBatch, takeBatch, type Pending } from './watchBatch';
import type { WatchedResource } from './watchedResources';

const obj = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } });
const pendingOf = (entries: Partial<Record<WatchedResource, [string, KubeObject | null][]>>): Pending =>
  new Map(Object.entries(entries).map(([r, kv]) => [r as WatchedResource, new Map(kv)]));
const keysOf = (p: Pending) => Object.fromEntries([...p].map(([r, m]) => [r, [...m.keys()]]));

describe('takeBatch', () => {
  it('takes every due change when they fit', () => {
    const pending = pendingOf({ pods: [['default/a', obj('a')]], nodes: [['n1', obj('n1')]] });
    const due = takeBatch(pending, new Map(), 0, {}, 10);
    expect(keysOf(due)).toEqual({ pods: ['default/a'], nodes: ['n1'] });
    expect(pending.size).toBe(0);
  });

  it('takes at most maxChanges keys and leaves the rest pending in arrival order', () => {
    const pending = pendingOf({ pods: ['a', 'b', 'c'].map((n) => [`default/${n}`, obj(n)]), nodes: [['n1', obj('n1')]] });
    const first = takeBatch(pending, new Map(), 0, {}, 2);
    expect(keysOf(first)).toEqual({ pods: ['default/a', 'default/b'] });
    expect(keysOf(pending)).toEqual({ pods: ['default/c'], nodes: ['n1'] });
    const second = takeBatch(pending, new Map(), 16, {}, 2);
    expect(keysOf(second)).toEqual({ pods: ['default/c'], nodes: ['n1'] });
    expect(pending.size).toBe(0);
  });

  it('holds a resource back until its refresh interval has passed', () => {
    const flushedAt = new Map<WatchedResource, number>([['events', 100]]);
    const pending = pendingOf({ events: [['default/e', obj('e')]], pods: [['default/a', obj('a')]] });
    expect(keysOf(takeBatch(pending, flushedAt, 200, { events: 250 }, 10))).toEqual({ pods: ['default/a'] });
    expect(keysOf(takeBatch(pending, flushedAt, 350, { events: 250 }, 10))).toEqual({ events: ['default/e'] });
    expect(flushedAt.get('events')).toBe(350);
  });
});

describe('applyBatch', () => {
  const base = (): ClusterState => ({ ...useClusterStore.getInitialState(), objects: { ...useClusterStore.getInitialState().objects, pods: { 'default/a': obj('a'), 'default/b': obj('b') } } });

  it('adds, replaces and deletes objects in new maps and names the keys it changed', () => {
    const s = base();
    const a2 = obj('a');
    const next = applyBatch(s, pendingOf({ pods: [['default/a', a2], ['default/b', null], ['default/c', obj('c')]] }));
    expect(Object.keys(next.objects.pods).sort()).toEqual(['default/a', 'default/c']);
    expect(next.objects.pods['default/a']).toBe(a2);
    expect(next.objects.nodes).toBe(s.objects.nodes);
    expect(s.objects.pods['default/b']).toBeDefined();
    expect(changedKeys({ ...s, ...next }, 'pods', s.objects.pods)).toEqual(['default/a', 'default/b', 'default/c']);
  });

  it('gives no keys to a caller that did not see the map the batch started from', () => {
    const s = base();
    const next = applyBatch(s, pendingOf({ pods: [['default/a', null]] }));
    expect(changedKeys({ ...s, ...next }, 'pods', {})).toBeUndefined();
    expect(changedKeys({ ...s, ...next }, 'nodes', s.objects.nodes)).toBeUndefined();
  });
});
