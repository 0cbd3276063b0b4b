import { describe, expect, it } from 'vitest';
import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import { ReplicaSetController, ReplicationManager } from './replicaSet';
import { newControllerFixture } from './util/recordingClient';

const ns = 'default';
const rsPath = `/apis/apps/v1/namespaces/${ns}/replicasets/web-abc`;
const t0 = formatTime(SimEpoch);

function newRS(replicas: number, extra: { status?: ReplicaSet['status']; minReadySeconds?: number; deleting?: boolean } = {}): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: 'web-abc',
      namespace: ns,
      uid: 'rs-uid',
      resourceVersion: '10',
      generation: 1,
      deletionTimestamp: extra.deleting ? t0 : undefined,
    },
    spec: {
      replicas,
      minReadySeconds: extra.minReadySeconds,
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
    },
    status: extra.status ?? { replicas: 0 },
  };
}

interface PodOpts {
  node?: string;
  phase?: string;
  ready?: boolean;
  owner?: string | null;
  labels?: Record<string, string>;
}

function newPod(name: string, o: PodOpts = {}): Pod {
  const owner = o.owner === undefined ? 'rs-uid' : o.owner;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: ns,
      uid: `${name}-uid`,
      creationTimestamp: t0,
      labels: o.labels ?? { app: 'web' },
      ownerReferences: owner
        ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: owner, controller: true, blockOwnerDeletion: true }]
        : undefined,
    },
    spec: { nodeName: o.node ?? 'node-1', containers: [{ name: 'nginx', image: 'nginx' }] },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True', lastTransitionTime: t0 }],
    },
  };
}

function setup(rs: ReplicaSet, pods: Pod[] = []) {
  const fx = newControllerFixture();
  const c = new ReplicaSetController(fx.ctx);
  fx.add(Resources.replicasets, rs);
  fx.add(Resources.pods, ...pods);
  fx.transport.objects.set(rsPath, rs as never);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  return { fx, c, writes };
}

describe('ReplicaSetController.sync', () => {
  it('creates the missing pods from the template and records the observed generation', async () => {
    const { fx, c, writes } = setup(newRS(3));
    await c.sync('default/web-abc');
    expect(writes()).toEqual([
      'POST /api/v1/namespaces/default/pods',
      'POST /api/v1/namespaces/default/pods',
      'POST /api/v1/namespaces/default/pods',
      `PUT ${rsPath}/status`,
    ]);
    expect(fx.transport.writes[0].body).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-abc-',
        namespace: ns,
        labels: { app: 'web' },
        ownerReferences: [
          { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs-uid', controller: true, blockOwnerDeletion: true },
        ],
      },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    });
    expect((fx.transport.writes[3].body as ReplicaSet).status).toEqual({ replicas: 0, observedGeneration: 1 });
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: web-abc-00001' },
      { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: web-abc-00002' },
      { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: web-abc-00003' },
    ]);
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 3, del: 0 });
  });

  it('does not create again while its creations are still on their way', async () => {
    const { fx, c } = setup(newRS(3));
    await c.sync('default/web-abc');
    fx.transport.reset();
    await c.sync('default/web-abc');
    expect(fx.transport.writes.filter((w) => w.method === 'POST')).toEqual([]);
  });

  it('does nothing when pods and status are as desired', async () => {
    const status = { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 };
    const { fx, c } = setup(newRS(3, { status }), [newPod('a'), newPod('b'), newPod('c')]);
    await c.sync('default/web-abc');
    await c.sync('default/web-abc');
    expect(fx.transport.requests).toEqual([]);
  });

  it('deletes pods earliest in their lifecycle first', async () => {
    const pods = [
      newPod('running'),
      newPod('unassigned', { node: '', phase: 'Pending', ready: false }),
      newPod('notready', { ready: false }),
      newPod('running2'),
    ];
    const { fx, c, writes } = setup(newRS(2, { status: { replicas: 4 } }), pods);
    await c.sync('default/web-abc');
    expect(writes()).toEqual([
      'DELETE /api/v1/namespaces/default/pods/unassigned',
      'DELETE /api/v1/namespaces/default/pods/notready',
      `PUT ${rsPath}/status`,
    ]);
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: unassigned' },
      { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: notready' },
    ]);
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 0, del: 2 });
  });

  it('adopts a matching orphan instead of creating a pod', async () => {
    const { fx, c, writes } = setup(newRS(1), [newPod('orphan', { owner: null })]);
    await c.sync('default/web-abc');
    expect(writes()).toEqual(['PATCH /api/v1/namespaces/default/pods/orphan', `PUT ${rsPath}/status`]);
    expect((fx.transport.writes[1].body as ReplicaSet).status).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      observedGeneration: 1,
    });
  });

  it('counts ready and available pods, availability waiting minReadySeconds', async () => {
    const { fx, c } = setup(newRS(3, { minReadySeconds: 30, status: { replicas: 3 } }), [
      newPod('a'),
      newPod('b'),
      newPod('c', { ready: false }),
    ]);
    await fx.sim.advance(10_000);
    await c.sync('default/web-abc');
    expect((fx.transport.writes[0].body as ReplicaSet).status).toEqual({
      replicas: 3,
      fullyLabeledReplicas: 3,
      readyReplicas: 2,
      observedGeneration: 1,
    });
  });

  it('ignores pods that are terminated or terminating', async () => {
    const pods = [
      newPod('a'),
      newPod('done', { phase: 'Succeeded' }),
      { ...newPod('dying'), metadata: { ...newPod('dying').metadata, deletionTimestamp: t0 } },
    ];
    const { fx, c } = setup(
      newRS(1, { status: { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1 } }),
      pods,
    );
    await c.sync('default/web-abc');
    expect(fx.transport.requests).toEqual([]);
  });

  it('creates nothing for a ReplicaSet being deleted', async () => {
    const { writes, c } = setup(newRS(2, { deleting: true }));
    await c.sync('default/web-abc');
    expect(writes()).toEqual([`PUT ${rsPath}/status`]);
  });

  it('stops creating at the first failing batch and reports ReplicaFailure', async () => {
    const { fx, c, writes } = setup(newRS(10));
    const message = 'pods "web-abc-x" is forbidden: exceeded quota: pods';
    let creates = 0;
    fx.transport.respond = (req) => {
      if (req.method !== 'POST' || !req.path.endsWith('/pods')) return undefined;
      return ++creates === 4
        ? { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message } }
        : undefined;
    };
    await expect(c.sync('default/web-abc')).rejects.toThrow(message);
    // Batches of 1, 2 and 4: the failure in the third batch stops the fourth.
    expect(writes().filter((w) => w.startsWith('POST'))).toHaveLength(7);
    const status = (fx.transport.writes.at(-1)!.body as ReplicaSet).status;
    expect(status?.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', lastTransitionTime: t0, reason: 'FailedCreate', message },
    ]);
    expect(fx.transport.events.filter((e) => e.type === 'Warning')).toEqual([
      { type: 'Warning', reason: 'FailedCreate', message: `Error creating: ${message}` },
    ]);
    // The 4 pods never created (1 failed, 3 skipped) are not waited for.
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 6, del: 0 });
  });

  it('forgets the expectations of a ReplicaSet that is gone', async () => {
    const { fx, c } = setup(newRS(3));
    await c.sync('default/web-abc');
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 3, del: 0 });
    fx.ctx.informers.for(Resources.replicasets).lister.delete('default/web-abc');
    await c.sync('default/web-abc');
    expect(c.expectations.pending('default/web-abc')).toBeUndefined();
  });
});

