import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { available, condition, h1, newDeployment, newDeploymentFixture, newReplicaSetFor, podTemplate, status3 } from './fixture';
import { computeHash } from '../util/hash';
import { newReplicaSet } from './sync';

const rsPath = '/apis/apps/v1/namespaces/default/replicasets';
const statusPath = 'PUT /apis/apps/v1/namespaces/default/deployments/web/status';

describe('pause and resume', () => {
  it('records DeploymentPaused and rolls nothing out while paused', async () => {
    const d = newDeployment({ image: 'nginx:1.28', generation: 2, revision: '1', paused: true, status: status3 });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([statusPath, statusPath]);
    const [paused, final] = fx.bodies<Deployment>();
    // Status changes (True to Unknown): a new lastTransitionTime.
    expect(paused.status?.conditions).toEqual([available, condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')]);
    expect(final.status).toMatchObject({ observedGeneration: 2, replicas: 3, availableReplicas: 3 });
    expect(final.status?.updatedReplicas).toBeUndefined();
  });

  it('scales a paused Deployment', async () => {
    const d = newDeployment({ replicas: 5, generation: 2, revision: '1', paused: true, status: status3 });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toContain(`PUT ${rsPath}/web-${h1}`);
    expect(fx.transport.events.map((e) => e.message)).toEqual([`Scaled up replica set web-${h1} to 5 from 3`]);
  });

  it('records DeploymentResumed when resumed', async () => {
    const pausedCond = condition('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
    const d = newDeployment({ generation: 2, revision: '1', status: { ...status3, conditions: [available, pausedCond] } });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.bodies<Deployment>()[0].status?.conditions?.[1]).toEqual(
      condition('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'),
    );
  });
});

describe('the new ReplicaSet', () => {
  it("follows the Deployment's minReadySeconds", async () => {
    const d = newDeployment({ revision: '1', status: status3 });
    d.spec!.minReadySeconds = 10;
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()[0]).toBe(`PUT ${rsPath}/web-${h1}`);
    expect(fx.bodies<ReplicaSet>()[0].spec?.minReadySeconds).toBe(10);
  });
});

describe('syncDeployment guards', () => {
  it('warns about an empty selector and only records the generation', async () => {
    const d = newDeployment({ generation: 2 });
    d.spec!.selector = {};
    const fx = newDeploymentFixture(d);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([statusPath]);
    expect(fx.bodies<Deployment>()[0].status).toEqual({ observedGeneration: 2 });
    expect(fx.transport.events).toEqual([
      { type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' },
    ]);
  });

  it('does nothing for a Deployment that is gone', async () => {
    const fx = newDeploymentFixture(newDeployment());
    await fx.controller.sync('default/other');
    expect(fx.transport.requests).toEqual([]);
  });

  it('bumps collisionCount when its ReplicaSet name is taken by another template', async () => {
    const d = newDeployment();
    const squatter = { ...newReplicaSet(d), metadata: { ...newReplicaSet(d).metadata, uid: 'x', ownerReferences: [] } };
    squatter.spec = { ...squatter.spec!, template: podTemplate('other') };
    const fx = newDeploymentFixture(d, [squatter]);
    fx.transport.respond = (req) =>
      req.method === 'POST' && req.path === rsPath
        ? {
            status: 409,
            body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'exists' },
          }
        : undefined;
    await expect(fx.controller.sync('default/web')).rejects.toThrow('exists');
    expect(fx.bodies<Deployment>().at(-1)?.status).toEqual({ collisionCount: 1 });
    expect(computeHash(d.spec?.template, 1)).not.toBe(h1);
  });
});
