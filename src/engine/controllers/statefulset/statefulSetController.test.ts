import { describe, expect, it } from 'vitest';
import type { StatefulSet, StatefulSetSpec, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { newControllerFixture } from '../util/recordingClient';
import { newPod, newSet, revisionOf, withImage, wwwTemplate, type PodState } from './fixture';
import { StatefulSetController } from './statefulSetController';

// StatefulSetController.sync over a recording transport: the ordered and parallel decisions, one
// sync at a time, asserted as the exact writes (sample-controller style).

const podsPath = '/api/v1/namespaces/default/pods';
const statusPath = '/apis/apps/v1/namespaces/default/statefulsets/web/status';

const rev1 = revisionOf(newSet());
const r1 = rev1.metadata!.name!;

/** steady is the status the controller writes for n ready pods all at revision rev. */
function steady(n: number, rev = r1): StatefulSetStatus {
  return {
    observedGeneration: 1,
    replicas: n,
    readyReplicas: n,
    currentReplicas: n,
    updatedReplicas: n,
    currentRevision: rev,
    updateRevision: rev,
    collisionCount: 0,
    availableReplicas: n,
  };
}

function setup(set: StatefulSet, pods: Pod[] = [], revisions = [rev1]) {
  const fx = newControllerFixture();
  const c = new StatefulSetController(fx.ctx);
  fx.add(Resources.statefulsets, set);
  fx.add(Resources.pods, ...pods);
  fx.add(Resources.controllerrevisions, ...revisions);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  const podWrites = () => writes().filter((w) => w.includes('/pods'));
  const lastStatus = () => fx.transport.writes.filter((w) => w.path === statusPath).map((w) => (w.body as StatefulSet).status).pop();
  const sync = async () => {
    await c.sync('default/web');
    await fx.sim.settle();
  };
  return { fx, writes, podWrites, lastStatus, sync };
}

const podsOf = (set: StatefulSet, states: PodState[], rev = r1) => states.map((s, i) => newPod(set, i, rev, s));

describe('OrderedReady', () => {
  it('creates the first revision, then web-0 only, and reports it', async () => {
    const t = setup(newSet(), [], []);
    await t.sync();
    expect(t.writes()).toEqual([`POST /apis/apps/v1/namespaces/default/controllerrevisions`, `POST ${podsPath}`, `PUT ${statusPath}`]);
    const created = t.fx.transport.writes[1].body as Pod;
    expect(created.metadata).toMatchObject({ name: 'web-0', labels: { 'controller-revision-hash': r1 } });
    expect(t.fx.transport.events).toEqual([{ type: 'Normal', reason: 'SuccessfulCreate', message: 'create Pod web-0 in StatefulSet web successful' }]);
    expect(t.lastStatus()).toEqual({ observedGeneration: 1, replicas: 0, currentRevision: r1, updateRevision: r1, collisionCount: 0, availableReplicas: 0 });
  });

  it.each([
    [['running'], []],
    [['pending'], []],
    [['ready'], ['POST web-1']],
    [['ready', 'ready'], ['POST web-2']],
    [['ready', 'running'], []],
  ] as [PodState[], string[]][])('with pods %j it creates %j', async (states, want) => {
    const set = newSet();
    const t = setup(set, podsOf(set, states));
    await t.sync();
    const created = t.fx.transport.writes.filter((w) => w.method === 'POST' && w.path === podsPath).map((w) => `POST ${(w.body as Pod).metadata?.name}`);
    expect(created).toEqual(want);
  });

  it('waits minReadySeconds after Ready before the next pod', async () => {
    const set = newSet({ minReadySeconds: 10 });
    const t = setup(set, podsOf(set, ['ready']));
    await t.sync();
    expect(t.podWrites()).toEqual([]);
    await t.fx.sim.advance(10_001);
    await t.sync();
    expect(t.podWrites()).toEqual([`POST ${podsPath}`]);
  });

  it('creates the claims before the pod, pointing the pod at them', async () => {
    const set = newSet({ volumeClaimTemplates: [wwwTemplate] });
    const t = setup(set);
    await t.sync();
    expect(t.writes()).toEqual([`POST /api/v1/namespaces/default/persistentvolumeclaims`, `POST ${podsPath}`, `PUT ${statusPath}`]);
    expect(t.fx.transport.writes[0].body).toMatchObject({ metadata: { name: 'www-web-0', labels: { app: 'nginx' } } });
    expect((t.fx.transport.writes[1].body as Pod).spec?.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }]);
    expect(t.fx.transport.events.map((e) => e.message)).toEqual([
      'create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'create Pod web-0 in StatefulSet web successful',
    ]);
  });

  it('counts ordinals from spec.ordinals.start', async () => {
    const t = setup(newSet({ replicas: 1, ordinals: { start: 5 } }));
    await t.sync();
    expect((t.fx.transport.writes[0].body as Pod).metadata?.name).toBe('web-5');
  });

  it('deletes a failed pod and makes it again only once it is gone', async () => {
    const set = newSet();
    const t = setup(set, podsOf(set, ['ready', 'failed', 'ready']));
    await t.sync();
    expect(t.podWrites()).toEqual([`DELETE ${podsPath}/web-1`]);
    expect(t.fx.transport.events).toEqual([{ type: 'Normal', reason: 'SuccessfulDelete', message: 'delete Pod web-1 in StatefulSet web successful' }]);
  });
});

