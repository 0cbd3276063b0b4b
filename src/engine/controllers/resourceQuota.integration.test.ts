import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Event, Pod, ResourceQuota } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { controllerConstructors } from '../cluster/controllers';
import { ControllerManager } from './controllerManager';
import { ResourceQuotaController } from './resourceQuota';

// ResourceQuota in a whole simulated cluster: admission in the API server, the quota controller
// (in a second manager until the lead adds it to the cluster's list), the Deployment and ReplicaSet
// controllers, the scheduler and the kubelets.

let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function startCluster() {
  const cluster = new Cluster({ seed: 5, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  const extra = new ControllerManager(cluster.apiServer, cluster.sim, controllerConstructors.includes(ResourceQuotaController) ? [] : [ResourceQuotaController]);
  await extra.start();
  stop = () => {
    extra.stop();
    cluster.stop();
  };
  return cluster;
}

const deployment = (replicas: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'team' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
  },
});

describe('ResourceQuota in a cluster', () => {
  it('stops a Deployment at the pod quota with a FailedCreate event, and frees the quota when it scales down', async () => {
    const cluster = await startCluster();
    const c = cluster.client;
    await c.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    await c.create(Resources.resourcequotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'pod-quota', namespace: 'team' }, spec: { hard: { pods: '2' } } });
    await cluster.sim.advance(1000);
    const q = () => c.get<ResourceQuota>(Resources.resourcequotas, 'team', 'pod-quota');
    expect((await q()).status).toEqual({ hard: { pods: '2' }, used: { pods: '0' } });

    await c.create(Resources.deployments, deployment(3));
    await cluster.sim.advance(30_000);
    const pods = (await c.list<Pod>(Resources.pods, { namespace: 'team' })).items;
    expect(pods).toHaveLength(2);
    expect((await q()).status).toEqual({ hard: { pods: '2' }, used: { pods: '2' } });

    const events = (await c.list<Event>(Resources.events, { namespace: 'team' })).items;
    const failed = events.filter((e) => e.reason === 'FailedCreate');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed[0].involvedObject.kind).toBe('ReplicaSet');
    expect(failed[0].type).toBe('Warning');
    expect(failed[0].message).toMatch(
      /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: pod-quota, requested: pods=1, used: pods=2, limited: pods=2$/,
    );

    const d = await c.get<Deployment>(Resources.deployments, 'team', 'web');
    await c.update(Resources.deployments, { ...d, spec: { ...d.spec!, replicas: 1 } });
    await cluster.sim.advance(60_000);
    expect((await c.list<Pod>(Resources.pods, { namespace: 'team' })).items).toHaveLength(1);
    expect((await q()).status?.used).toEqual({ pods: '1' });
  });
});
