import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newPodInfo } from '../framework/podInfo';
import { makeNode, makePod } from '../testing/wrappers';
import { SchedulerCache } from './cache';

const bound = (pod: Pod, node: string): Pod => ({ ...pod, spec: { ...pod.spec!, nodeName: node } });

describe('SchedulerCache', () => {
  it('counts an assumed pod until its binding is confirmed, then keeps it once', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n', { cpu: '4' }));
    const pod = makePod('p', { cpu: '1', memory: '1Gi' });
    c.assumePod(newPodInfo(bound(pod, 'n')), 'n');
    expect(c.isAssumedPod('default/p')).toBe(true);
    expect(c.get('n')!.requested).toMatchObject({ milliCPU: 1000, memory: 1024 ** 3 });
    c.addPod(bound(pod, 'n'));
    expect(c.isAssumedPod('default/p')).toBe(false);
    expect(c.get('n')!.pods).toHaveLength(1);
    expect(c.get('n')!.requested.milliCPU).toBe(1000);
  });

  it('gives back what a forgotten pod held', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n'));
    c.assumePod(newPodInfo(makePod('p', { cpu: '1', hostPorts: [80] })), 'n');
    c.forgetPod('default/p');
    const ni = c.get('n')!;
    expect([ni.pods.length, ni.requested.milliCPU, ni.nonZeroMilliCPU, ni.usedPorts.size]).toEqual([0, 0, 0, 0]);
  });

  it('keeps the non-zero request sums for scoring (100m / 200Mi per container without requests)', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n'));
    c.addPod(makePod('p', { nodeName: 'n' }));
    expect([c.get('n')!.requested.milliCPU, c.get('n')!.nonZeroMilliCPU, c.get('n')!.nonZeroMemory]).toEqual([0, 100, 200 * 1024 * 1024]);
  });

  it('keeps pods of a deleted node until their own deletes arrive, but not in the node list', () => {
    const c = new SchedulerCache();
    const node = makeNode('n');
    c.addNode(node);
    c.addNode(makeNode('m'));
    const pod = makePod('p', { nodeName: 'n', cpu: '1' });
    c.addPod(pod);
    c.removeNode(node);
    expect(c.list().map((n) => n.name)).toEqual(['m']);
    expect(c.get('n')?.pods).toHaveLength(1);
    c.removePod(pod);
    expect(c.get('n')).toBeUndefined();
  });

  it('tracks which nodes have an image', () => {
    const c = new SchedulerCache();
    const images = [{ names: ['nginx:1.27'], sizeBytes: 70_000_000 }];
    const a = makeNode('a', { images });
    c.addNode(a);
    c.addNode(makeNode('b', { images }));
    expect(c.imageNumNodes('nginx:1.27')).toBe(2);
    c.updateNode(a, makeNode('a'));
    expect(c.imageNumNodes('nginx:1.27')).toBe(1);
  });

  it('updates selector counts on label changes of bound pods', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n'));
    const sel = { requirements: [{ key: 'app', op: '=' as const, values: ['web'] }] };
    const counts = c.matchingPods('default', sel);
    const pod = makePod('p', { nodeName: 'n', labels: { app: 'web' } });
    c.addPod(pod);
    expect(counts.onNode(c.get('n')!.index)).toBe(1);
    c.updatePod({ ...pod, metadata: { ...pod.metadata, labels: { app: 'db' } } });
    expect(counts.onNode(c.get('n')!.index)).toBe(0);
    expect(c.matchingPods('default', sel)).toBe(counts);
  });

  it('keeps the nodes hosting pods with affinity, and their lists, through adds, updates and removals', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('a'));
    c.addNode(makeNode('b'));
    const anti = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: {}, topologyKey: 'kubernetes.io/hostname' }] } };
    const preferred = { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm: { labelSelector: {}, topologyKey: 'zone' } }] } };
    const names = (list: readonly { name: string }[]) => list.map((n) => n.name).sort();
    c.addPod(makePod('plain', { nodeName: 'a' }));
    expect([c.havePodsWithAffinityList(), c.havePodsWithRequiredAntiAffinityList()]).toEqual([[], []]);
    const p1 = makePod('p1', { nodeName: 'a', affinity: anti, labels: { v: '1' } });
    c.addPod(p1);
    c.addPod(makePod('p2', { nodeName: 'b', affinity: preferred }));
    expect([names(c.havePodsWithAffinityList()), names(c.havePodsWithRequiredAntiAffinityList())]).toEqual([['a', 'b'], ['a']]);
    const relabelled = { ...p1, metadata: { ...p1.metadata, labels: { v: '2' } } };
    c.updatePod(relabelled);
    expect(c.get('a')!.podsWithRequiredAntiAffinity.map((pi) => pi.pod)).toEqual([relabelled]);
    c.removePod(relabelled);
    expect([names(c.havePodsWithAffinityList()), c.havePodsWithRequiredAntiAffinityList()]).toEqual([['b'], []]);
    expect(c.get('a')!.podsWithAffinity).toEqual([]);
  });

  it('counts terminating pods and pods of every namespace only where asked', () => {
    const c = new SchedulerCache();
    c.addNode(makeNode('n'));
    const sel = { requirements: [{ key: 'app', op: '=' as const, values: ['web'] }] };
    const i = c.get('n')!.index;
    const gone = makePod('gone', { nodeName: 'n', labels: { app: 'web' } });
    c.addPod({ ...gone, metadata: { ...gone.metadata, deletionTimestamp: '2025-01-01T00:01:00Z' } });
    c.addPod(makePod('other', { nodeName: 'n', labels: { app: 'web' }, namespace: 'ns2' }));
    expect(c.matchingPods('default', sel).onNode(i)).toBe(0);
    expect(c.matchingPods('default', sel, true).onNode(i)).toBe(1);
    expect(c.matchingPods(undefined, sel, true).onNode(i)).toBe(2);
    c.addPod(makePod('more', { nodeName: 'n', labels: { app: 'web' }, namespace: 'ns3' }));
    expect(c.matchingPods(undefined, sel, true).onNode(i)).toBe(3);
    expect(c.matchingPods(undefined, sel).onNode(i)).toBe(2);
  });
});
