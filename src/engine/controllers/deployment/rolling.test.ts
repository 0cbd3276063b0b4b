import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { computeHash } from '../util/hash';
import { condition, newDeployment, newDeploymentFixture, newReplicaSetFor, podTemplate } from './fixture';

const rsPath = '/apis/apps/v1/namespaces/default/replicasets';
const statusPath = 'PUT /apis/apps/v1/namespaces/default/deployments/web/status';
const h1 = computeHash(podTemplate('nginx:1.27'));
const h2 = computeHash(podTemplate('nginx:1.28'));

const complete = (replicas: number) => ({
  observedGeneration: 1,
  replicas,
  updatedReplicas: replicas,
  readyReplicas: replicas,
  availableReplicas: replicas,
  conditions: [
    condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
    condition('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "web-${h1}" has successfully progressed.`),
  ],
});

describe('a new Deployment', () => {
  it('creates web-<hash> with all replicas, revision 1, and reports progress', async () => {
    const fx = newDeploymentFixture(newDeployment({ replicas: 3 }));
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([`POST ${rsPath}`, statusPath, statusPath]);
    const [rs, revised, status] = fx.bodies<ReplicaSet & Deployment>();
    expect(rs).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${h1}`,
        namespace: 'default',
        labels: { app: 'web', 'pod-template-hash': h1 },
        annotations: {
          'deployment.kubernetes.io/revision': '1',
          'deployment.kubernetes.io/desired-replicas': '3',
          'deployment.kubernetes.io/max-replicas': '4',
        },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web', 'pod-template-hash': h1 } },
        template: {
          metadata: { labels: { app: 'web', 'pod-template-hash': h1 } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
        },
      },
    });
    expect(revised.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(revised.status).toEqual({
      conditions: [condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${h1}"`)],
    });
    expect(status.status).toEqual({
      observedGeneration: 1,
      unavailableReplicas: 3,
      conditions: [
        condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${h1}"`),
        condition('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
      ],
    });
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${h1} to 3` }]);
  });

  it('does nothing once rolled out', async () => {
    const fx = newDeploymentFixture(newDeployment({ revision: '1', status: complete(3) }), [
      newReplicaSetFor({ revision: 1, replicas: 3, available: 3 }),
    ]);
    await fx.controller.sync('default/web');
    await fx.controller.sync('default/web');
    expect(fx.transport.requests).toEqual([]);
  });
});

describe('a template change', () => {
  it('creates the second ReplicaSet at the surge and waits for it (3 replicas, 25%/25%)', async () => {
    const d = newDeployment({ replicas: 3, image: 'nginx:1.28', generation: 2, revision: '1', status: complete(3) });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([`POST ${rsPath}`, statusPath, statusPath]);
    const [rs, revised, status] = fx.bodies<ReplicaSet & Deployment>();
    expect([rs.metadata?.name, rs.spec?.replicas, rs.metadata?.annotations?.['deployment.kubernetes.io/revision']]).toEqual([
      `web-${h2}`,
      1,
      '2',
    ]);
    expect(revised.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    // Same status (True), other reason: the condition is replaced but keeps its lastTransitionTime.
    expect(status.status).toEqual({
      observedGeneration: 2,
      replicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 1,
      conditions: [
        condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'),
        condition('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "web-${h2}"`),
      ],
    });
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${h2} to 1` }]);
  });

  it('scales the old ReplicaSet down once a new pod is available', async () => {
    const d = newDeployment({ replicas: 3, image: 'nginx:1.28', generation: 2, revision: '2', status: complete(3) });
    const fx = newDeploymentFixture(d, [
      newReplicaSetFor({ revision: 1, replicas: 3, available: 3 }),
      newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 1, available: 1 }),
    ]);
    await fx.controller.sync('default/web');
    expect(fx.writes()[0]).toBe(`PUT ${rsPath}/web-${h1}`);
    expect(fx.bodies<ReplicaSet>()[0].spec?.replicas).toBe(2);
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled down replica set web-${h1} to 2 from 3` },
    ]);
  });

  it('scales the new ReplicaSet up as old pods go', async () => {
    const d = newDeployment({ replicas: 3, image: 'nginx:1.28', generation: 2, revision: '2', status: complete(3) });
    const fx = newDeploymentFixture(d, [
      newReplicaSetFor({ revision: 1, replicas: 2, available: 2 }),
      newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 1, available: 1 }),
    ]);
    await fx.controller.sync('default/web');
    expect(fx.writes()[0]).toBe(`PUT ${rsPath}/web-${h2}`);
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${h2} to 2 from 1` },
    ]);
  });

  it('surges 3 and drops 2 old pods at once for 10 replicas', async () => {
    const d = newDeployment({ replicas: 10, image: 'nginx:1.28', generation: 2, revision: '1', status: complete(10) });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 10, available: 10, desired: 10, max: 13 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([`POST ${rsPath}`, statusPath, `PUT ${rsPath}/web-${h1}`, statusPath]);
    expect(fx.transport.events.map((e) => e.message)).toEqual([
      `Scaled up replica set web-${h2} to 3`,
      `Scaled down replica set web-${h1} to 8 from 10`,
    ]);
  });

  it('treats kubectl rollout restart as a template change', async () => {
    const template = podTemplate();
    template.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:10:00Z' };
    const d = newDeployment({ template, generation: 2, revision: '1', status: complete(3) });
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    const rs = fx.bodies<ReplicaSet>()[0];
    expect(rs.metadata?.name).toBe(`web-${computeHash(template)}`);
    expect(rs.spec?.template?.metadata?.annotations).toEqual({ 'kubectl.kubernetes.io/restartedAt': '2025-01-01T00:10:00Z' });
  });

  it('brings an old ReplicaSet back with a new revision when its template returns (kubectl rollout undo)', async () => {
    const d = newDeployment({ replicas: 3, generation: 3, revision: '2', status: complete(3) });
    const fx = newDeploymentFixture(d, [
      newReplicaSetFor({ revision: 1, replicas: 0 }),
      newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 3, available: 3 }),
    ]);
    await fx.controller.sync('default/web');
    expect(fx.writes().slice(0, 3)).toEqual([`PUT ${rsPath}/web-${h1}`, statusPath, `PUT ${rsPath}/web-${h1}`]);
    const [revived, revised, scaled] = fx.bodies<ReplicaSet & Deployment>();
    expect(revived.metadata?.annotations).toMatchObject({
      'deployment.kubernetes.io/revision': '3',
      'deployment.kubernetes.io/revision-history': '1',
    });
    expect(revised.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '3' });
    expect(scaled.spec?.replicas).toBe(1);
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'ScalingReplicaSet', message: `Scaled up replica set web-${h1} to 1 from 0` },
    ]);
  });
});

describe('history', () => {
  it('deletes old ReplicaSets beyond revisionHistoryLimit once complete, oldest first', async () => {
    const d = newDeployment({ image: 'v4', revision: '4', revisionHistoryLimit: 1, status: { ...complete(3), conditions: [] } });
    const old = [1, 2, 3].map((r) => newReplicaSetFor({ revision: r, image: `v${r}`, replicas: 0 }));
    const fx = newDeploymentFixture(d, [...old, newReplicaSetFor({ revision: 4, image: 'v4', replicas: 3, available: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes().filter((w) => w.startsWith('DELETE'))).toEqual([
      `DELETE ${rsPath}/${old[0].metadata?.name}`,
      `DELETE ${rsPath}/${old[1].metadata?.name}`,
    ]);
  });
});
