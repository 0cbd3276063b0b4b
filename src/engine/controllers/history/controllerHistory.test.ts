import { describe, expect, it } from 'vitest';
import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import { Resources } from '../../apiserver/registry/resources';
import { startControllers } from '../testCluster';
import {
  ControllerHistory,
  ControllerRevisionHashLabel,
  controllerRevisionName,
  equalRevision,
  hashControllerRevision,
  newControllerRevision,
  nextRevision,
  sortControllerRevisions,
} from './controllerHistory';

const parent: DaemonSet = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent', namespace: 'default', uid: 'u-1' } };
const kind = { apiVersion: 'apps/v1', kind: 'DaemonSet' };
const patch = (image: string) => ({ spec: { template: { $patch: 'replace', spec: { containers: [{ name: 'a', image }] } } } });

describe('newControllerRevision', () => {
  it('names the revision after its parent and the hash of its data, labelled and owned', () => {
    const cr = newControllerRevision(parent, kind, { app: 'agent' }, patch('busybox:1'), 1);
    const hash = cr.metadata!.labels![ControllerRevisionHashLabel];
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
    expect(cr.metadata!.name).toBe(`agent-${hash}`);
    expect(cr.metadata!.labels!.app).toBe('agent');
    expect(cr.metadata!.ownerReferences).toEqual([{ ...kind, name: 'agent', uid: 'u-1', controller: true, blockOwnerDeletion: true }]);
    expect(cr.revision).toBe(1);
  });

  it('hashes the data only: the revision number does not change the name, the data and the probe do', () => {
    const a = newControllerRevision(parent, kind, {}, patch('busybox:1'), 1);
    expect(newControllerRevision(parent, kind, {}, patch('busybox:1'), 7).metadata!.name).toBe(a.metadata!.name);
    expect(newControllerRevision(parent, kind, {}, patch('busybox:2'), 1).metadata!.name).not.toBe(a.metadata!.name);
    expect(hashControllerRevision(a, 1)).not.toBe(hashControllerRevision(a));
  });

  it('cuts a long parent name so the revision name stays a DNS subdomain', () => {
    expect(controllerRevisionName('x'.repeat(300), 'abc')).toHaveLength(242 + 4);
  });
});

describe('revision helpers', () => {
  const r = (name: string, revision: number, ts = '2026-01-01T00:00:00Z') =>
    ({ metadata: { name, creationTimestamp: ts }, revision, data: patch(name) }) as ControllerRevision;

  it('sorts by revision, then creation time, then name', () => {
    const sorted = sortControllerRevisions([r('c', 2), r('b', 1, '2026-01-02T00:00:00Z'), r('a', 1, '2026-01-02T00:00:00Z'), r('z', 1)]);
    expect(sorted.map((x) => x.metadata!.name)).toEqual(['z', 'a', 'b', 'c']);
  });

  it('finds the next revision number and compares revisions by data', () => {
    expect(nextRevision([])).toBe(1);
    expect(nextRevision([r('a', 3), r('b', 5)])).toBe(6);
    expect(equalRevision(r('a', 1), { ...r('a', 9) })).toBe(true);
    expect(equalRevision(r('a', 1), r('b', 1))).toBe(false);
  });
});

describe('ControllerHistory', () => {
  it('creates a revision, returns the existing one for the same data, and probes past a collision', async () => {
    const { client } = await startControllers([], () => new Promise<void>((resolve) => setTimeout(resolve, 0)));
    const ds = await client.create<DaemonSet>(Resources.daemonsets, {
      ...parent,
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image: 'busybox:1' }] } } },
    });
    const history = new ControllerHistory(client);
    const collision = { count: 0 };
    const want = newControllerRevision(ds, kind, { app: 'agent' }, patch('busybox:1'), 1, collision.count);
    const created = await history.createControllerRevision(ds, want, collision);
    expect(created.metadata!.name).toBe(want.metadata!.name);
    expect((await history.createControllerRevision(ds, want, collision)).metadata!.uid).toBe(created.metadata!.uid);
    expect(collision.count).toBe(0);
    // Another revision whose first-choice name is taken by different data moves on to the next hash.
    const other = newControllerRevision(ds, kind, {}, patch('busybox:2'), 2, 0);
    const clash = await client.create<ControllerRevision>(Resources.controllerrevisions, {
      ...other,
      metadata: { ...other.metadata, name: controllerRevisionName('agent', hashControllerRevision(other, 0)) },
      data: patch('something-else'),
    });
    const probed = await history.createControllerRevision(ds, other, collision);
    expect(collision.count).toBe(1);
    expect(probed.metadata!.name).not.toBe(clash.metadata!.name);
    expect((await history.updateControllerRevision(probed, 3)).revision).toBe(3);
    await history.deleteControllerRevision(probed);
    await history.deleteControllerRevision(probed);
    await expect(client.get(Resources.controllerrevisions, 'default', probed.metadata!.name!)).rejects.toThrow(/not found/);
  });
});
