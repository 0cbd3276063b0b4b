import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { h1, h2, newDeployment, newDeploymentFixture, newReplicaSetFor, status3 } from './fixture';

const rsPath = '/apis/apps/v1/namespaces/default/replicasets';

describe('scaling during a rollout', () => {
  it('scales every active ReplicaSet in proportion, sizing annotations to the new replicas', async () => {
    // 10 → 20 replicas mid-rollout: 8 old + 5 new of a maximum of 13 become 15 + 10 of 25.
    const d = newDeployment({ replicas: 20, image: 'nginx:1.28', generation: 3, revision: '2', status: status3 });
    const fx = newDeploymentFixture(d, [
      newReplicaSetFor({ revision: 1, replicas: 8, available: 8, desired: 10, max: 13 }),
      newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 5, available: 0, desired: 10, max: 13 }),
    ]);
    await fx.controller.sync('default/web');
    expect(fx.writes().slice(0, 2)).toEqual([`PUT ${rsPath}/web-${h1}`, `PUT ${rsPath}/web-${h2}`]);
    const [old, cur] = fx.bodies<ReplicaSet>();
    expect([old.spec?.replicas, cur.spec?.replicas]).toEqual([15, 10]);
    expect(old.metadata?.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '20',
      'deployment.kubernetes.io/max-replicas': '25',
    });
    expect(fx.transport.events.map((e) => e.message)).toEqual([
      `Scaled up replica set web-${h1} to 15 from 8`,
      `Scaled up replica set web-${h2} to 10 from 5`,
    ]);
  });

  it('scales old ReplicaSets to zero once the new one is saturated', async () => {
    const d = newDeployment({ replicas: 3, image: 'nginx:1.28', generation: 2, revision: '2', status: status3 });
    const fx = newDeploymentFixture(d, [
      newReplicaSetFor({ revision: 1, replicas: 1, available: 1, desired: 4 }),
      newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 3, available: 3 }),
    ]);
    await fx.controller.sync('default/web');
    expect(fx.transport.events.map((e) => e.message)).toEqual([`Scaled down replica set web-${h1} to 0 from 1`]);
  });
});
