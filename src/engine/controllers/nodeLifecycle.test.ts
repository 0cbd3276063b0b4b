import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node, NodeCondition, Pod, Taint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { TypedObject, WatchEvent } from '../api/object';
import { Resources } from '../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../sim/clock';
import {
  evictionDelayMs,
  NodeLifecycleController,
  reconcileTaints,
  TaintNodeNotReady,
  TaintNodeUnreachable,
  TaintNodeUnschedulable,
  tolerates,
} from './nodeLifecycle';
import { newControllerFixture } from './util/recordingClient';

const ts = (s: number) => formatTime(SimEpoch + s * 1000);

function condition(type: string, status: string, at = 0): NodeCondition {
  return { type, status, lastHeartbeatTime: ts(at), lastTransitionTime: ts(at), reason: 'KubeletReady', message: 'kubelet is posting ready status' };
}

function node(ready = 'True', extra: Partial<Node['spec']> = {}, taints?: Taint[]): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: 'worker-1', uid: 'node-uid', resourceVersion: '5', creationTimestamp: ts(0) },
    spec: { podCIDR: '10.244.1.0/24', ...(taints ? { taints } : {}), ...extra },
    status: {
      conditions: [condition('MemoryPressure', 'False'), condition('DiskPressure', 'False'), condition('PIDPressure', 'False'), condition('Ready', ready)],
    },
  };
}

function pod(name: string, tolerationSeconds?: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: '7' },
    spec: {
      nodeName: 'worker-1',
      containers: [{ name: 'app', image: 'nginx' }],
      tolerations:
        tolerationSeconds === undefined
          ? undefined
          : [{ key: TaintNodeUnreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds }],
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ts(1) }] },
  };
}

function setup() {
  const f = newControllerFixture();
  const c = new NodeLifecycleController(f.ctx);
  const writes = () => f.transport.writes.map((w) => `${w.method} ${w.path}`);
  const deliver = <T extends TypedObject>(res: typeof Resources.leases, ev: WatchEvent<T>) =>
    (f.ctx.informers.for(res) as unknown as { onEvents(e: WatchEvent<T>[]): void }).onEvents([ev]);
  return { f, c, writes, deliver };
}

