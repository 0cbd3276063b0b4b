import { describe, expect, it } from 'vitest';
import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import { DisruptionController, labelSelectorString } from './disruption';
import { newControllerFixture } from './util/recordingClient';

const ns = 'default';
const now = formatTime(SimEpoch);
const earlier = formatTime(SimEpoch - 3600_000);
const statusPath = `/apis/policy/v1/namespaces/${ns}/poddisruptionbudgets/web-pdb/status`;

function pdb(spec: PodDisruptionBudget['spec'], status?: PodDisruptionBudget['status']): PodDisruptionBudget {
  return {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: { name: 'web-pdb', namespace: ns, uid: 'pdb-uid', resourceVersion: '9', generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    status: status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 },
  };
}

type Owner = { kind: string; apiVersion: string; name: string; uid: string } | null;
const rsOwner: Owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid' };

function pod(name: string, o: { ready?: boolean; owner?: Owner; deleting?: boolean } = {}): Pod {
  const owner = o.owner === undefined ? rsOwner : o.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      resourceVersion: '3',
      labels: { app: 'web' },
      ownerReferences: owner ? [{ ...owner, controller: true }] : undefined,
      deletionTimestamp: o.deleting ? now : undefined,
    },
    spec: { containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

const deployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: ns, uid: 'deploy-uid' },
  spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: {} },
};
const replicaSet: ReplicaSet = {
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name: 'web-abc',
    namespace: ns,
    uid: 'rs-uid',
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'deploy-uid', controller: true }],
  },
  spec: { replicas: 4, selector: { matchLabels: { app: 'web' } } },
};

function condition(allowed: boolean, lastTransitionTime = now) {
  return {
    type: 'DisruptionAllowed',
    status: allowed ? 'True' : 'False',
    observedGeneration: 1,
    lastTransitionTime,
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    message: '',
  };
}

function setup(budget: PodDisruptionBudget, pods: Pod[]) {
  const fx = newControllerFixture();
  const c = new DisruptionController(fx.ctx);
  fx.add(Resources.poddisruptionbudgets, budget);
  fx.add(Resources.pods, ...pods);
  fx.add(Resources.deployments, deployment);
  fx.add(Resources.replicasets, replicaSet);
  const statuses = () => fx.transport.writes.map((w) => (w.body as PodDisruptionBudget).status);
  return { fx, c, statuses };
}

const threeReady = [pod('web-1'), pod('web-2'), pod('web-3')];

