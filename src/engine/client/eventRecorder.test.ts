import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { ApiServer } from '../apiserver/server';
import { servedStrategies } from '../cluster/servedStrategies';
import { Resources } from '../apiserver/registry/resources';
import { Sim } from '../sim/sim';
import { ApiClient } from './apiClient';
import { EventRecorder, maxLruCacheEntries, maxQueuedEvents } from './eventRecorder';

async function setup() {
  const sim = new Sim('events', () => new Promise((r) => setImmediate(r)));
  const server = new ApiServer(sim, { strategies: servedStrategies });
  const client = new ApiClient(server, 'test');
  await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const list = async () => (await client.list<Event>(Resources.events, { namespace: 'default' })).items;
  return { sim, client, list };
}

const podNamed = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` } });

describe('EventRecorder', () => {
  it('writes events after the recording work yields, in the order they were recorded', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'default-scheduler');
    for (const name of ['a', 'b', 'c']) rec.event(podNamed(name), 'Normal', 'Scheduled', `Successfully assigned default/${name} to worker-1`);
    expect(await list()).toEqual([]);
    await sim.settle();
    const events = await list();
    expect(events.map((e) => e.involvedObject.name)).toEqual(['a', 'b', 'c']);
    expect(events.map((e) => Number(e.metadata?.resourceVersion))).toEqual([...events.map((e) => Number(e.metadata?.resourceVersion))].sort((x, y) => x - y));
  });

  it('drops what is recorded while its queue is full, as the broadcaster does', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'default-scheduler');
    for (let i = 0; i <= maxQueuedEvents; i++) rec.event(podNamed(`p${i}`), 'Normal', 'Scheduled', `Successfully assigned default/p${i} to worker-1`);
    await sim.settle();
    const events = await list();
    expect(events).toHaveLength(maxQueuedEvents);
    expect(events.some((e) => e.involvedObject.name === `p${maxQueuedEvents}`)).toBe(false);
  });

  it('counts a repeat within ten minutes on the same Event, and starts a new Event after', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'test-controller');
    const pod = podNamed('p');
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(11 * 60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.settle();
    const events = await list();
    expect(events.map((e) => e.count)).toEqual([2, 1]);
    expect(events[0].lastTimestamp).toBe('2025-01-01T00:01:00Z');
    expect(events[0].source).toEqual({ component: 'test-controller' });
  });

  it('forgets the least recently seen event past its cache size, so a repeat of it starts a new Event', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'test-controller');
    const backOff = (name: string) => rec.event(podNamed(name), 'Warning', 'BackOff', 'Back-off restarting failed container');
    backOff('first');
    backOff('kept');
    await sim.settle();
    for (let i = 0; i < maxLruCacheEntries - 1; i++) {
      backOff(`filler-${i}`);
      // A repeat keeps "kept" recently used while the fillers push "first" out.
      if (i % 500 === 0) backOff('kept');
      if (i % 500 === 0) await sim.settle();
    }
    await sim.settle();
    backOff('first');
    backOff('kept');
    await sim.settle();
    const counts = (name: string) => list().then((evs) => evs.filter((e) => e.involvedObject.name === name).map((e) => e.count));
    expect(await counts('first')).toEqual([1, 1]);
    expect((await counts('kept')).length).toBe(1);
  });
});