describe('NodeLifecycleController', () => {
  it('registers a healthy node and writes nothing for it, twice', async () => {
    const { f, c, writes } = setup();
    f.add(Resources.nodes, node());
    await c.sync('worker-1');
    await c.sync('worker-1');
    expect(writes()).toEqual([]);
    expect(f.transport.events).toEqual([{ type: 'Normal', reason: 'RegisteredNode', message: 'Node worker-1 event: Registered Node worker-1 in Controller' }]);
  });

  it('marks a node Unknown 50s after its lease stops, and its pods not ready', async () => {
    const { f, c, writes } = setup();
    f.add(Resources.nodes, node());
    f.add(Resources.pods, pod('web'));
    await c.sync('worker-1');
    await f.sim.advance(50_000);
    await c.sync('worker-1');
    expect(writes()).toEqual([]);
    await f.sim.advance(1_000);
    await c.sync('worker-1');
    expect(writes()).toEqual(['PUT /api/v1/nodes/worker-1/status', 'PUT /api/v1/namespaces/default/pods/web/status']);
    const updated = f.transport.writes[0].body as Node;
    expect(updated.status!.conditions!.map((x) => [x.type, x.status, x.reason, x.message, x.lastHeartbeatTime, x.lastTransitionTime])).toEqual(
      ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map((t) => [t, 'Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.', ts(0), ts(51)]),
    );
    const podReady = (f.transport.writes[1].body as Pod).status!.conditions!.find((x) => x.type === 'Ready');
    expect(podReady).toEqual({ type: 'Ready', status: 'False', lastTransitionTime: ts(51) });
    expect(f.transport.events.slice(1)).toEqual([
      { type: 'Normal', reason: 'NodeNotReady', message: 'Node worker-1 status is now: NodeNotReady' },
      { type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' },
    ]);
  });

  it('keeps a node healthy while its lease is renewed', async () => {
    const { f, c, writes, deliver } = setup();
    f.add(Resources.nodes, node());
    await c.sync('worker-1');
    for (let i = 1; i <= 12; i++) {
      await f.sim.advance(10_000);
      const lease: Lease = { metadata: { name: 'worker-1', namespace: 'kube-node-lease', resourceVersion: String(100 + i) }, spec: { renewTime: ts(i * 10) } };
      deliver(Resources.leases, { type: 'MODIFIED', object: lease });
    }
    await c.sync('worker-1');
    expect(writes()).toEqual([]);
  });

  it('taints an unreachable node, then evicts pods as their tolerations run out', async () => {
    const { f, c, writes } = setup();
    const unknown = node('Unknown');
    f.add(Resources.nodes, unknown);
    f.add(Resources.pods, pod('intolerant'), pod('tolerant', 300));
    await c.sync('worker-1');
    expect(writes()).toEqual(['PUT /api/v1/nodes/worker-1']);
    const taints = (f.transport.writes[0].body as Node).spec!.taints;
    expect(taints).toEqual([
      { key: TaintNodeUnreachable, effect: 'NoSchedule', timeAdded: ts(0) },
      { key: TaintNodeUnreachable, effect: 'NoExecute', timeAdded: ts(0) },
    ]);
    f.transport.reset();
    f.add(Resources.nodes, node('Unknown', {}, taints));
    await c.sync('worker-1');
    await f.sim.advance(1);
    expect(writes()).toEqual(['PATCH /api/v1/namespaces/default/pods/intolerant/status', 'DELETE /api/v1/namespaces/default/pods/intolerant']);
    expect(f.transport.events.at(-1)).toEqual({ type: 'Normal', reason: 'TaintManagerEviction', message: 'Marking for deletion Pod default/intolerant' });
    const disruption = (f.transport.writes[0].body as { status: Pod['status'] }).status!.conditions!.at(-1);
    expect(disruption).toMatchObject({ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
    f.transport.reset();
    await f.sim.advance(299_000);
    expect(writes()).toEqual([]);
    await f.sim.advance(1_000);
    expect(writes()).toEqual(['PATCH /api/v1/namespaces/default/pods/tolerant/status', 'DELETE /api/v1/namespaces/default/pods/tolerant']);
  });

  it('removes its taints when the node is Ready again and cancels pending evictions', async () => {
    const { f, c, writes } = setup();
    const taints = [
      { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' as const },
      { key: TaintNodeUnreachable, effect: 'NoSchedule' as const, timeAdded: ts(0) },
      { key: TaintNodeUnreachable, effect: 'NoExecute' as const, timeAdded: ts(0) },
    ];
    f.add(Resources.nodes, node('Unknown', {}, taints));
    f.add(Resources.pods, pod('tolerant', 300));
    await c.sync('worker-1');
    expect(writes()).toEqual([]);
    f.add(Resources.nodes, node('True', {}, taints));
    await c.sync('worker-1');
    expect((f.transport.writes[0].body as Node).spec!.taints).toEqual([{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }]);
    f.add(Resources.nodes, node('True', {}, [taints[0]]));
    f.transport.reset();
    await c.sync('worker-1');
    await f.sim.advance(600_000);
    expect(writes()).toEqual([]);
    expect(f.transport.events.map((e) => e.message)).toEqual(['Cancelling deletion of Pod default/tolerant']);
  });
});

describe('reconcileTaints', () => {
  it.each([
    ['a Ready node', node('True'), undefined],
    ['a NotReady node', node('False'), [`${TaintNodeNotReady}:NoSchedule`, `${TaintNodeNotReady}:NoExecute`]],
    ['a cordoned node', node('True', { unschedulable: true }), [`${TaintNodeUnschedulable}:NoSchedule`]],
    ['a node already tainted right', node('True', { unschedulable: true }, [{ key: TaintNodeUnschedulable, effect: 'NoSchedule' }]), undefined],
  ])('handles %s', (_name, n, want) => {
    const got = reconcileTaints(n, SimEpoch);
    expect(got?.map((t) => `${t.key}:${t.effect}`)).toEqual(want);
  });
});

describe('evictionDelayMs', () => {
  const unreachable: Taint = { key: TaintNodeUnreachable, effect: 'NoExecute' };
  it.each([
    ['no toleration', [], 0],
    ['the default 300s toleration', [{ key: TaintNodeUnreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }], 300_000],
    ['a toleration without seconds', [{ operator: 'Exists' }], Infinity],
    ['a toleration for another taint', [{ key: 'other', operator: 'Exists' }], 0],
  ] as const)('gives %s', (_name, tolerations, want) => {
    expect(evictionDelayMs([unreachable], [...tolerations])).toBe(want);
  });
  it('matches Equal tolerations on value', () => {
    expect(tolerates({ key: 'k', operator: 'Equal', value: 'v' }, { key: 'k', value: 'v', effect: 'NoExecute' })).toBe(true);
    expect(tolerates({ key: 'k', value: 'w' }, { key: 'k', value: 'v', effect: 'NoExecute' })).toBe(false);
  });
});