describe('DisruptionController.sync', () => {
  it('writes the counts and a DisruptionAllowed condition for minAvailable 2 over 3 ready pods', async () => {
    const { fx, c } = setup(pdb({ minAvailable: 2 }), threeReady);
    await c.sync('default/web-pdb');
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT ${statusPath}`]);
    expect((fx.transport.writes[0].body as PodDisruptionBudget).status).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [condition(true)],
    });
  });

  it('writes nothing when the status is already up to date', async () => {
    const status = {
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [condition(true, earlier)],
    };
    const { fx, c } = setup(pdb({ minAvailable: 2 }, status), threeReady);
    await c.sync('default/web-pdb');
    expect(fx.transport.writes).toEqual([]);
  });

  it.each([
    ['maxUnavailable 50% takes the Deployment scale, not the pod count', { maxUnavailable: '50%' }, 4, 2, 1],
    ['minAvailable 100% allows nothing', { minAvailable: '100%' }, 4, 4, 0],
    ['maxUnavailable 1 over a Deployment of 4', { maxUnavailable: 1 }, 4, 3, 0],
    ['minAvailable 1 counts the selected pods', { minAvailable: 1 }, 3, 1, 2],
  ])('%s', async (_name, spec, expectedPods, desiredHealthy, disruptionsAllowed) => {
    const { c, statuses } = setup(pdb(spec), threeReady);
    await c.sync('default/web-pdb');
    expect(statuses()[0]).toMatchObject({ expectedPods, desiredHealthy, disruptionsAllowed, currentHealthy: 3 });
  });

  it('counts neither unready nor terminating pods as healthy and flips the condition with a new transition time', async () => {
    const status = {
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [condition(true, earlier)],
    };
    const pods = [pod('web-1'), pod('web-2', { ready: false }), pod('web-3', { deleting: true })];
    const { c, statuses } = setup(pdb({ minAvailable: 2 }, status), pods);
    await c.sync('default/web-pdb');
    expect(statuses()[0]).toEqual({
      observedGeneration: 1,
      disruptionsAllowed: 0,
      currentHealthy: 1,
      desiredHealthy: 2,
      expectedPods: 3,
      conditions: [condition(false, now)],
    });
  });

  it('records NoPods when the selector matches nothing', async () => {
    const { fx, c, statuses } = setup(pdb({ minAvailable: 1 }), []);
    await c.sync('default/web-pdb');
    await fx.sim.settle();
    expect(statuses()[0]).toMatchObject({ expectedPods: 0, desiredHealthy: 1, disruptionsAllowed: 0 });
    expect(fx.transport.events).toEqual([{ type: 'Normal', reason: 'NoPods', message: 'No matching pods found' }]);
  });

  it('warns about unmanaged pods under a percentage and counts only managed ones', async () => {
    const { fx, c, statuses } = setup(pdb({ maxUnavailable: '25%' }), [pod('web-1'), pod('loose', { owner: null })]);
    await c.sync('default/web-pdb');
    await fx.sim.settle();
    expect(statuses()[0]).toMatchObject({ expectedPods: 4, desiredHealthy: 3, currentHealthy: 2 });
    expect(fx.transport.events.map((e) => e.reason)).toEqual(['UnmanagedPods']);
    expect(fx.transport.events[0].message).toBe(
      'Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.',
    );
  });

  it('fails safe with SyncFailed when a pod controller has no scale', async () => {
    const jobOwner: Owner = { apiVersion: 'batch/v1', kind: 'Job', name: 'once', uid: 'job-uid' };
    const status = {
      observedGeneration: 1,
      disruptionsAllowed: 1,
      currentHealthy: 1,
      desiredHealthy: 0,
      expectedPods: 1,
      conditions: [condition(true, earlier)],
    };
    const { fx, c, statuses } = setup(pdb({ maxUnavailable: '50%' }, status), [pod('once-x', { owner: jobOwner })]);
    await c.sync('default/web-pdb');
    await fx.sim.settle();
    expect(statuses()[0]).toEqual({
      ...status,
      disruptionsAllowed: 0,
      conditions: [{ ...condition(false, now), reason: 'SyncFailed', message: 'jobs.batch does not implement the scale subresource' }],
    });
    expect(fx.transport.events).toEqual([
      {
        type: 'Warning',
        reason: 'CalculateExpectedPodCountFailed',
        message: 'Failed to calculate the number of expected pods: jobs.batch does not implement the scale subresource',
      },
    ]);
  });

  it('keeps recently disrupted pods out of the healthy count and drops overdue ones', async () => {
    const recent = formatTime(SimEpoch - 60_000);
    const overdue = formatTime(SimEpoch - 180_000);
    const status = {
      currentHealthy: 3,
      desiredHealthy: 1,
      disruptionsAllowed: 2,
      expectedPods: 3,
      disruptedPods: { 'web-1': recent, 'web-2': overdue, gone: recent },
    };
    const { fx, c, statuses } = setup(pdb({ minAvailable: 1 }, status), threeReady);
    await c.sync('default/web-pdb');
    await fx.sim.settle();
    expect(statuses()[0]).toMatchObject({ disruptedPods: { 'web-1': recent }, currentHealthy: 2, disruptionsAllowed: 1 });
    expect(fx.transport.events).toEqual([
      { type: 'Warning', reason: 'NotDeleted', message: "Pod was expected by PDB default/default to be deleted but it wasn't" },
    ]);
  });
});

describe('DisruptionController stale DisruptionTarget conditions', () => {
  it('sets a two-minute-old DisruptionTarget condition of a pod nobody deleted to False', async () => {
    const fx = newControllerFixture();
    const c = new DisruptionController(fx.ctx);
    await fx.ctx.informers.start();
    c.run();
    const p = pod('web-1');
    p.status!.conditions!.push({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'EvictionByEvictionAPI',
      lastTransitionTime: formatTime(SimEpoch - 150_000),
    });
    fx.transport.emit(Resources.pods, 'ADDED', p);
    await fx.sim.settle(10);
    c.stop();
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([`PUT /api/v1/namespaces/${ns}/pods/web-1/status`]);
    expect((fx.transport.writes[0].body as Pod).status?.conditions).toEqual([
      { type: 'Ready', status: 'True' },
      { type: 'DisruptionTarget', status: 'False', lastTransitionTime: now },
    ]);
  });
});

describe('labelSelectorString', () => {
  it('renders expressions as the generated Go String() does', () => {
    expect(labelSelectorString({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[a b],},},}',
    );
  });
});
