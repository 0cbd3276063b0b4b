import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { newControllerFixture } from '../util/recordingClient';
import { DeploymentController } from './deployment';
import { newDeployment, newReplicaSetFor } from './fixture';

async function running() {
  const fx = newControllerFixture();
  const c = new DeploymentController(fx.ctx);
  await fx.ctx.informers.start();
  c.run();
  const posts = () => fx.transport.writes.filter((w) => w.method === 'POST').length;
  return { fx, c, posts };
}

describe('DeploymentController event handlers', () => {
  it('rolls out a Deployment when it appears and looks again when its ReplicaSet does', async () => {
    const { fx, c, posts } = await running();
    fx.transport.emit(Resources.deployments, 'ADDED', newDeployment());
    await fx.sim.advance(1000); // past the sync batch window
    expect(posts()).toBe(1);
    const created = fx.transport.writes[0].body as ReplicaSet;
    fx.transport.reset();
    fx.transport.emit(Resources.replicasets, 'ADDED', {
      ...created,
      metadata: { ...created.metadata, uid: 'rs-1', creationTimestamp: '2025-01-01T00:00:00Z' },
    });
    await fx.sim.advance(1000); // past the sync batch window
    // The cached Deployment still lacks the status written before, so the sync writes it again.
    expect(fx.transport.writes.map((w) => w.method)).toContain('PUT');
    expect(posts()).toBe(0);
    c.stop();
  });

  it('wakes a Recreate Deployment when its last old pod is deleted', async () => {
    const { fx, c } = await running();
    const d = newDeployment({ strategy: { type: 'Recreate' }, image: 'nginx:1.28', revision: '1' });
    const old = newReplicaSetFor({ revision: 1, replicas: 0, max: 3 });
    const pod: Pod = {
      metadata: {
        name: 'p',
        namespace: 'default',
        uid: 'p',
        labels: { app: 'web' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: old.metadata!.name!, uid: 'rs-1', controller: true }],
      },
      status: { phase: 'Running' },
    };
    fx.transport.emit(Resources.pods, 'ADDED', pod);
    fx.transport.emit(Resources.replicasets, 'ADDED', old);
    fx.transport.emit(Resources.deployments, 'ADDED', d);
    await fx.sim.advance(1000); // past the sync batch window
    // The old pod still runs: no new ReplicaSet yet.
    expect(fx.transport.writes.filter((w) => w.method === 'POST')).toEqual([]);
    fx.transport.emit(Resources.pods, 'DELETED', pod);
    await fx.sim.advance(1000); // past the sync batch window
    expect(fx.transport.writes.filter((w) => w.method === 'POST').map((w) => w.path)).toEqual([
      '/apis/apps/v1/namespaces/default/replicasets',
    ]);
    c.stop();
  });
});
