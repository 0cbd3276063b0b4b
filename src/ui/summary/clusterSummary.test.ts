import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { useClusterStore, type ClusterState, type ObjectMap } from '../state/clusterStore';
import type { KubeObject } from '../../engine/api/object';
import { applyBatch, type Pending } from '../state/watchBatch';
import { ClusterCounter, countCluster } from './clusterSummary';

const node = (name: string, ready: string): Node => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: ready }] } });
const pod = (name: string, phase?: string): Pod => ({ metadata: { name, namespace: 'default' }, status: phase ? { phase } : undefined });

describe('countCluster', () => {
  it('counts Ready nodes and pods by phase', () => {
    const c = countCluster(
      { a: node('a', 'True'), b: node('b', 'Unknown'), c: { metadata: { name: 'c' } } },
      { 'default/p': pod('p', 'Running'), 'default/q': pod('q', 'Pending'), 'default/r': pod('r', 'Succeeded'), 'default/s': pod('s') },
    );
    expect(c).toEqual({ nodes: 3, nodesReady: 1, pods: 4, podsRunning: 1, podsPending: 1 });
  });
});

describe('ClusterCounter', () => {
  const initial = useClusterStore.getInitialState();
  const stateWith = (nodes: ObjectMap<Node>, pods: ObjectMap<Pod>): ClusterState => ({
    ...initial,
    objects: { ...initial.objects, nodes: nodes as ObjectMap, pods: pods as ObjectMap },
  });
  const batch = (s: ClusterState, pods: [string, Pod | null][], nodes: [string, Node | null][] = []): ClusterState => {
    const changes: Pending = new Map();
    changes.set('pods', new Map(pods as [string, KubeObject | null][]));
    if (nodes.length) changes.set('nodes', new Map(nodes as [string, KubeObject | null][]));
    return { ...s, ...applyBatch(s, changes) };
  };

  it('counts per changed key and agrees with a full count after each batch', () => {
    const counter = new ClusterCounter();
    let s = stateWith({ a: node('a', 'True') }, { 'default/p': pod('p', 'Pending'), 'default/q': pod('q', 'Running') });
    expect(counter.sync(s)).toEqual({ nodes: 1, nodesReady: 1, pods: 2, podsRunning: 1, podsPending: 1 });
    s = batch(s, [['default/p', pod('p', 'Running')], ['default/q', null], ['default/r', pod('r', 'Pending')]], [['b', node('b', 'False')]]);
    expect(counter.sync(s)).toEqual({ nodes: 2, nodesReady: 1, pods: 2, podsRunning: 1, podsPending: 1 });
    s = batch(s, [['default/r', pod('r', 'Running')]], [['a', null]]);
    expect(counter.sync(s)).toEqual({ nodes: 1, nodesReady: 0, pods: 2, podsRunning: 2, podsPending: 0 });
    expect(counter.sync(s)).toEqual(countCluster(s.objects.nodes as ObjectMap<Node>, s.objects.pods as ObjectMap<Pod>));
  });

  it('counts afresh when it missed a batch', () => {
    const counter = new ClusterCounter();
    const s0 = stateWith({}, { 'default/p': pod('p', 'Pending') });
    counter.sync(s0);
    const skipped = batch(s0, [['default/q', pod('q', 'Running')]]);
    const s2 = batch(skipped, [['default/p', pod('p', 'Running')]]);
    expect(counter.sync(s2)).toEqual({ nodes: 0, nodesReady: 0, pods: 2, podsRunning: 2, podsPending: 0 });
  });

  it('keeps the same counts object when a batch changes no count', () => {
    const counter = new ClusterCounter();
    const s0 = stateWith({}, { 'default/p': pod('p', 'Running') });
    const first = counter.sync(s0);
    expect(counter.sync(batch(s0, [['default/p', pod('p', 'Running')]]))).toBe(first);
  });
});
