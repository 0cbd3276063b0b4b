import { describe, expect, it } from 'vitest';
import { SimEpoch } from '../../sim/clock';
import { newDeployment, newReplicaSetFor } from './fixture';
import { calculateStatus, compactDeploymentStatus, deploymentStatusEqual } from './status';

describe('calculateStatus', () => {
  it('sums the ReplicaSets and counts the new one as updated', () => {
    const d = newDeployment({ replicas: 4, image: 'nginx:1.28', generation: 3 });
    const old = newReplicaSetFor({ revision: 1, replicas: 3, available: 3 });
    const cur = newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas: 2, available: 1, actual: 2 });
    const s = calculateStatus([old, cur], cur, d, SimEpoch);
    expect({ ...s, conditions: s.conditions?.map((c) => c.reason) }).toEqual({
      observedGeneration: 3,
      replicas: 5,
      updatedReplicas: 2,
      readyReplicas: 4,
      availableReplicas: 4,
      unavailableReplicas: 1,
      conditions: ['MinimumReplicasAvailable'],
    });
  });

  it.each([
    [3, 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
    [2, 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
  ])('with %d of 4 available (maxUnavailable 1) Available is %s', (available, status, reason, message) => {
    const d = newDeployment({ replicas: 4 });
    const rs = newReplicaSetFor({ revision: 1, replicas: 4, available });
    const cond = calculateStatus([rs], rs, d, SimEpoch).conditions?.[0];
    expect([cond?.status, cond?.reason, cond?.message]).toEqual([status, reason, message]);
  });
});

describe('deploymentStatusEqual', () => {
  it('treats absent counts as zero and absent conditions as empty', () => {
    expect(deploymentStatusEqual({ replicas: 0, conditions: [] }, {})).toBe(true);
    expect(deploymentStatusEqual({ replicas: 1 }, {})).toBe(false);
  });
  it('compactDeploymentStatus leaves zero counts out, as omitempty does', () => {
    expect(compactDeploymentStatus({ observedGeneration: 2, replicas: 0, unavailableReplicas: 3, conditions: [] })).toEqual({
      observedGeneration: 2,
      unavailableReplicas: 3,
    });
  });
});
