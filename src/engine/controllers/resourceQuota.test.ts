import { describe, expect, it } from 'vitest';
import type { Pod, ResourceQuota, Service } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { Resources } from '../apiserver/registry/resources';
import type { TypedObject } from '../api/object';
import { ResourceQuotaController, ResourceQuotaSyncPeriodMs } from './resourceQuota';
import { startControllers } from './testCluster';
import { newControllerFixture } from './util/recordingClient';

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

const quota = (hard: Record<string, string>, status?: ResourceQuota['status']): ResourceQuota => ({
  apiVersion: 'v1',
  kind: 'ResourceQuota',
  metadata: { name: 'q', namespace: 'team', resourceVersion: '7' },
  spec: { hard },
  status,
});

const pod = (name: string, cpu?: string, phase = 'Running'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'team' },
  spec: { containers: [{ name: 'c', image: 'nginx', resources: cpu ? { requests: { cpu }, limits: { cpu } } : {} }] },
  status: { phase },
});

describe('ResourceQuotaController.sync', () => {
  it('sets status.hard from spec.hard and status.used from a recount of the namespace', async () => {
    const fx = newControllerFixture();
    const c = new ResourceQuotaController(fx.ctx);
    fx.add(Resources.resourcequotas, quota({ pods: '5', 'requests.cpu': '2', 'count/pods': '10', services: '3' }));
    fx.add(Resources.pods, pod('a', '250m'), pod('b', '500m'), pod('done', '1', 'Succeeded'));
    await c.sync('team/q');
    expect(fx.transport.writes).toEqual([
      {
        method: 'PUT',
        path: '/api/v1/namespaces/team/resourcequotas/q/status',
        body: {
          ...quota({ pods: '5', 'requests.cpu': '2', 'count/pods': '10', services: '3' }),
          status: {
            hard: { 'count/pods': '10', pods: '5', 'requests.cpu': '2', services: '3' },
            // A terminal pod counts only as an object.
            used: { 'count/pods': '3', pods: '2', 'requests.cpu': '750m', services: '0' },
          },
        },
        contentType: undefined,
      },
    ]);
  });

  it('does nothing when the status is up to date', async () => {
    const fx = newControllerFixture();
    const c = new ResourceQuotaController(fx.ctx);
    fx.add(Resources.resourcequotas, quota({ pods: '5' }, { hard: { pods: '5' }, used: { pods: '1' } }));
    fx.add(Resources.pods, pod('a'));
    await c.sync('team/q');
    await c.sync('team/q');
    expect(fx.transport.writes).toEqual([]);
  });

  it('does nothing for a quota that is gone', async () => {
    const fx = newControllerFixture();
    await new ResourceQuotaController(fx.ctx).sync('team/gone');
    expect(fx.transport.writes).toEqual([]);
  });
});

describe('ResourceQuotaController', () => {
  async function setup() {
    const env = await startControllers([ResourceQuotaController], yieldToHost);
    await env.client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } });
    const get = () => env.client.get<ResourceQuota>(Resources.resourcequotas, 'team', 'q');
    return { ...env, get };
  }

  it('fills in the status of a new quota, follows spec changes, and replenishes on delete and on pods turning terminal', async () => {
    const { client, sim, get, manager } = await setup();
    await client.create(Resources.pods, pod('a'));
    await client.create(Resources.pods, pod('b'));
    const { metadata: _m, status: _s, ...fresh } = quota({ pods: '3', 'count/pods': '3', services: '1' });
    await client.create(Resources.resourcequotas, { ...fresh, metadata: { name: 'q', namespace: 'team' } });
    await sim.advance(1000);
    expect((await get()).status).toEqual({ hard: { 'count/pods': '3', pods: '3', services: '1' }, used: { 'count/pods': '2', pods: '2', services: '0' } });

    // Admission charges a create; the controller has nothing to add.
    await client.create(Resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'team' }, spec: { ports: [{ port: 80 }] } } as Service);
    expect((await get()).status?.used).toEqual({ 'count/pods': '2', pods: '2', services: '1' });

    await client.delete(Resources.services, 'team', 's');
    await sim.advance(1000);
    expect((await get()).status?.used).toEqual({ 'count/pods': '2', pods: '2', services: '0' });

    const a = await client.get<Pod>(Resources.pods, 'team', 'a');
    await client.updateStatus(Resources.pods, { ...a, status: { ...a.status, phase: 'Succeeded' } });
    await sim.advance(1000);
    expect((await get()).status?.used).toEqual({ 'count/pods': '2', pods: '1', services: '0' });

    const q = await get();
    await client.update(Resources.resourcequotas, { ...q, spec: { hard: { pods: '4', 'count/deployments.apps': '2' } } });
    await client.create<Deployment>(Resources.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'team' },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    await sim.advance(1000);
    expect((await get()).status).toEqual({ hard: { 'count/deployments.apps': '2', pods: '4' }, used: { 'count/deployments.apps': '1', pods: '1' } });
    await client.delete(Resources.deployments, 'team', 'd');
    await sim.advance(1000);
    expect((await get()).status?.used).toEqual({ 'count/deployments.apps': '0', pods: '1' });
    manager.stop();
  });

  it('recounts every quota each resync period', async () => {
    const { client, sim, get, manager } = await setup();
    await client.create(Resources.resourcequotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'team' }, spec: { hard: { configmaps: '9' } } } as TypedObject);
    await sim.advance(1000);
    const q = await get();
    expect(q.status?.used).toEqual({ configmaps: '0' });
    // A usage written wrong (an over-count left by a failed create, say) lasts until the next full recount.
    await client.updateStatus(Resources.resourcequotas, { ...q, status: { ...q.status, used: { configmaps: '4' } } });
    await sim.advance(ResourceQuotaSyncPeriodMs - 2000);
    expect((await get()).status?.used).toEqual({ configmaps: '4' });
    await sim.advance(2000);
    expect((await get()).status?.used).toEqual({ configmaps: '0' });
    manager.stop();
  });
});
