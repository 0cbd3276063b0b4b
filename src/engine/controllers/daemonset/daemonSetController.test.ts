import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../../apiserver/registry/resources';
import { newControllerFixture } from '../util/recordingClient';
import { DaemonSetsController, SelectingAllMessage } from './daemonSetController';
import { newDaemonSetRevision } from './history';
import { newDaemonPod, newDaemonSet, newNode, ns } from './testing';

const key = `${ns}/ds`;
const dsPath = `/apis/apps/v1/namespaces/${ns}/daemonsets/ds`;
const podsPath = `/api/v1/namespaces/${ns}/pods`;
const revisionsPath = `/apis/apps/v1/namespaces/${ns}/controllerrevisions`;
const controlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;

/** storedRevision is ds's current revision as the informer would hold it. */
function storedRevision(ds: DaemonSet, n = 1): ControllerRevision {
  const r = newDaemonSetRevision(ds, n);
  return { ...r, metadata: { ...r.metadata, uid: `${r.metadata!.name}-uid`, resourceVersion: '2' } };
}

function hashOf(r: ControllerRevision): string {
  return r.metadata!.labels!['controller-revision-hash'];
}

function setup(ds: DaemonSet, nodes: Node[], pods: Pod[] = [], revisions: ControllerRevision[] = []) {
  const fx = newControllerFixture();
  const c = new DaemonSetsController(fx.ctx);
  fx.add(Resources.daemonsets, ds);
  fx.add(Resources.nodes, ...nodes);
  fx.add(Resources.pods, ...pods);
  fx.add(Resources.controllerrevisions, ...revisions);
  fx.transport.objects.set(dsPath, ds as never);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  return { fx, c, writes };
}