describe('scaling down', () => {
  const scaled = (spec: Partial<StatefulSetSpec> = {}) => newSet({ replicas: 1, ...spec }, steady(3));
  it.each([
    ['OrderedReady deletes the highest ordinal only', {}, ['ready', 'ready', 'ready'], ['DELETE web-2']],
    ['OrderedReady waits for a terminating pod to go', {}, ['ready', 'ready', 'terminating'], []],
    ['OrderedReady does not delete past an unhealthy pod', {}, ['ready', 'running', 'running'], []],
    ['OrderedReady deletes the first unhealthy pod itself', {}, ['ready', 'ready', 'running'], ['DELETE web-2']],
    ['Parallel deletes all condemned pods at once', { podManagementPolicy: 'Parallel' }, ['ready', 'ready', 'ready'], ['DELETE web-2', 'DELETE web-1']],
  ] as [string, Partial<StatefulSetSpec>, PodState[], string[]][])('%s', async (_name, spec, states, want) => {
    const set = scaled(spec);
    const t = setup(set, podsOf(set, states));
    await t.sync();
    expect(t.podWrites().map((w) => w.replace(`${podsPath}/`, ''))).toEqual(want);
  });
});

describe('Parallel', () => {
  it('creates every missing pod in one sync', async () => {
    const set = newSet({ podManagementPolicy: 'Parallel' });
    const t = setup(set, podsOf(set, ['running']));
    await t.sync();
    expect(t.fx.transport.writes.filter((w) => w.method === 'POST').map((w) => (w.body as Pod).metadata?.name)).toEqual(['web-1', 'web-2']);
  });
});

