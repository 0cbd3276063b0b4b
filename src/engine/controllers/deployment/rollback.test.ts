import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { condition, newDeployment, newDeploymentFixture, newReplicaSetFor, podTemplate } from './fixture';

const path = 'PUT /apis/apps/v1/namespaces/default/deployments/web';
const status = {
  observedGeneration: 1,
  conditions: [condition('Progressing', 'True', 'NewReplicaSetAvailable', 'ReplicaSet "web-x" has successfully progressed.')],
};

describe('the deprecated.deployment.rollback.to annotation', () => {
  const rss = () => [
    newReplicaSetFor({ revision: 1, replicas: 0 }),
    newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 3, available: 3 }),
  ];

  it.each([
    ['the previous revision for 0', '0'],
    ['the revision asked for', '1'],
  ])('rolls back to %s and clears the annotation', async (_name, to) => {
    const d = newDeployment({ image: 'nginx:1.28', revision: '2', status, annotations: { 'deprecated.deployment.rollback.to': to } });
    const fx = newDeploymentFixture(d, rss());
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([path]);
    const updated = fx.bodies<Deployment>()[0];
    expect(updated.spec?.template).toEqual(podTemplate('nginx:1.27'));
    expect(updated.metadata?.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2' });
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'DeploymentRollback', message: 'Rolled back deployment "web" to revision 1' },
    ]);
  });

  it('gives up on an unknown revision', async () => {
    const d = newDeployment({ image: 'nginx:1.28', revision: '2', status, annotations: { 'deprecated.deployment.rollback.to': '9' } });
    const fx = newDeploymentFixture(d, rss());
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual([path]);
    expect(fx.transport.events).toEqual([
      { type: 'Warning', reason: 'DeploymentRollbackRevisionNotFound', message: 'Unable to find the revision to rollback to.' },
    ]);
  });

  it('reports a rollback to the current template', async () => {
    const d = newDeployment({ image: 'nginx:1.28', revision: '2', status, annotations: { 'deprecated.deployment.rollback.to': '2' } });
    const fx = newDeploymentFixture(d, rss());
    await fx.controller.sync('default/web');
    expect(fx.transport.events).toEqual([
      {
        type: 'Warning',
        reason: 'DeploymentRollbackTemplateUnchanged',
        message: 'The rollback revision contains the same template as current deployment "web"',
      },
    ]);
  });
});
