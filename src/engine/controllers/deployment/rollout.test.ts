import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { deploymentStrategy } from '../../apiserver/registry/deployments';
import { replicaSetStrategy } from '../../apiserver/registry/replicaSets';
import { Resources } from '../../apiserver/registry/resources';
import type { ResourceStrategy } from '../../apiserver/registry/strategy';
import { ApiServer } from '../../apiserver/server';
import { ApiClient } from '../../client/apiClient';
import { formatTime } from '../../sim/clock';
import { Sim } from '../../sim/sim';
import { ControllerManager } from '../controllerManager';
import { ReplicaSetController } from '../replicaSet';
import { DeploymentController } from './deployment';

// Both controllers against the real API server. Pods, Events and Namespaces get minimal stand-in
// strategies here, so the test needs neither the core registry nor a scheduler or kubelets: it
// marks pods Ready itself, as a kubelet would.

const podStrategy: ResourceStrategy = {
  def: Resources.pods,
  prepareForCreate: (obj) => {
    obj.status = { phase: 'Pending' };
  },
  status: {
    prepareForUpdate: (obj, old) => {
      obj.spec = old.spec;
    },
  },
};
const standIns: ResourceStrategy[] = [podStrategy, { def: Resources.events, allowCreateOnUpdate: true }, { def: Resources.namespaces }];

function deployment(image: string): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } },
    },
  };
}

async function cluster() {
  const sim = new Sim(7, () => new Promise<void>((resolve) => setImmediate(resolve)));
  const server = new ApiServer(sim, { strategies: [deploymentStrategy, replicaSetStrategy, ...standIns] });
  const admin = new ApiClient(server, 'test');
  await admin.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  const cm = new ControllerManager(server, sim, [DeploymentController, ReplicaSetController]);
  await cm.start();
  return { sim, admin, cm };
}

describe('a rollout against the API server', () => {
  it('rolls a Deployment out, then rolls an image change over to a second ReplicaSet within surge and availability', async () => {
    const { sim, admin, cm } = await cluster();
    const pods = async () => (await admin.list<Pod>(Resources.pods, { namespace: 'default' })).items;
    const rsList = async () => (await admin.list<ReplicaSet>(Resources.replicasets, { namespace: 'default' })).items;
    const get = () => admin.get<Deployment>(Resources.deployments, 'default', 'web');
    // The kubelet's part: every pending pod starts and turns Ready a second later.
    const kubelet = async () => {
      for (const p of await pods()) {
        if (p.status?.phase === 'Running') continue;
        const ready = { type: 'Ready', status: 'True', lastTransitionTime: formatTime(sim.clock.now()) };
        await admin.patch(
          Resources.pods,
          'default',
          p.metadata!.name!,
          'merge',
          { status: { phase: 'Running', conditions: [ready] } },
          { subresource: 'status' },
        );
      }
    };
    const rolledOut = (d: Deployment) =>
      d.status?.observedGeneration === d.metadata?.generation &&
      d.status?.updatedReplicas === 3 &&
      d.status?.availableReplicas === 3 &&
      d.status?.replicas === 3;
    const rollOut = async (check: () => Promise<void>) => {
      for (let i = 0; i < 60 && !rolledOut(await get()); i++) {
        await sim.advance(1000);
        await check();
        await kubelet();
      }
      await sim.advance(1000);
    };

    await admin.create(Resources.deployments, deployment('nginx:1.27'));
    await rollOut(async () => {});
    const first = await get();
    expect(rolledOut(first)).toBe(true);
    expect(first.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(first.status?.conditions?.map((c) => [c.type, c.status, c.reason])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable'],
      ['Progressing', 'True', 'NewReplicaSetAvailable'],
    ]);
    const [rs1] = await rsList();
    expect(rs1.metadata?.name).toMatch(/^web-[456789bcdf]+$/);
    expect((await pods()).every((p) => p.metadata?.name?.startsWith(`${rs1.metadata?.name}-`))).toBe(true);

    await admin.patch(Resources.deployments, 'default', 'web', 'merge', {
      spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.28' }] } } },
    });
    await rollOut(async () => {
      // maxSurge 25% of 3 rounds up to 1, maxUnavailable rounds down to 0.
      const active = (await pods()).filter((p) => !p.metadata?.deletionTimestamp);
      expect(active.length).toBeLessThanOrEqual(4);
      expect(active.filter((p) => p.status?.phase === 'Running').length).toBeGreaterThanOrEqual(3);
    });
    const second = await get();
    expect(rolledOut(second)).toBe(true);
    expect(second.metadata?.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    const rss = await rsList();
    const rs2 = rss.find((r) => r.metadata?.uid !== rs1.metadata?.uid)!;
    expect(
      rss.map((r) => [r.metadata?.name, r.spec?.replicas, r.metadata?.annotations?.['deployment.kubernetes.io/revision']]).sort(),
    ).toEqual(
      [
        [rs1.metadata?.name, 0, '1'],
        [rs2.metadata?.name, 3, '2'],
      ].sort(),
    );
    expect((await pods()).map((p) => p.spec?.containers[0].image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28']);

    const events = (await admin.list<Event & KubeObject>(Resources.events, { namespace: 'default' })).items;
    // Events list by name, and names within one simulated millisecond sort at random: compare as sets.
    const scaling = events.filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message!);
    expect(scaling.sort()).toEqual(
      [
        `Scaled up replica set ${rs1.metadata?.name} to 3`,
        `Scaled up replica set ${rs2.metadata?.name} to 1`,
        `Scaled down replica set ${rs1.metadata?.name} to 2 from 3`,
        `Scaled up replica set ${rs2.metadata?.name} to 2 from 1`,
        `Scaled down replica set ${rs1.metadata?.name} to 1 from 2`,
        `Scaled up replica set ${rs2.metadata?.name} to 3 from 2`,
        `Scaled down replica set ${rs1.metadata?.name} to 0 from 1`,
      ].sort(),
    );

    // Rolled out, the controllers do nothing: no object changes any more.
    const versions = async () => [(await get()).metadata?.resourceVersion, ...(await rsList()).map((r) => r.metadata?.resourceVersion)];
    const before = await versions();
    await sim.advance(30_000);
    expect(await versions()).toEqual(before);
    cm.stop();
  });
});
