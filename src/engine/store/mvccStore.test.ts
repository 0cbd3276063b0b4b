import { describe, expect, it } from 'vitest';
import { ErrCompacted, ErrKeyExists, ErrRevisionMismatch, MvccStore, modRevision } from './mvccStore';
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

  it('replays history after a revision and fails with ErrCompacted below the compaction point', () => {
    const s = new MvccStore();
    const a = s.create('core/pods', 'default/a', 'default', pod('default', 'a'));
    s.delete('core/pods', 'default/a');
    const evs = s.eventsSince(modRevision(a) - 1, 'core/pods');
    expect(evs.map((e) => e.type)).toEqual(['put', 'delete']);
    s.compact(s.rev);
    expect(() => s.eventsSince(modRevision(a))).toThrow(ErrCompacted);
  });

  it('bounds history by compacting the oldest events', () => {
    const s = new MvccStore({ historyLimit: 10 });
    for (let i = 0; i < 50; i++) s.create('core/pods', `d/p${i}`, 'd', pod('d', `p${i}`));
    expect(s.compacted).toBeGreaterThan(30);
    expect(s.eventsSince(s.compacted).length).toBeLessThanOrEqual(10);
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
