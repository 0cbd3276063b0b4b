import type { Event, EventList, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../apiserver/registry/resources';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

// The in-process cluster is assembled by other parts of the engine; this test runs once it loads.
let Cluster: typeof import('../cluster/cluster').Cluster | undefined;
try {
  ({ Cluster } = await import('../cluster/cluster'));
} catch {
  Cluster = undefined;
}

describe.skipIf(!Cluster)('Scheduler against the in-process API server', () => {
  it('binds a pod to a worker and records Scheduled', async () => {
    const cluster = new Cluster!({ yieldToHost, workers: 2, seed: 1 });
    await cluster.start();
    const client = cluster.client;
    await client.create(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-abc', namespace: 'default' },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
    } as Pod);
    let nodeName: string | undefined;
    for (let i = 0; i < 100 && !nodeName; i++) {
      await cluster.sim.advance(100);
      nodeName = (await client.get<Pod>(Resources.pods, 'default', 'web-abc')).spec?.nodeName;
    }
    expect(nodeName).toMatch(/^worker-\d$/);
    const events = await client.list<Event>(Resources.events, { namespace: 'default' });
    const scheduled = (events as unknown as EventList).items.find((e) => e.reason === 'Scheduled' && e.involvedObject.name === 'web-abc');
    expect(scheduled?.message).toBe(`Successfully assigned default/web-abc to ${nodeName}`);
    // Written through events.k8s.io/v1, as kube-scheduler does: read back as core/v1 it has no source or first timestamp.
    expect(scheduled).toMatchObject({ action: 'Binding', reportingComponent: 'default-scheduler', source: {}, firstTimestamp: null, lastTimestamp: null });
    cluster.stop();
  });

  it('marks a pod that fits nowhere PodScheduled=False with the FailedScheduling message', async () => {
    const cluster = new Cluster!({ yieldToHost, workers: 2, seed: 2 });
    await cluster.start();
    const client = cluster.client;
    await client.create(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'huge', namespace: 'default' },
      spec: { containers: [{ name: 'c', image: 'nginx', resources: { requests: { cpu: '100' } } }] },
    } as Pod);
    // Nodes start tainted not-ready; once their kubelets report Ready the untainting requeues the pod.
    await cluster.sim.advance(60_000);
    const pod = await client.get<Pod>(Resources.pods, 'default', 'huge');
    const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    expect(pod.spec?.nodeName).toBeUndefined();
    expect(cond).toMatchObject({ status: 'False', reason: 'Unschedulable' });
    expect(cond?.message).toMatch(/^0\/3 nodes are available: .*2 Insufficient cpu.* preemption: 0\/3 nodes are available: /);
    const events = (await client.list<Event>(Resources.events, { namespace: 'default' })) as unknown as EventList;
    const failed = events.items.filter((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === 'huge').map((e) => e.message);
    expect(failed).toContain(cond?.message);
    cluster.stop();
  });
});