describe('updates', () => {
  const updated = (spec: Partial<StatefulSetSpec> = {}) => {
    const set = withImage(newSet(spec, steady(3)), 'nginx:2');
    return { set, rev2: revisionOf(set, 2) };
  };

  it.each([
    ['all pods old: deletes web-2', [r1, r1, r1], ['ready', 'ready', 'ready'], ['DELETE web-2']],
    ['web-2 updated but not ready: waits', [r1, r1, 'R2'], ['ready', 'ready', 'running'], []],
    ['web-2 updated and ready: deletes web-1', [r1, r1, 'R2'], ['ready', 'ready', 'ready'], ['DELETE web-1']],
    ['web-1 terminating: waits', [r1, r1, 'R2'], ['ready', 'terminating', 'ready'], []],
  ] as [string, string[], PodState[], string[]][])('RollingUpdate, %s', async (_name, revs, states, want) => {
    const { set, rev2 } = updated();
    const r2 = rev2.metadata!.name!;
    const pods = states.map((s, i) => newPod(set, i, revs[i] === 'R2' ? r2 : revs[i], s));
    const t = setup(set, pods, [rev1, rev2]);
    await t.sync();
    expect(t.podWrites().map((w) => w.replace(`${podsPath}/`, ''))).toEqual(want);
  });

  it.each([
    ['web-2 updated but not ready', [r1, r1, 'R2'], ['ready', 'ready', 'running'], []],
    ['web-2 terminating', [r1, r1, r1], ['ready', 'ready', 'terminating'], []],
    ['web-2 updated and ready', [r1, r1, 'R2'], ['ready', 'ready', 'ready'], ['DELETE web-1']],
  ] as [string, string[], PodState[], string[]][])('Parallel RollingUpdate still goes one pod at a time: %s', async (_name, revs, states, want) => {
    const { set, rev2 } = updated({ podManagementPolicy: 'Parallel' });
    const r2 = rev2.metadata!.name!;
    const t = setup(set, states.map((s, i) => newPod(set, i, revs[i] === 'R2' ? r2 : revs[i], s)), [rev1, rev2]);
    await t.sync();
    expect(t.podWrites().map((w) => w.replace(`${podsPath}/`, ''))).toEqual(want);
  });

  it('with partition 2 updates web-2 only', async () => {
    const { set, rev2 } = updated({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } });
    const old = newSet();
    const pods = [newPod(old, 0, r1), newPod(old, 1, r1), newPod(set, 2, rev2.metadata!.name!)];
    const t = setup(set, pods, [rev1, rev2]);
    await t.sync();
    expect(t.podWrites()).toEqual([]);
    expect(t.lastStatus()).toMatchObject({ currentReplicas: 2, updatedReplicas: 1, currentRevision: r1, updateRevision: rev2.metadata?.name });
  });

  it('OnDelete deletes nothing', async () => {
    const { set, rev2 } = updated({ updateStrategy: { type: 'OnDelete' } });
    const t = setup(set, podsOf(set, ['ready', 'ready', 'ready']), [rev1, rev2]);
    await t.sync();
    expect(t.podWrites()).toEqual([]);
  });

  it('completes the rollout: currentRevision becomes the update revision', async () => {
    const { set, rev2 } = updated();
    const r2 = rev2.metadata!.name!;
    const t = setup(set, podsOf(set, ['ready', 'ready', 'ready'], r2), [rev1, rev2]);
    await t.sync();
    expect(t.lastStatus()).toEqual({ ...steady(3, r2), observedGeneration: 2 });
  });
});

describe('StatefulSetController.sync', () => {
  it('does nothing for a set at its desired state', async () => {
    const set = newSet({}, steady(3));
    const t = setup(set, podsOf(set, ['ready', 'ready', 'ready']));
    await t.sync();
    await t.sync();
    expect(t.fx.transport.requests).toEqual([]);
  });

  it('adopts a matching orphan member and releases an owned pod whose name does not fit', async () => {
    const set = newSet({ replicas: 1 }, steady(1));
    const orphan = newPod(set, 0, r1);
    orphan.metadata!.ownerReferences = undefined;
    const member = newPod(set, 0, r1);
    const stranger: Pod = { ...member, metadata: { ...member.metadata, name: 'other', uid: 'other-uid' } };
    const t = setup(set, [orphan, stranger]);
    t.fx.transport.objects.set('/apis/apps/v1/namespaces/default/statefulsets/web', set as never);
    await t.sync();
    expect(t.fx.transport.writes.map((w) => [w.method, w.path, w.body])).toEqual([
      [
        'PATCH',
        `${podsPath}/web-0`,
        {
          metadata: {
            ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true }],
            uid: 'web-0-uid',
          },
        },
      ],
      ['PATCH', `${podsPath}/other`, { metadata: { uid: 'other-uid', ownerReferences: [{ $patch: 'delete', uid: 'web-uid' }] } }],
    ]);
  });
});
