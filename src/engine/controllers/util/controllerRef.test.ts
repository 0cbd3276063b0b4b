import { describe, expect, it } from 'vitest';
import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { Lister } from '../../client/lister';
import { newDaemonSet } from '../daemonset/testing';
import { selectorFromLabelSelector } from '../../api/labels';
import { Resources } from '../../apiserver/registry/resources';
import {
  ControllerRefManager,
  controllersSelecting,
  ensureControllerUIDIndex,
  getControllerOf,
  newControllerRef,
  ownedOrOrphaned,
  recheckDeletionTimestamp,
  resolveControllerRef,
} from './controllerRef';
import { newControllerFixture } from './recordingClient';

const kind = { apiVersion: 'apps/v1', kind: 'ReplicaSet' };
const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-abc', namespace: 'default', uid: 'web-abc-uid' } };
const selector = selectorFromLabelSelector({ matchLabels: { app: 'web' } });

function pod(name: string, labels: Record<string, string>, owner?: string, extra: Record<string, unknown> = {}): Pod {
  const ownerReferences = owner
    ? [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `${owner}-uid`, controller: true }]
    : undefined;
  return { metadata: { name, namespace: 'default', uid: `${name}-uid`, labels, ownerReferences, ...extra } };
}

describe('getControllerOf / newControllerRef', () => {
  it('finds the controller reference among owners', () => {
    const p: Pod = { metadata: { ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'x' }, newControllerRef(rs, kind)] } };
    expect(getControllerOf(p)).toEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      name: 'web-abc',
      uid: 'web-abc-uid',
      controller: true,
      blockOwnerDeletion: true,
    });
    expect(getControllerOf({ metadata: {} })).toBeUndefined();
  });
});

describe('ControllerRefManager.claim', () => {
  function claim(pods: Pod[], controller: object = rs, canAdopt = async () => {}) {
    const fx = newControllerFixture();
    const m = new ControllerRefManager<Pod>(fx.ctx.client, Resources.pods, controller, selector, kind, canAdopt);
    return { fx, result: m.claim(pods) };
  }

  it('keeps its own matching pods without writing', async () => {
    const { fx, result } = claim([pod('a', { app: 'web' }, 'web-abc')]);
    expect((await result).map((p) => p.metadata?.name)).toEqual(['a']);
    expect(fx.transport.requests).toEqual([]);
  });

  it('adopts a matching orphan with a strategic merge patch of ownerReferences', async () => {
    const { fx, result } = claim([pod('orphan', { app: 'web' })]);
    expect((await result).map((p) => p.metadata?.name)).toEqual(['orphan']);
    expect(fx.transport.writes).toEqual([
      {
        method: 'PATCH',
        path: '/api/v1/namespaces/default/pods/orphan',
        contentType: 'application/strategic-merge-patch+json',
        body: {
          metadata: {
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: 'web-abc',
                uid: 'web-abc-uid',
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
            uid: 'orphan-uid',
          },
        },
      },
    ]);
  });

  it('releases its own pod that no longer matches', async () => {
    const { fx, result } = claim([pod('moved', { app: 'other' }, 'web-abc')]);
    expect(await result).toEqual([]);
    expect(fx.transport.writes.map((w) => w.body)).toEqual([
      { metadata: { uid: 'moved-uid', ownerReferences: [{ $patch: 'delete', uid: 'web-abc-uid' }] } },
    ]);
  });

  it('ignores pods of other controllers, non-matching orphans and terminating orphans', async () => {
    const { fx, result } = claim([
      pod('theirs', { app: 'web' }, 'other'),
      pod('stranger', { app: 'db' }),
      pod('dying', { app: 'web' }, undefined, { deletionTimestamp: '2025-01-01T00:00:00Z' }),
    ]);
    expect(await result).toEqual([]);
    expect(fx.transport.requests).toEqual([]);
  });

  it('neither adopts nor releases while the controller is being deleted', async () => {
    const deleting = { ...rs, metadata: { ...rs.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
    const { fx, result } = claim(
      [pod('orphan', { app: 'web' }), pod('moved', { app: 'x' }, 'web-abc'), pod('mine', { app: 'web' }, 'web-abc')],
      deleting,
    );
    expect((await result).map((p) => p.metadata?.name)).toEqual(['mine']);
    expect(fx.transport.requests).toEqual([]);
  });

  it('does not adopt when the controller turns out to be deleted', async () => {
    const fx = newControllerFixture();
    fx.transport.objects.set('/apis/apps/v1/namespaces/default/replicasets/web-abc', {
      ...rs,
      metadata: { ...rs.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' },
    });
    const canAdopt = recheckDeletionTimestamp(() => fx.ctx.client.get(Resources.replicasets, 'default', 'web-abc'));
    const m = new ControllerRefManager<Pod>(fx.ctx.client, Resources.pods, rs, selector, kind, canAdopt);
    await expect(m.claim([pod('orphan', { app: 'web' })])).rejects.toThrow(
      "can't adopt Pod default/orphan (orphan-uid): default/web-abc has just been deleted at 2025-01-01T00:00:00Z",
    );
    expect(fx.transport.writes).toEqual([]);
  });
});

describe('ownedOrOrphaned', () => {
  it('finds owned objects and orphans of the namespace through the index', () => {
    const fx = newControllerFixture();
    const inf = fx.ctx.informers.for<Pod>(Resources.pods);
    ensureControllerUIDIndex(inf);
    fx.add(Resources.pods, pod('mine', {}, 'web-abc'), pod('orphan', {}), pod('theirs', {}, 'other'), {
      metadata: { name: 'elsewhere', namespace: 'kube-system', uid: 'e' },
    });
    const names = ownedOrOrphaned(inf.lister, { metadata: { namespace: 'default', uid: 'web-abc-uid' } }).map((p) => p.metadata?.name);
    expect(names.sort()).toEqual(['mine', 'orphan']);
  });
});

describe('controllersSelecting', () => {
  const selectorOf = (ds: DaemonSet) => selectorFromLabelSelector(ds.spec?.selector);

  it('finds the controllers selecting an orphan; no labels, and an empty selector, match nothing', () => {
    const ds = newDaemonSet();
    const other = newDaemonSet((d) => (d.spec!.selector = { matchLabels: { app: 'other' } }));
    expect(controllersSelecting([ds, other], { app: 'ds', extra: '1' }, selectorOf)).toEqual([ds]);
    expect(controllersSelecting([ds], {}, selectorOf)).toEqual([]);
    expect(controllersSelecting([newDaemonSet((d) => (d.spec!.selector = {}))], { app: 'ds' }, selectorOf)).toEqual([]);
  });
});

describe('resolveControllerRef', () => {
  it('returns the controller a reference names only with the same kind and uid', () => {
    const lister = new Lister<DaemonSet>();
    const ds = newDaemonSet();
    lister.set(ds);
    const ref = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: ds.metadata!.name!, uid: ds.metadata!.uid!, controller: true };
    expect(resolveControllerRef(lister, 'DaemonSet', ds.metadata?.namespace, ref)).toBe(ds);
    expect(resolveControllerRef(lister, 'DaemonSet', ds.metadata?.namespace, { ...ref, uid: 'recreated' })).toBeUndefined();
    expect(resolveControllerRef(lister, 'ReplicaSet', ds.metadata?.namespace, ref)).toBeUndefined();
  });
});
