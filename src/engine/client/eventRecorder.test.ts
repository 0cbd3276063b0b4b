import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { ApiServer } from '../apiserver/server';
import { servedStrategies } from '../cluster/servedStrategies';
import { Resources } from '../apiserver/registry/resources';
import { Sim } from '../sim/sim';
import { ApiClient } from './apiClient';
import { EventRecorder } from './eventRecorder';
import { maxQueuedEvents } from './eventQueue';
import { CombinedPrefix, maxLruCacheEntries, spamBurst } from './eventCorrelator';
import { EventTtlMs } from '../apiserver/registry/eventTtl';

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

  it('counts every repeat on the same Event, and writes it again, count and all, once it expired', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'test-controller');
    const pod = podNamed('p');
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(11 * 60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.settle();
    const [counted] = await list();
    expect(counted).toMatchObject({ count: 3, firstTimestamp: '2025-01-01T00:00:00Z', lastTimestamp: '2025-01-01T00:12:00Z' });
    expect(counted.source).toEqual({ component: 'test-controller' });
    await sim.advance(EventTtlMs);
    expect(await list()).toEqual([]);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.settle();
    const again = await list();
    expect(again.map((e) => [e.metadata?.name, e.count, e.firstTimestamp])).toEqual([[counted.metadata?.name, 4, '2025-01-01T00:00:00Z']]);
  });

  it('combines similar events from the tenth distinct message on, then counts on the combined Event', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'replicaset-controller');
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1', namespace: 'default', uid: 'uid-rs' } };
    for (let i = 1; i <= 12; i++) rec.event(rs, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
    await sim.settle();
    const events = await list();
    expect(events.map((e) => e.message)).toEqual([...Array.from({ length: 9 }, (_, i) => `Created pod: web-1-${i + 1}`), `${CombinedPrefix}Created pod: web-1-12`]);
    const combined = events[9];
    expect(combined.count).toBe(3);
    expect(combined.reportingComponent).toBe('');
    expect(events[0].reportingComponent).toBe('replicaset-controller');
  });

  it('lets 25 events per object through, then one every five minutes, counting what it held back', async () => {
    const { sim, client, list } = await setup();
    const rec = new EventRecorder(client, sim, 'test-controller');
    const pod = podNamed('p');
    for (let i = 0; i < spamBurst + 5; i++) rec.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed');
    rec.event(podNamed('q'), 'Warning', 'Unhealthy', 'Readiness probe failed');
    await sim.settle();
    const counts = async (name: string) => (await list()).filter((e) => e.involvedObject.name === name).map((e) => e.count);
    expect(await counts('p')).toEqual([spamBurst]);
    expect(await counts('q')).toEqual([1]);
    await sim.advance(60_000);
    rec.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed');
    await sim.settle();
    expect(await counts('p')).toEqual([spamBurst]);
    await sim.advance(4 * 60_000);
    rec.event(pod, 'Warning', 'Unhealthy', 'Readiness probe failed');
    await sim.settle();
    expect(await counts('p')).toEqual([spamBurst + 7]);
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
