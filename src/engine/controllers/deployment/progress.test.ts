import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { Resources } from '../../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../../sim/clock';
import { condition, newDeployment, newDeploymentFixture, newReplicaSetFor, t0 } from './fixture';

// The Progressing condition over a rollout of web from nginx:1.27 (revision 1) to nginx:1.28 (revision 2).
const oldRS = (replicas: number, available = replicas) => newReplicaSetFor({ revision: 1, replicas, available, actual: replicas });
const newRS = (replicas: number, available: number) =>
  newReplicaSetFor({ revision: 2, image: 'nginx:1.28', replicas, available, actual: replicas });
const name = (rs: { metadata?: { name?: string } }) => rs.metadata!.name!;

function rollingOut(
  progressing = condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name(newRS(0, 0))}" is progressing.`),
): Deployment {
  return newDeployment({
    image: 'nginx:1.28',
    generation: 2,
    revision: '2',
    status: {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 1,
      readyReplicas: 3,
      availableReplicas: 3,
      unavailableReplicas: 1,
      conditions: [condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'), progressing],
    },
  });
}

describe('syncRolloutStatus', () => {
  it('bumps lastUpdateTime of ReplicaSetUpdated on progress, keeping lastTransitionTime', async () => {
    const fx = newDeploymentFixture(rollingOut(), [oldRS(3), newRS(1, 1)]);
    await fx.sim.advance(30_000);
    await fx.controller.sync('default/web');
    const status = fx.bodies<Deployment>().at(-1)!.status!;
    expect(status.conditions?.find((c) => c.type === 'Progressing')).toEqual({
      type: 'Progressing',
      status: 'True',
      lastUpdateTime: formatTime(SimEpoch + 30_000),
      lastTransitionTime: t0,
      reason: 'ReplicaSetUpdated',
      message: `ReplicaSet "${name(newRS(0, 0))}" is progressing.`,
    });
  });

  it('reports NewReplicaSetAvailable once the rollout is complete', async () => {
    const d = rollingOut();
    const fx = newDeploymentFixture(
      { ...d, status: { ...d.status, replicas: 3, updatedReplicas: 3, availableReplicas: 3, readyReplicas: 3, unavailableReplicas: 0 } },
      [oldRS(0, 0), newRS(3, 3)],
    );
    await fx.controller.sync('default/web');
    const progressing = fx
      .bodies<Deployment>()
      .at(-1)!
      .status!.conditions!.find((c) => c.type === 'Progressing');
    expect([progressing?.reason, progressing?.message]).toEqual([
      'NewReplicaSetAvailable',
      `ReplicaSet "${name(newRS(0, 0))}" has successfully progressed.`,
    ]);
  });

  it('times out after progressDeadlineSeconds without progress', async () => {
    const fx = newDeploymentFixture(rollingOut(), [oldRS(3), newRS(1, 0)]);
    await fx.sim.advance(601_000);
    await fx.controller.sync('default/web');
    expect(fx.writes()).toEqual(['PUT /apis/apps/v1/namespaces/default/deployments/web/status']);
    const progressing = fx.bodies<Deployment>()[0].status!.conditions!.find((c) => c.type === 'Progressing');
    expect(progressing).toEqual(
      condition(
        'Progressing',
        'False',
        'ProgressDeadlineExceeded',
        `ReplicaSet "${name(newRS(0, 0))}" has timed out progressing.`,
        formatTime(SimEpoch + 601_000),
      ),
    );
  });

  it('looks again when the deadline passes, and writes nothing before', async () => {
    const fx = newDeploymentFixture(rollingOut(), [oldRS(3), newRS(1, 0)]);
    await fx.sim.advance(100_000);
    await fx.controller.sync('default/web');
    expect(fx.transport.requests).toEqual([]);
    // lastUpdateTime + 600 s - now, plus a second of slack.
    expect(fx.sim.timers.nextDue()).toBe(SimEpoch + 601_000);
  });

  it('surfaces the new ReplicaSet failure as ReplicaFailure', async () => {
    const failing = newRS(1, 0);
    const failure = {
      type: 'ReplicaFailure',
      status: 'True',
      lastTransitionTime: t0,
      reason: 'FailedCreate',
      message: 'pods "x" is forbidden',
    };
    const fx = newDeploymentFixture(rollingOut(), [oldRS(3), { ...failing, status: { ...failing.status!, conditions: [failure] } }]);
    await fx.controller.sync('default/web');
    const conds = fx.bodies<Deployment>().at(-1)!.status!.conditions!;
    expect(conds.find((c) => c.type === 'ReplicaFailure')).toEqual({ ...failure, lastUpdateTime: t0 });
    expect(Resources.deployments.kind).toBe('Deployment');
  });
});