describe('DaemonSetsController.sync', () => {
  it('snapshots the template and creates a pod pinned to each eligible node', async () => {
    const ds = newDaemonSet();
    const { fx, c, writes } = setup(ds, [newNode('cp', { taints: [controlPlaneTaint] }), newNode('n1'), newNode('n2')]);
    await c.sync(key);
    expect(writes()).toEqual([`POST ${revisionsPath}`, `POST ${podsPath}`, `POST ${podsPath}`, `PUT ${dsPath}/status`]);
    const hash = hashOf(newDaemonSetRevision(ds, 1));
    const pods = fx.transport.writes.filter((w) => w.path === podsPath).map((w) => w.body as Pod);
    expect(pods.map((p) => p.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0].matchFields?.[0].values)).toEqual([['n1'], ['n2']]);
    expect(pods[0].spec?.nodeName).toBeUndefined();
    expect(pods[0].metadata).toEqual({
      generateName: 'ds-',
      namespace: ns,
      labels: { app: 'ds', 'pod-template-generation': '1', 'controller-revision-hash': hash },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
    });
    expect(pods[0].spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect((fx.transport.writes[3].body as DaemonSet).status).toEqual({
      currentNumberScheduled: 0,
      numberMisscheduled: 0,
      desiredNumberScheduled: 2,
      numberReady: 0,
      observedGeneration: 1,
      numberUnavailable: 2,
    });
    await fx.sim.settle();
    expect(fx.transport.events).toEqual([
      { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: ds-00001' },
      { type: 'Normal', reason: 'SuccessfulCreate', message: 'Created pod: ds-00002' },
    ]);
  });

  it('waits for its creations to be observed before creating again, but keeps writing status', async () => {
    const ds = newDaemonSet();
    const { fx, c, writes } = setup(ds, [newNode('n1')], [], [storedRevision(newDaemonSet())]);
    await c.sync(key);
    expect(writes()).toEqual([`POST ${podsPath}`, `PUT ${dsPath}/status`]);
    fx.transport.reset();
    await c.sync(key);
    expect(writes()).toEqual([`PUT ${dsPath}/status`]);
    expect((fx.transport.writes[0].body as DaemonSet).status?.observedGeneration).toBeUndefined();
  });

  it('stops creating after a failed slow-start batch and expects none of the skipped pods', async () => {
    const nodes = ['n1', 'n2', 'n3', 'n4'].map((n) => newNode(n));
    const { fx, c, writes } = setup(newDaemonSet(), nodes, [], [storedRevision(newDaemonSet())]);
    fx.transport.respond = (req) =>
      req.method === 'POST' && req.path === podsPath
        ? { status: 403, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods "ds-" is forbidden: exceeded quota' } }
        : undefined;
    await expect(c.sync(key)).rejects.toThrow('exceeded quota');
    expect(writes()).toEqual([`POST ${podsPath}`, `PUT ${dsPath}/status`]);
    expect(c.expectations.satisfiedExpectations(key)).toBe(true);
    await fx.sim.settle();
    expect(fx.transport.events).toEqual([{ type: 'Warning', reason: 'FailedCreate', message: 'Error creating: pods "ds-" is forbidden: exceeded quota' }]);
  });

  it('does nothing when every node runs its current pod and status is up to date', async () => {
    const rev = storedRevision(newDaemonSet());
    const ds = newDaemonSet((d) => {
      d.status = { currentNumberScheduled: 2, desiredNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2, numberAvailable: 2, updatedNumberScheduled: 2, observedGeneration: 1 };
    });
    const pods = ['n1', 'n2'].map((n) => newDaemonPod(`ds-${n}`, { node: n, hash: hashOf(rev) }));
    const { c, writes } = setup(ds, [newNode('n1'), newNode('n2')], pods, [rev]);
    await c.sync(key);
    await c.sync(key);
    expect(writes()).toEqual([]);
  });

  it('deletes pods on nodes that must not keep them, duplicates but the oldest, and pending pods of vanished nodes', async () => {
    const rev = storedRevision(newDaemonSet());
    const h = hashOf(rev);
    const pods = [
      newDaemonPod('evicted', { node: 'tainted', hash: h }),
      newDaemonPod('kept-on-cp', { node: 'cp', hash: h }),
      newDaemonPod('oldest', { node: 'n1', hash: h, created: '2025-01-01T00:00:00Z' }),
      newDaemonPod('newer', { node: 'n1', hash: h, created: '2025-01-01T00:00:05Z' }),
      newDaemonPod('orphaned-pending', { node: 'gone', hash: h, pinned: true }),
    ];
    const nodes = [newNode('tainted', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }), newNode('cp', { taints: [controlPlaneTaint] }), newNode('n1')];
    const { fx, c, writes } = setup(newDaemonSet(), nodes, pods, [rev]);
    await c.sync(key);
    expect(writes()).toEqual([`DELETE ${podsPath}/evicted`, `DELETE ${podsPath}/newer`, `DELETE ${podsPath}/orphaned-pending`, `PUT ${dsPath}/status`]);
    expect((fx.transport.writes[3].body as DaemonSet).status).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 2 });
    expect(c.expectations.satisfiedExpectations(key)).toBe(false);
  });

  it('deletes a failed pod with a FailedDaemonPod event, backing off per node', async () => {
    const rev = storedRevision(newDaemonSet());
    const failed = newDaemonPod('crashed', { node: 'n1', hash: hashOf(rev), phase: 'Failed' });
    const { fx, c, writes } = setup(newDaemonSet(), [newNode('n1')], [failed], [rev]);
    const deletes = () => writes().filter((w) => w.startsWith('DELETE'));
    await c.sync(key);
    expect(deletes()).toEqual([`DELETE ${podsPath}/crashed`]);
    await fx.sim.settle();
    expect(fx.transport.events).toEqual([
      { type: 'Warning', reason: 'FailedDaemonPod', message: 'Found failed daemon pod default/crashed on node n1, will try to kill it' },
      { type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: crashed' },
    ]);
    fx.transport.reset();
    c.expectations.deleteExpectations(key);
    await c.sync(key);
    expect(deletes()).toEqual([]);
    await fx.sim.advance(1_000);
    c.expectations.deleteExpectations(key);
    await c.sync(key);
    expect(deletes()).toEqual([`DELETE ${podsPath}/crashed`]);
  });

  it('deletes a succeeded pod with a SucceededDaemonPod event', async () => {
    const rev = storedRevision(newDaemonSet());
    const done = newDaemonPod('done', { node: 'n1', hash: hashOf(rev), phase: 'Succeeded' });
    const { fx, c, writes } = setup(newDaemonSet(), [newNode('n1')], [done], [rev]);
    await c.sync(key);
    expect(writes()).toEqual([`DELETE ${podsPath}/done`, `PUT ${dsPath}/status`]);
    await fx.sim.settle();
    expect(fx.transport.events[0]).toEqual({ type: 'Normal', reason: 'SucceededDaemonPod', message: 'Found succeeded daemon pod default/done on node n1, will try to delete it' });
  });

  it('rolls an updated template by deleting one old pod within maxUnavailable', async () => {
    const oldRev = storedRevision(newDaemonSet());
    const ds = newDaemonSet((d) => {
      d.metadata!.generation = 2;
      d.metadata!.annotations = { 'deprecated.daemonset.template.generation': '2' };
      d.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    });
    const pods = ['n1', 'n2', 'n3'].map((n) => newDaemonPod(`ds-${n}`, { node: n, hash: hashOf(oldRev) }));
    const { fx, c, writes } = setup(ds, [newNode('n1'), newNode('n2'), newNode('n3')], pods, [oldRev]);
    await c.sync(key);
    expect(writes()).toEqual([`POST ${revisionsPath}`, `DELETE ${podsPath}/ds-n1`, `PUT ${dsPath}/status`]);
    expect((fx.transport.writes[0].body as ControllerRevision).revision).toBe(2);
    expect((fx.transport.writes[2].body as DaemonSet).status).toMatchObject({ desiredNumberScheduled: 3, numberAvailable: 3, observedGeneration: 2 });
    expect((fx.transport.writes[2].body as DaemonSet).status?.updatedNumberScheduled).toBeUndefined();
  });

  it('leaves old pods alone with OnDelete', async () => {
    const oldRev = storedRevision(newDaemonSet());
    const ds = newDaemonSet((d) => {
      d.spec!.updateStrategy = { type: 'OnDelete' };
      d.spec!.template.spec!.containers[0].image = 'nginx:1.26';
      d.metadata!.annotations = { 'deprecated.daemonset.template.generation': '2' };
    });
    const pods = ['n1', 'n2'].map((n) => newDaemonPod(`ds-${n}`, { node: n, hash: hashOf(oldRev) }));
    const { c, writes } = setup(ds, [newNode('n1'), newNode('n2')], pods, [oldRev]);
    await c.sync(key);
    expect(writes().filter((w) => w.includes('/pods'))).toEqual([]);
  });

  it('refuses a DaemonSet selecting all pods', async () => {
    const { fx, c, writes } = setup(newDaemonSet((d) => (d.spec!.selector = {})), [newNode('n1')]);
    await c.sync(key);
    await fx.sim.settle();
    expect(writes()).toEqual([]);
    expect(fx.transport.events).toEqual([{ type: 'Warning', reason: 'SelectingAll', message: SelectingAllMessage }]);
  });

  it('forgets a deleted DaemonSet', async () => {
    const { fx, c, writes } = setup(newDaemonSet(), [newNode('n1')], [], [storedRevision(newDaemonSet())]);
    await c.sync(key);
    expect(c.expectations.satisfiedExpectations(key)).toBe(false);
    fx.ctx.informers.for(Resources.daemonsets).lister.delete(key);
    fx.transport.reset();
    await c.sync(key);
    expect(writes()).toEqual([]);
    expect(c.expectations.satisfiedExpectations(key)).toBe(true);
  });
});
