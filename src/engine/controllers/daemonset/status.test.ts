import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { SimEpoch } from '../../sim/clock';
import { newControllerFixture } from '../util/recordingClient';
import { calculateStatus, storeDaemonSetStatus, type DaemonSetCounts } from './status';
import { newDaemonPod, newDaemonSet, newNode, ns } from './testing';

const statusPath = `/apis/apps/v1/namespaces/${ns}/daemonsets/ds/status`;

describe('calculateStatus', () => {
  it('counts desired, scheduled, ready, available, updated and misscheduled nodes by their oldest pod', () => {
    const ds = newDaemonSet((d) => (d.spec!.minReadySeconds = 30));
    const nodes = [
      newNode('ready-long'),
      newNode('ready-just-now'),
      newNode('not-ready'),
      newNode('old-revision'),
      newNode('empty'),
      newNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
    ];
    const pods: [string, Pod[]][] = [
      // The older of two pods decides: here the ready one created first.
      ['ready-long', [newDaemonPod('b', { node: 'ready-long', ready: false, created: '2025-01-01T00:00:09Z' }), newDaemonPod('a', { node: 'ready-long' })]],
      ['ready-just-now', [newDaemonPod('c', { node: 'ready-just-now', readySince: SimEpoch - 10_000 })]],
      ['not-ready', [newDaemonPod('d', { node: 'not-ready', ready: false })]],
      ['old-revision', [newDaemonPod('e', { node: 'old-revision', hash: 'h0', generation: '0' })]],
      ['cp', [newDaemonPod('f', { node: 'cp' })]],
      ['vanished', [newDaemonPod('g', { node: 'vanished' })]],
    ];
    expect(calculateStatus(ds, nodes, new Map(pods), 'h1', SimEpoch)).toEqual({
      desiredNumberScheduled: 5,
      currentNumberScheduled: 4,
      numberMisscheduled: 1,
      numberReady: 3,
      updatedNumberScheduled: 3,
      numberAvailable: 2,
      numberUnavailable: 3,
    });
  });
});

describe('storeDaemonSetStatus', () => {
  const counts: DaemonSetCounts = {
    desiredNumberScheduled: 3,
    currentNumberScheduled: 3,
    numberMisscheduled: 0,
    numberReady: 3,
    updatedNumberScheduled: 3,
    numberAvailable: 3,
    numberUnavailable: 0,
  };

  it('writes the counts and observedGeneration, leaving zeros out as Go omitempty does', async () => {
    const fx = newControllerFixture();
    const ds = newDaemonSet((d) => (d.status!.collisionCount = 0));
    await storeDaemonSetStatus(fx.ctx.client, ds, counts, true);
    expect(fx.transport.writes).toHaveLength(1);
    expect(fx.transport.writes[0]).toMatchObject({ method: 'PUT', path: statusPath });
    expect((fx.transport.writes[0].body as DaemonSet).status).toEqual({
      currentNumberScheduled: 3,
      numberMisscheduled: 0,
      desiredNumberScheduled: 3,
      numberReady: 3,
      observedGeneration: 1,
      updatedNumberScheduled: 3,
      numberAvailable: 3,
      collisionCount: 0,
    });
  });

  it('writes nothing when counts and observedGeneration are current', async () => {
    const fx = newControllerFixture();
    const ds = newDaemonSet((d) => (d.status = { ...counts, numberUnavailable: undefined, observedGeneration: 1 }));
    await storeDaemonSetStatus(fx.ctx.client, ds, counts, true);
    expect(fx.transport.writes).toEqual([]);
  });

  it('keeps observedGeneration when the controller did not act on this generation', async () => {
    const fx = newControllerFixture();
    const ds = newDaemonSet((d) => (d.metadata!.generation = 2));
    await storeDaemonSetStatus(fx.ctx.client, ds, counts, false);
    expect((fx.transport.writes[0].body as DaemonSet).status?.observedGeneration).toBeUndefined();
  });

  it('retries once on a fresh read after a conflict', async () => {
    const fx = newControllerFixture();
    const ds = newDaemonSet();
    fx.transport.objects.set(`/apis/apps/v1/namespaces/${ns}/daemonsets/ds`, { ...ds, metadata: { ...ds.metadata, resourceVersion: '9' } } as never);
    let puts = 0;
    fx.transport.respond = (req) =>
      req.method === 'PUT' && puts++ === 0
        ? { status: 409, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409, message: 'the object has been modified' } }
        : undefined;
    await storeDaemonSetStatus(fx.ctx.client, ds, counts, true);
    expect(fx.transport.requests.map((r) => r.method)).toEqual(['PUT', 'GET', 'PUT']);
    expect((fx.transport.writes[1].body as DaemonSet).metadata?.resourceVersion).toBe('9');
  });
});
