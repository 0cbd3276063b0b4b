import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../engine/api/object';
import { changedKeys, useClusterStore, type ClusterState } from './clusterStore';
import { applyBatch, takeBatch, type Pending } from './watchBatch';
import type { CachedResource } from './cachedResources';

const obj = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' } });
const pendingOf = (entries: Partial<Record<CachedResource, [string, KubeObject | null][]>>): Pending =>
  new Map(Object.entries(entries).map(([r, kv]) => [r as CachedResource, new Map(kv)]));
const keysOf = (p: Pending) => Object.fromEntries([...p].map(([r, m]) => [r, [...m.keys()]]));

describe('takeBatch', () => {
  it('takes every due change when they fit', () => {
    const pending = pendingOf({ pods: [['default/a', obj('a')]], nodes: [['n1', obj('n1')]] });
    const due = takeBatch(pending, 10);
    expect(keysOf(due)).toEqual({ pods: ['default/a'], nodes: ['n1'] });
    expect(pending.size).toBe(0);
  });

  it('takes at most maxChanges keys and leaves the rest pending in arrival order', () => {
    const pending = pendingOf({ pods: ['a', 'b', 'c'].map((n) => [`default/${n}`, obj(n)]), nodes: [['n1', obj('n1')]] });
    const first = takeBatch(pending, 2);
    expect(keysOf(first)).toEqual({ pods: ['default/a', 'default/b'] });
    expect(keysOf(pending)).toEqual({ pods: ['default/c'], nodes: ['n1'] });
    const second = takeBatch(pending, 2);
    expect(keysOf(second)).toEqual({ pods: ['default/c'], nodes: ['n1'] });
    expect(pending.size).toBe(0);
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
