import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../../apiserver/registry/resources';
import { computeHash } from '../util/hash';
import { newControllerFixture } from '../util/recordingClient';
import { DaemonSetHistory, getPatch, match, newDaemonSetRevision } from './history';
import { newDaemonPod, newDaemonSet, ns, type Writable } from './testing';

const revPath = (name = '') => `/apis/apps/v1/namespaces/${ns}/controllerrevisions${name && `/${name}`}`;

function setup(revisions: ControllerRevision[] = [], pods: Pod[] = []) {
  const fx = newControllerFixture();
  const informer = fx.ctx.informers.for<ControllerRevision>(Resources.controllerrevisions);
  const history = new DaemonSetHistory(fx.ctx.client, informer, { getDaemonPods: async () => pods, canAdopt: () => async () => {} });
  fx.add(Resources.controllerrevisions, ...revisions);
  const writes = () => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
  return { fx, history, writes };
}

const withImage = (image: string) => newDaemonSet((ds) => (ds.spec!.template.spec!.containers[0].image = image));

/** revision is the stored revision of ds's template with the given number. */
function revision(ds: DaemonSet, n: number, mutate: (r: ControllerRevision) => void = () => {}): ControllerRevision {
  const r: Writable<ControllerRevision> = newDaemonSetRevision(ds, n);
  r.metadata!.uid = `${r.metadata!.name}-uid`;
  r.metadata!.resourceVersion = '3';
  r.metadata!.creationTimestamp = `2025-01-01T00:00:0${n}Z`;
  mutate(r);
  return r;
}

describe('getPatch and match', () => {
  it('snapshots the template as a replacing strategic merge patch, compared as Go marshals it', () => {
    const ds = newDaemonSet();
    expect(getPatch(ds)).toEqual({ spec: { template: { ...ds.spec!.template, $patch: 'replace' } } });
    const r = newDaemonSetRevision(ds, 1);
    expect(match(ds, r)).toBe(true);
    expect(match(withImage('nginx:1.26'), r)).toBe(false);
    // Key order does not matter, as Go's map marshalling sorts keys.
    const reordered = { spec: { template: { spec: ds.spec!.template.spec, $patch: 'replace', metadata: ds.spec!.template.metadata } } };
    expect(match(ds, { ...r, data: reordered as ControllerRevision['data'] })).toBe(true);
  });

  it('names a revision <ds>-<hash of the template and collisionCount> and copies labels and annotations', () => {
    const ds = newDaemonSet((d) => (d.status!.collisionCount = 2));
    const hash = computeHash(ds.spec!.template, 2);
    expect(hash).not.toBe(computeHash(ds.spec!.template));
    expect(newDaemonSetRevision(ds, 4)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: {
        name: `ds-${hash}`,
        namespace: ns,
        labels: { app: 'ds', 'controller-revision-hash': hash },
        annotations: { 'deprecated.daemonset.template.generation': '1' },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'ds', uid: 'ds-uid', controller: true, blockOwnerDeletion: true }],
      },
      data: getPatch(ds),
      revision: 4,
    });
  });
});

