import { describe, expect, it } from 'vitest';
import { CompactionIntervalMs, ErrCompacted, ErrKeyExists, ErrRevisionMismatch, MvccStore, modRevision } from './mvccStore';
import { Rng } from '../sim/rng';
import type { StoredObject } from '../api/object';

const pod = (ns: string, name: string, extra: Record<string, unknown> = {}): StoredObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: ns, name },
  ...extra,
});

describe('MvccStore', () => {
  it('gives every write the next global revision and stamps it as resourceVersion', () => {
    const s = new MvccStore();
    const a = s.create('core/pods', 'default/a', 'default', pod('default', 'a'));
    const b = s.create('core/pods', 'default/b', 'default', pod('default', 'b'));
    expect(Number(b.metadata.resourceVersion)).toBe(Number(a.metadata.resourceVersion) + 1);
    expect(s.rev).toBe(modRevision(b));
  });

  it('refuses to create an existing key and to update at a stale revision', () => {
    const s = new MvccStore();
    const a = s.create('core/pods', 'default/a', 'default', pod('default', 'a'));
    expect(() => s.create('core/pods', 'default/a', 'default', pod('default', 'a'))).toThrow(ErrKeyExists);
    s.update('core/pods', 'default/a', 'default', a, modRevision(a));
    expect(() => s.update('core/pods', 'default/a', 'default', a, modRevision(a))).toThrow(ErrRevisionMismatch);
  });

  it('lists in key order, by namespace, and after a continue key', () => {
    const s = new MvccStore();
    for (const [ns, n] of [['b', 'x'], ['a', 'z'], ['a', 'y'], ['c', 'w']]) s.create('core/pods', `${ns}/${n}`, ns, pod(ns, n));
    expect(s.listSorted('core/pods').map((o) => o.metadata.name)).toEqual(['y', 'z', 'x', 'w']);
    expect(s.listSorted('core/pods', 'a').map((o) => o.metadata.name)).toEqual(['y', 'z']);
    expect(s.listSorted('core/pods', undefined, 'a/z').map((o) => o.metadata.name)).toEqual(['x', 'w']);
  });

  it('replays history after a revision; an etcd compaction makes older revisions of etcd-watched resources 410', () => {
    const s = new MvccStore();
    const a = s.create('core/events', 'default/a', 'default', pod('default', 'a'));
    s.delete('core/events', 'default/a');
    const evs = s.eventsSince(modRevision(a) - 1, 'core/events');
    expect(evs.map((e) => e.type)).toEqual(['put', 'delete']);
    s.compact(s.rev);
    expect(() => s.eventsSince(modRevision(a), 'core/events')).toThrow(ErrCompacted);
    expect(s.eventsSince(s.rev, 'core/events')).toEqual([]);
  });

  it('compacts etcd every five minutes to the revision the previous compaction saw', () => {
    let now = 0;
    const s = new MvccStore({ now: () => now });
    const a = s.create('core/events', 'default/a', 'default', pod('default', 'a'));
    now = CompactionIntervalMs;
    const b = s.create('core/events', 'default/b', 'default', pod('default', 'b'));
    expect(s.compacted).toBe(0);
    now = 2 * CompactionIntervalMs;
    expect(s.compacted).toBe(modRevision(a));
    expect(() => s.eventsSince(modRevision(a) - 1, 'core/events')).toThrow(ErrCompacted);
    expect(s.eventsSince(modRevision(a), 'core/events').map((e) => e.object.metadata.name)).toEqual([b.metadata.name]);
  });

  it('keeps a watch cache window per resource: the oldest events beyond its size are dropped', () => {
    const s = new MvccStore({ historyLimit: 10 });
    const first = s.create('core/configmaps', 'd/c', 'd', pod('d', 'c'));
    const revs = Array.from({ length: 50 }, (_, i) => modRevision(s.create('core/pods', `d/p${i}`, 'd', pod('d', `p${i}`))));
    expect(() => s.eventsSince(revs[38], 'core/pods')).toThrow(ErrCompacted);
    expect(s.eventsSince(revs[39], 'core/pods').map((e) => e.rev)).toEqual(revs.slice(40));
    expect(s.eventsSince(0, 'core/configmaps').map((e) => e.object)).toEqual([first]);
    expect(() => s.eventsSince(0)).toThrow(ErrCompacted);
  });

  it('stores each revision sharing what did not change with the previous one and with the object created before', () => {
    const s = new MvccStore({ freeze: true, share: true });
    const spec = { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '10m' } } }] };
    const a = s.create('core/pods', 'd/a', 'd', pod('d', 'a', { spec, status: { phase: 'Pending' } }));
    const b = s.create('core/pods', 'd/b', 'd', pod('d', 'b', { spec: structuredClone(spec), status: { phase: 'Pending' } }));
    expect(b.spec).toBe(a.spec);
    expect(b.status).toBe(a.status);
    const b2 = s.update('core/pods', 'd/b', 'd', { ...structuredClone(b), status: { phase: 'Running' } });
    expect(b2.spec).toBe(b.spec);
    expect(b2.metadata).toEqual({ ...b.metadata, resourceVersion: String(modRevision(b) + 1) });
    expect(b2.status).toEqual({ phase: 'Running' });
    expect(Object.isFrozen(b2.status)).toBe(true);
  });

  it('keeps sorted order consistent with contents under random creates and deletes (seeded)', () => {
    const rng = new Rng('store-fuzz');
    const s = new MvccStore();
    const live = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const name = `p${rng.int(200)}`;
      const ns = `ns${rng.int(4)}`;
      const key = `${ns}/${name}`;
      if (live.has(key) && rng.float() < 0.5) {
        s.delete('core/pods', key);
        live.delete(key);
      } else if (!live.has(key)) {
        s.create('core/pods', key, ns, pod(ns, name));
        live.add(key);
      }
      if (i % 97 === 0) {
        const keys = s.listSorted('core/pods').map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
        expect(keys).toEqual([...live].sort());
      }
    }
    expect(s.count('core/pods')).toBe(live.size);
  });

  it('freezes stored objects when asked, so readers cannot mutate them', () => {
    const s = new MvccStore({ freeze: true });
    const a = s.create('core/pods', 'default/a', 'default', pod('default', 'a'));
    expect(Object.isFrozen(a.metadata)).toBe(true);
  });
});
