import { describe, expect, it } from 'vitest';
import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import { ControllerHistory } from '../history/controllerHistory';
import { newControllerFixture } from '../util/recordingClient';
import { newPod, newSet, withImage } from './fixture';
import { applyRevision, getPatch, getStatefulSetRevisions, newRevision, truncateHistory } from './revisions';

const writes = (fx: ReturnType<typeof newControllerFixture>) => fx.transport.writes.map((w) => `${w.method} ${w.path}`);
const revPath = '/apis/apps/v1/namespaces/default/controllerrevisions';

describe('getPatch and newRevision', () => {
  it('store the template as a replace patch, keys in Go order', () => {
    const patch = getPatch(newSet());
    expect(JSON.stringify(patch)).toBe(
      '{"spec":{"template":{"$patch":"replace","metadata":{"creationTimestamp":null,"labels":{"app":"nginx"}},' +
        '"spec":{"containers":[{"image":"registry.k8s.io/nginx-slim:0.24","name":"nginx"}],"restartPolicy":"Always"}}}}',
    );
  });

  it('name the revision <set>-<hash>, label it with the template labels and the hash, and copy the set annotations', () => {
    const set = newSet();
    set.metadata!.annotations = { team: 'a' };
    const rev = newRevision(set, 3, 0);
    const hash = rev.metadata?.labels?.['controller.kubernetes.io/hash'];
    expect(rev.metadata?.name).toBe(`web-${hash}`);
    expect(rev.metadata?.labels).toEqual({ app: 'nginx', 'controller.kubernetes.io/hash': hash });
    expect(rev.metadata?.annotations).toEqual({ team: 'a' });
    expect(rev.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', name: 'web', controller: true });
    expect(rev.revision).toBe(3);
    // The name depends on the template and the collision count, nothing else.
    expect(newRevision(newSet({ replicas: 7 }), 1, 0).metadata?.name).toBe(rev.metadata?.name);
    expect(newRevision(withImage(set, 'nginx:2'), 3, 0).metadata?.name).not.toBe(rev.metadata?.name);
    expect(newRevision(set, 3, 1).metadata?.name).not.toBe(rev.metadata?.name);
  });

  it('applyRevision puts the stored template back', () => {
    const old = newSet();
    const rev = newRevision(old, 1, 0);
    const restored = applyRevision(withImage(old, 'nginx:2'), rev);
    expect(restored.spec?.template).toEqual(old.spec?.template);
    expect(restored.spec?.template).not.toHaveProperty('$patch');
  });
});

describe('getStatefulSetRevisions', () => {
  it('creates the first revision of a new set, current = update', async () => {
    const fx = newControllerFixture();
    const r = await getStatefulSetRevisions(new ControllerHistory(fx.ctx.client), newSet(), []);
    expect(writes(fx)).toEqual([`POST ${revPath}`]);
    expect(r.updateRevision.revision).toBe(1);
    expect(r.currentRevision).toBe(r.updateRevision);
    expect(r.collisionCount).toBe(0);
  });

  it('reuses the newest revision when the template did not change', async () => {
    const fx = newControllerFixture();
    const set = newSet();
    const rev = newRevision(set, 1, 0);
    const r = await getStatefulSetRevisions(new ControllerHistory(fx.ctx.client), { ...set, status: { replicas: 3, currentRevision: rev.metadata?.name } }, [rev]);
    expect(writes(fx)).toEqual([]);
    expect(r.updateRevision).toBe(rev);
  });

  it('creates revision 2 for a new template and keeps revision 1 current', async () => {
    const fx = newControllerFixture();
    const set = newSet();
    const rev1 = newRevision(set, 1, 0);
    const updated = { ...withImage(set, 'nginx:2'), status: { replicas: 3, currentRevision: rev1.metadata?.name } };
    const r = await getStatefulSetRevisions(new ControllerHistory(fx.ctx.client), updated, [rev1]);
    expect(r.currentRevision).toBe(rev1);
    expect(r.updateRevision.revision).toBe(2);
    expect(r.updateRevision.metadata?.name).not.toBe(rev1.metadata?.name);
  });

  it('renumbers an older equal revision on a rollback instead of creating one', async () => {
    const fx = newControllerFixture();
    const set = newSet();
    const rev1 = newRevision(set, 1, 0);
    const rev2 = newRevision(withImage(set, 'nginx:2'), 2, 0);
    await getStatefulSetRevisions(new ControllerHistory(fx.ctx.client), set, [rev1, rev2]);
    expect(fx.transport.writes).toEqual([
      { method: 'PATCH', path: `${revPath}/${rev1.metadata?.name}`, body: { revision: 3 }, contentType: 'application/merge-patch+json' },
    ]);
  });
});

describe('truncateHistory', () => {
  it('deletes the oldest revisions past the limit, never the current, update or running ones', async () => {
    const fx = newControllerFixture();
    const set = newSet({ revisionHistoryLimit: 1 });
    const revs: ControllerRevision[] = [1, 2, 3, 4, 5].map((n) => newRevision(withImage(set, `nginx:${n}`), n, 0));
    const name = (i: number) => revs[i].metadata!.name!;
    const pods = [newPod(set, 0, name(1))];
    await truncateHistory(new ControllerHistory(fx.ctx.client), set, pods, revs, revs[3], revs[4]);
    // Live: 2 (a pod), 4 (current), 5 (update); history 1 and 3, limit 1: delete 1.
    expect(writes(fx)).toEqual([`DELETE ${revPath}/${name(0)}`]);
  });
});