describe('DaemonSetHistory.constructHistory', () => {
  it('creates revision 1 for a new DaemonSet', async () => {
    const ds = newDaemonSet();
    const { fx, history, writes } = setup();
    const { cur, old } = await history.constructHistory(ds);
    expect(writes()).toEqual([`POST ${revPath()}`]);
    expect(fx.transport.writes[0].body).toEqual(newDaemonSetRevision(ds, 1));
    expect(cur.metadata?.labels?.['controller-revision-hash']).toBe(computeHash(ds.spec!.template));
    expect(old).toEqual([]);
  });

  it('creates the next revision after a template change and keeps the old one', async () => {
    const ds = withImage('nginx:1.26');
    const r1 = revision(newDaemonSet(), 1);
    const { fx, history, writes } = setup([r1]);
    const { old } = await history.constructHistory(ds);
    expect(writes()).toEqual([`POST ${revPath()}`]);
    expect((fx.transport.writes[0].body as ControllerRevision).revision).toBe(2);
    expect(old.map((r) => r.metadata?.name)).toEqual([r1.metadata?.name]);
  });

  it('does nothing when the current revision is the newest', async () => {
    const ds = newDaemonSet();
    const { history, writes } = setup([revision(withImage('nginx:1.24'), 1), revision(ds, 2)]);
    await history.constructHistory(ds);
    expect(writes()).toEqual([]);
  });

  it('moves a rolled-back-to revision to the top', async () => {
    const ds = newDaemonSet();
    const current = revision(ds, 1);
    const { fx, history, writes } = setup([current, revision(withImage('nginx:1.26'), 2)]);
    await history.constructHistory(ds);
    expect(writes()).toEqual([`PUT ${revPath(current.metadata!.name!)}`]);
    expect((fx.transport.writes[0].body as ControllerRevision).revision).toBe(3);
  });

  it('labels a revision missing the hash label with its name', async () => {
    const ds = newDaemonSet();
    const r = revision(ds, 1, (x) => delete x.metadata!.labels!['controller-revision-hash']);
    const { fx, history, writes } = setup([r]);
    await history.constructHistory(ds);
    expect(writes()).toEqual([`PUT ${revPath(r.metadata!.name!)}`]);
    expect((fx.transport.writes[0].body as ControllerRevision).metadata?.labels).toEqual({ app: 'ds', 'controller-revision-hash': r.metadata!.name });
  });

  it('keeps the highest of duplicate current revisions, relabels pods and deletes the rest', async () => {
    const ds = newDaemonSet();
    const dup = revision(ds, 1, (x) => {
      x.metadata!.name = 'ds-dup';
      x.metadata!.labels!['controller-revision-hash'] = 'dup';
    });
    const keep = revision(ds, 2);
    const keepHash = keep.metadata!.labels!['controller-revision-hash'];
    const pods = [newDaemonPod('p1', { hash: 'dup' }), newDaemonPod('p2', { hash: keepHash })];
    const { fx, history, writes } = setup([dup, keep], pods);
    const { cur } = await history.constructHistory(ds);
    expect(cur.metadata?.name).toBe(keep.metadata?.name);
    expect(writes()).toEqual([`PATCH /api/v1/namespaces/${ns}/pods/p1`, `DELETE ${revPath('ds-dup')}`]);
    expect(fx.transport.writes[0]).toMatchObject({ contentType: 'application/merge-patch+json', body: { metadata: { labels: { 'controller-revision-hash': keepHash } } } });
  });

  it('adopts an orphaned revision that matches the selector', async () => {
    const ds = newDaemonSet();
    const orphan = revision(ds, 1, (x) => delete x.metadata!.ownerReferences);
    const { history, writes } = setup([orphan]);
    const { cur } = await history.constructHistory(ds);
    expect(writes()).toEqual([`PATCH ${revPath(orphan.metadata!.name!)}`]);
    expect(cur.metadata?.name).toBe(orphan.metadata?.name);
  });

  it('bumps status.collisionCount when another template holds the name', async () => {
    const ds = newDaemonSet();
    const { fx, history, writes } = setup();
    const name = newDaemonSetRevision(ds, 1).metadata!.name!;
    fx.transport.objects.set(revPath(name), { ...revision(withImage('other'), 1), metadata: { name, namespace: ns } } as never);
    fx.transport.objects.set(`/apis/apps/v1/namespaces/${ns}/daemonsets/ds`, ds as never);
    fx.transport.respond = (req) =>
      req.method === 'POST' && req.path === revPath()
        ? { status: 409, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409, message: `controllerrevisions.apps "${name}" already exists` } }
        : undefined;
    await expect(history.constructHistory(ds)).rejects.toThrow('already exists');
    expect(writes()).toEqual([`POST ${revPath()}`, `PUT /apis/apps/v1/namespaces/${ns}/daemonsets/ds/status`]);
    expect((fx.transport.writes[1].body as DaemonSet).status?.collisionCount).toBe(1);
  });
});

describe('DaemonSetHistory.cleanupHistory', () => {
  it('deletes the oldest revisions beyond the limit, sparing those pods still run', async () => {
    const ds = newDaemonSet((d) => (d.spec!.revisionHistoryLimit = 2));
    const old = [1, 2, 3, 4, 5].map((n) => revision(withImage(`nginx:1.${n}`), n));
    const liveHash = old[0].metadata!.labels!['controller-revision-hash'];
    const { history, writes } = setup(old);
    await history.cleanupHistory(ds, [...old].reverse(), [newDaemonPod('p', { hash: liveHash })]);
    expect(writes()).toEqual([`DELETE ${revPath(old[1].metadata!.name!)}`, `DELETE ${revPath(old[2].metadata!.name!)}`, `DELETE ${revPath(old[3].metadata!.name!)}`]);
  });

  it('keeps everything within the limit', async () => {
    const ds = newDaemonSet();
    const old = [1, 2].map((n) => revision(withImage(`nginx:1.${n}`), n));
    const { history, writes } = setup(old);
    await history.cleanupHistory(ds, old, []);
    expect(writes()).toEqual([]);
  });
});
