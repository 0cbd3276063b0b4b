import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../api/object';
import { Sim } from '../../sim/sim';
import { MvccStore } from '../../store/mvccStore';
import { EventTtl, EventTtlMs } from './eventTtl';

const event = (name: string, count = 1): StoredObject => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, count });

function setup() {
  const sim = new Sim('event-ttl', () => new Promise((r) => setImmediate(r)));
  const store = new MvccStore({ now: () => sim.clock.now() });
  new EventTtl(store, sim);
  return { sim, store };
}

describe('EventTtl', () => {
  it('deletes an Event one hour (--event-ttl) after its last write, and watchers see it go', async () => {
    const { sim, store } = setup();
    store.create('core/events', 'default/a', 'default', event('a'));
    await sim.advance(30 * 60_000);
    const b = store.create('core/events', 'default/b', 'default', event('b'));
    store.update('core/events', 'default/b', 'default', { ...b, count: 2 });
    await sim.advance(EventTtlMs - 30 * 60_000 - 1);
    expect(store.get('core/events', 'default/a')).toBeDefined();
    const before = store.rev;
    await sim.advance(1);
    expect(store.get('core/events', 'default/a')).toBeUndefined();
    expect(store.eventsSince(before, 'core/events')).toMatchObject([{ type: 'delete', key: 'default/a' }]);
    await sim.advance(30 * 60_000);
    expect(store.get('core/events', 'default/b')).toBeUndefined();
  });

  it('counts the hour from the last write of an Event, and leaves other resources alone', async () => {
    const { sim, store } = setup();
    const a = store.create('core/events', 'default/a', 'default', event('a'));
    store.create('core/configmaps', 'default/c', 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } });
    await sim.advance(45 * 60_000);
    store.update('core/events', 'default/a', 'default', { ...a, count: 2 });
    await sim.advance(45 * 60_000);
    expect(store.get('core/events', 'default/a')?.count).toBe(2);
    await sim.advance(15 * 60_000);
    expect(store.get('core/events', 'default/a')).toBeUndefined();
    expect(store.get('core/configmaps', 'default/c')).toBeDefined();
  });
});
