import { describe, expect, it } from 'vitest';
import type { Event } from 'kubernetes-types/core/v1';
import { ApiServer } from '../apiserver/server';
import { servedStrategies } from '../cluster/servedStrategies';
import { Resources } from '../apiserver/registry/resources';
import { Sim } from '../sim/sim';
import { ApiClient } from './apiClient';
import { EventRecorder } from './eventRecorder';

describe('EventRecorder', () => {
  it('counts a repeat within ten minutes on the same Event, and starts a new Event after', async () => {
    const sim = new Sim('events', () => new Promise((r) => setImmediate(r)));
    const server = new ApiServer(sim, { strategies: servedStrategies });
    const client = new ApiClient(server, 'test');
    await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
    const rec = new EventRecorder(client, sim, 'test-controller');
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'u1' } };
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.advance(11 * 60_000);
    rec.event(pod, 'Warning', 'BackOff', 'Back-off restarting failed container');
    await sim.settle();
    const events = (await client.list<Event>(Resources.events, { namespace: 'default' })).items;
    expect(events.map((e) => e.count)).toEqual([2, 1]);
    expect(events[0].lastTimestamp).toBe('2025-01-01T00:01:00Z');
    expect(events[0].source).toEqual({ component: 'test-controller' });
  });
});
