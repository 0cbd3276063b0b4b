import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { EmptyNodePods, PodPlacement, Unscheduled } from './podPlacement';
import { testPod } from './testPods';

const mirror = (key: string, node: string) =>
  testPod(key, node, { metadata: { annotations: { 'kubernetes.io/config.mirror': 'h' }, labels: { component: key.split('/')[1] } } });
const withRequests = (key: string, node: string, cpu: string, phase = 'Running') =>
  testPod(key, node, { spec: { containers: [{ name: 'app', resources: { requests: { cpu, memory: '64Mi' } } }] }, status: { phase } });

describe('PodPlacement', () => {
  it('lists pods by node, static pods apart, and waiting pods as Unscheduled', () => {
    const p = new PodPlacement();
    const pods = {
      'kube-system/etcd': mirror('kube-system/etcd', 'cp'),
      'default/a': testPod('default/a', 'w1'),
      'default/b': testPod('default/b'),
    };
    expect(p.update({}, pods)).toEqual(new Set(['cp', 'w1', Unscheduled]));
    expect(p.podsOf('cp').components.map((x) => x.metadata?.name)).toEqual(['etcd']);
    expect(p.podsOf('cp').pods).toEqual([]);
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['a']);
    expect(p.podsOf(Unscheduled).pods.map((x) => x.metadata?.name)).toEqual(['b']);
    expect(p.podsOf('nowhere')).toBe(EmptyNodePods);
  });

  it('touches only the old and new node of a pod that was bound, and keeps the other lists', () => {
    const p = new PodPlacement();
    const before: Record<string, Pod> = { 'default/a': testPod('default/a'), 'default/c': testPod('default/c', 'w2') };
    p.update({}, before);
    const w2 = p.podsOf('w2');
    const after = { ...before, 'default/a': testPod('default/a', 'w1') };
    expect(p.update(before, after)).toEqual(new Set([Unscheduled, 'w1']));
    expect(p.podsOf(Unscheduled)).toBe(EmptyNodePods);
    expect(p.podsOf('w1').pods).toHaveLength(1);
    expect(p.podsOf('w2')).toBe(w2);
  });

  it('forgets deleted pods', () => {
    const p = new PodPlacement();
    const before = { 'default/a': testPod('default/a', 'w1') };
    p.update({}, before);
    expect(p.update(before, {})).toEqual(new Set(['w1']));
    expect([...p.placements()]).toEqual([]);
  });

  it('lists pods in creation order so chips keep their place', () => {
    const p = new PodPlacement();
    const older = testPod('default/z', 'w1', { metadata: { creationTimestamp: '2025-01-01T00:00:00Z' } });
    const newer = testPod('default/a', 'w1', { metadata: { creationTimestamp: '2025-01-01T00:01:00Z' } });
    p.update({}, { 'default/a': newer, 'default/z': older });
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['z', 'a']);
  });

  it('merges pods that join in later batches into the creation order, and places a pod that comes back anew', () => {
    const p = new PodPlacement();
    const at = (key: string, node: string, minute: number) => testPod(key, node, { metadata: { creationTimestamp: `2025-01-01T00:0${minute}:00Z` } });
    const v1 = { 'default/b': at('default/b', 'w1', 2), 'default/d': at('default/d', 'w1', 4) };
    p.update({}, v1);
    const v2 = { ...v1, 'default/e': at('default/e', 'w1', 5), 'default/a': at('default/a', 'w1', 1), 'default/c': at('default/c', 'w1', 3) };
    p.update(v1, v2, ['default/e', 'default/a', 'default/c']);
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const v3 = { ...v2, 'default/c': at('default/c', 'w2', 3) };
    delete (v3 as Record<string, Pod>)['default/a'];
    p.update(v2, v3, ['default/c', 'default/a']);
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['b', 'd', 'e']);
    p.update(v3, v2, ['default/c', 'default/a']);
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(p.podsOf('w2')).toBe(EmptyNodePods);
  });

  it('filters pods by namespace but keeps static pods and counts every pod in the node usage', () => {
    const p = new PodPlacement();
    p.update({}, {
      'kube-system/etcd': mirror('kube-system/etcd', 'cp'),
      'default/a': withRequests('default/a', 'cp', '100m'),
      'other/b': withRequests('other/b', 'cp', '250m'),
      'other/done': withRequests('other/done', 'cp', '1', 'Succeeded'),
    });
    p.setNamespace('default');
    const cp = p.podsOf('cp');
    expect(cp.components).toHaveLength(1);
    expect(cp.pods.map((x) => x.metadata?.name)).toEqual(['a']);
    expect(cp.requests).toEqual({ milliCPU: 350, memory: 2 * 64 * 1024 * 1024, pods: 3 });
  });

  it('looks only at the keys it is given, and forgets a given key that is gone', () => {
    const p = new PodPlacement();
    const before = { 'default/a': testPod('default/a', 'w1'), 'default/b': testPod('default/b', 'w2') };
    p.update({}, before);
    // b moved too, but the caller says only a changed: b keeps its place.
    const after = { 'default/b': testPod('default/b', 'w3') };
    expect(p.update(before, after, ['default/a'])).toEqual(new Set(['w1']));
    expect([...p.placements()]).toEqual(['w2']);
  });

  it('orders pods created in the same second by namespace, then name', () => {
    const p = new PodPlacement();
    p.update({}, { 'b/a': testPod('b/a', 'w1'), 'a/z': testPod('a/z', 'w1'), 'a/y': testPod('a/y', 'w1') });
    expect(p.podsOf('w1').pods.map((x) => `${x.metadata?.namespace}/${x.metadata?.name}`)).toEqual(['a/y', 'a/z', 'b/a']);
  });

  it("keeps each node's requests as pods terminate, move and go, without a full recount", () => {
    const p = new PodPlacement();
    const a = withRequests('default/a', 'w1', '100m');
    const b = withRequests('default/b', 'w1', '250m');
    const v1 = { 'default/a': a, 'default/b': b };
    p.update({}, v1);
    expect(p.podsOf('w1').requests).toEqual({ milliCPU: 350, memory: 2 * 64 * 1024 * 1024, pods: 2 });
    const v2 = { ...v1, 'default/a': withRequests('default/a', 'w1', '100m', 'Succeeded') };
    p.update(v1, v2);
    expect(p.podsOf('w1').requests).toEqual({ milliCPU: 250, memory: 64 * 1024 * 1024, pods: 1 });
    const v3 = { ...v2, 'default/b': withRequests('default/b', 'w2', '250m') };
    p.update(v2, v3);
    expect(p.podsOf('w1').requests).toEqual({ milliCPU: 0, memory: 0, pods: 0 });
    expect(p.podsOf('w2').requests).toEqual({ milliCPU: 250, memory: 64 * 1024 * 1024, pods: 1 });
    p.update(v3, { 'default/a': v3['default/a'] });
    expect(p.podsOf('w2')).toBe(EmptyNodePods);
  });

  it('takes a pod recreated under the same name as a new one: its own requests, its place last', () => {
    const p = new PodPlacement();
    const old = withRequests('default/db-0', 'w1', '100m');
    const other = testPod('default/z', 'w1', { metadata: { creationTimestamp: '2025-01-01T00:01:00Z' } });
    const v1 = { 'default/db-0': old, 'default/z': other };
    p.update({}, v1);
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['db-0', 'z']);
    const recreated = withRequests('default/db-0', 'w1', '300m');
    recreated.metadata = { ...recreated.metadata, uid: 'uid-2', creationTimestamp: '2025-01-01T00:02:00Z' };
    p.update(v1, { 'default/db-0': recreated, 'default/z': other });
    expect(p.podsOf('w1').pods.map((x) => x.metadata?.name)).toEqual(['z', 'db-0']);
    expect(p.podsOf('w1').requests).toEqual({ milliCPU: 300, memory: 64 * 1024 * 1024, pods: 2 });
  });
});
