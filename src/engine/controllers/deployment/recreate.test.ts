import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { computeHash } from '../util/hash';
import { condition, newDeployment, newDeploymentFixture, newReplicaSetFor, podTemplate } from './fixture';

const rsPath = '/apis/apps/v1/namespaces/default/replicasets';
const h1 = computeHash(podTemplate('nginx:1.27'));
const h2 = computeHash(podTemplate('nginx:1.28'));
const recreate = { type: 'Recreate' } as const;
const status = {
  observedGeneration: 1,
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  conditions: [condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')],
};

function oldPod(phase: string): Pod {
  return {
    metadata: {
      name: 'old-pod',
      namespace: 'default',
      uid: 'old-pod',
      labels: { app: 'web', 'pod-template-hash': h1 },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `web-${h1}`, uid: 'rs-1', controller: true }],
    },
    spec: { containers: [] },
    status: { phase },
  };
}

describe('the Recreate strategy', () => {
  const d = newDeployment({ strategy: recreate, image: 'nginx:1.28', generation: 2, revision: '1', status });

  it('scales the old ReplicaSet to zero first', async () => {
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 3, available: 3, max: 3 })]);
    await fx.controller.sync('default/web');
    expect(fx.writes()[0]).toBe(`PUT ${rsPath}/web-${h1}`);
    expect(fx.writes().some((w) => w.startsWith('POST'))).toBe(false);
    expect(fx.transport.events.map((e) => e.message)).toEqual([`Scaled down replica set web-${h1} to 0 from 3`]);
  });

  it('creates no new ReplicaSet while an old pod still runs', async () => {
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 0, max: 3 })]);
    fx.add(Resources.pods, oldPod('Running'));
    await fx.controller.sync('default/web');
    expect(fx.writes().some((w) => w.startsWith('POST'))).toBe(false);
  });

  it('creates the new ReplicaSet at full size once the old pods are gone or terminated', async () => {
    const fx = newDeploymentFixture(d, [newReplicaSetFor({ revision: 1, replicas: 0, max: 3 })]);
    fx.add(Resources.pods, oldPod('Succeeded'));
    await fx.controller.sync('default/web');
    expect(fx.writes()[0]).toBe(`POST ${rsPath}`);
    expect(fx.transport.events.map((e) => e.message)).toEqual([`Scaled up replica set web-${h2} to 3`]);
  });
});