describe('ReplicaSetController event handlers', () => {
  it('syncs a new ReplicaSet and counts the pods it sees created', async () => {
    const fx = newControllerFixture();
    const c = new ReplicaSetController(fx.ctx);
    await fx.ctx.informers.start();
    c.run();
    fx.transport.emit(Resources.replicasets, 'ADDED', newRS(2));
    await fx.sim.advance(1000); // past the sync batch window
    expect(fx.transport.writes.filter((w) => w.method === 'POST')).toHaveLength(2);
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 2, del: 0 });
    fx.transport.emit(Resources.pods, 'ADDED', newPod('web-abc-00001'));
    fx.transport.emit(Resources.pods, 'ADDED', newPod('web-abc-00002'));
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 0, del: 0 });
    fx.transport.reset();
    await fx.sim.advance(1000); // past the sync batch window
    // Each observed pod wakes the ReplicaSet; the last status write counts both.
    expect(fx.transport.writes.map((w) => (w.body as ReplicaSet).status?.replicas).at(-1)).toBe(2);
    expect(fx.transport.writes.every((w) => w.method === 'PUT')).toBe(true);
    c.stop();
  });

  it('counts a deletion once, whether seen as terminating or gone', async () => {
    const fx = newControllerFixture();
    const c = new ReplicaSetController(fx.ctx);
    await fx.ctx.informers.start();
    fx.transport.emit(Resources.replicasets, 'ADDED', newRS(1, { status: { replicas: 2 } }));
    fx.transport.emit(Resources.pods, 'ADDED', newPod('a'));
    fx.transport.emit(Resources.pods, 'ADDED', newPod('b', { ready: false }));
    await c.sync('default/web-abc');
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 0, del: 1 });
    const b = newPod('b', { ready: false });
    fx.transport.emit(Resources.pods, 'MODIFIED', { ...b, metadata: { ...b.metadata, deletionTimestamp: t0 } });
    fx.transport.emit(Resources.pods, 'DELETED', b);
    expect(c.expectations.pending('default/web-abc')).toEqual({ add: 0, del: 0 });
  });
});

describe('ReplicationManager', () => {
  it('runs the same logic on a ReplicationController, whose selector is a label map', async () => {
    const fx = newControllerFixture();
    const c = new ReplicationManager(fx.ctx);
    const rc = {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'web', namespace: ns, uid: 'rc-uid', generation: 1 },
      spec: {
        replicas: 1,
        selector: { app: 'web' },
        template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
      },
    };
    fx.add(Resources.replicationcontrollers, rc);
    await c.sync('default/web');
    expect(fx.transport.writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      'POST /api/v1/namespaces/default/pods',
      'PUT /api/v1/namespaces/default/replicationcontrollers/web/status',
    ]);
    expect((fx.transport.writes[0].body as Pod).metadata?.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: 'rc-uid', controller: true, blockOwnerDeletion: true },
    ]);
    expect(c.name).toBe('replication-controller');
  });
});
