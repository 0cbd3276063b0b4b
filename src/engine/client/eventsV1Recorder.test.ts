import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { ApiServer } from '../apiserver/server';
import { servedStrategies } from '../cluster/servedStrategies';
import { Resources } from '../apiserver/registry/resources';
import { Sim } from '../sim/sim';
import { ApiClient } from './apiClient';
import { EventsV1Recorder, finishMs } from './eventsV1Recorder';
import { spamBurst } from './eventCorrelator';

async function setup() {
  const sim = new Sim('events-v1', () => new Promise((r) => setImmediate(r)));
  const server = new ApiServer(sim, { strategies: servedStrategies });
  const client = new ApiClient(server, 'test');
  await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const list = async () => (await client.list<Event>(Resources.events, { namespace: 'default' })).items;
  const rec = new EventsV1Recorder(client, sim, 'default-scheduler', 'default-scheduler-control-plane');
  return { sim, list, rec };
}

const pod = (name: string, resourceVersion = '7') => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion } });

describe('EventsV1Recorder', () => {
  it('writes events.k8s.io Events: action, eventTime and reporting instance, no source or count', async () => {
    const { sim, list, rec } = await setup();
    await sim.advance(1_500);
    rec.eventf(pod('web'), undefined, 'Normal', 'Scheduled', 'Binding', 'Successfully assigned default/web to worker-1');
    rec.eventf(pod('victim'), pod('web'), 'Normal', 'Preempted', 'Preempting', 'Preempted by pod uid-web on node worker-1');
    await sim.settle();
    const events = await list();
    const scheduled = events.find((e) => e.reason === 'Scheduled')!;
    const preempted = events.find((e) => e.reason === 'Preempted')!;
    expect(scheduled).toMatchObject({
      action: 'Binding',
      eventTime: '2025-01-01T00:00:01.500000Z',
      reportingComponent: 'default-scheduler',
      reportingInstance: 'default-scheduler-control-plane',
      involvedObject: { kind: 'Pod', name: 'web', uid: 'uid-web', resourceVersion: '7' },
    });
    expect(scheduled.metadata?.name).toMatch(/^web\.[0-9a-f]+$/);
    expect(scheduled.count).toBeUndefined();
    expect(scheduled.firstTimestamp ?? null).toBeNull();
    expect(scheduled.series).toBeUndefined();
    expect(preempted.related).toMatchObject({ kind: 'Pod', name: 'web' });
  });

  it('turns isomorphic events into a series: the second is written at once, later ones when the series ends', async () => {
    const { sim, list, rec } = await setup();
    const failed = (n: number) => rec.eventf(pod('p'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', `0/${n} nodes are available: ${n} Insufficient cpu.`);
    for (let n = 1; n <= spamBurst + 5; n++) {
      failed(n);
      await sim.advance(1_000);
    }
    let [ev] = await list();
    expect((await list()).length).toBe(1);
    expect(ev.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect(ev.series).toEqual({ count: 2, lastObservedTime: '2025-01-01T00:00:01.000000Z' });
    await sim.advance(2 * finishMs);
    [ev] = await list();
    expect(ev.series).toEqual({ count: spamBurst + 5, lastObservedTime: `2025-01-01T00:00:${String(spamBurst + 4).padStart(2, '0')}.000000Z` });
    failed(1);
    await sim.settle();
    expect((await list()).map((e) => e.series?.count ?? 1)).toEqual([spamBurst + 5, 1]);
  });

  it('starts a new Event when the object changed since (its resourceVersion is part of the key)', async () => {
    const { sim, list, rec } = await setup();
    rec.eventf(pod('p', '7'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'no nodes');
    rec.eventf(pod('p', '8'), undefined, 'Warning', 'FailedScheduling', 'Scheduling', 'no nodes');
    await sim.settle();
    expect((await list()).map((e) => e.involvedObject.resourceVersion)).toEqual(['7', '8']);
    rec.stop();
  });
});
