import type { Event, Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { mirrorPod } from './mirrorPods';

const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'control-plane', uid: 'node-uid' } };
const staticPod = (tolerations?: Toleration[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'etcd', namespace: 'kube-system' },
  spec: { containers: [{ name: 'etcd', image: 'registry.k8s.io/etcd:3.5.16-0' }], tolerations },
});

describe('mirrorPod', () => {
  it('tolerates every NoExecute taint, as the kubelet makes pods from files, and adds it once', () => {
    const mirror = mirrorPod(staticPod(), node, 0);
    expect(mirror.metadata?.name).toBe('etcd-control-plane');
    expect(mirror.spec?.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
    const own = { key: 'dedicated', operator: 'Equal' as const, value: 'etcd', effect: 'NoSchedule' as const };
    expect(mirrorPod(staticPod([own]), node, 0).spec?.tolerations).toEqual([own, { operator: 'Exists', effect: 'NoExecute' }]);
    expect(mirrorPod(mirror, node, 0).spec?.tolerations).toEqual([{ operator: 'Exists', effect: 'NoExecute' }]);
  });

  it('keeps a booting control plane from scheduling, then cancelling, the eviction of its static pods', async () => {
    const c = new Cluster({ seed: 1, workers: 1, yieldToHost: () => new Promise((r) => setImmediate(r)) });
    await c.start();
    await c.sim.advance(20_000);
    const events = (await c.client.list<Event>(Resources.events)).items;
    c.stop();
    expect(events.filter((e) => e.reason === 'NodeReady').length).toBeGreaterThan(0);
    expect(events.filter((e) => e.reason === 'TaintManagerEviction').map((e) => e.message)).toEqual([]);
  });
});
