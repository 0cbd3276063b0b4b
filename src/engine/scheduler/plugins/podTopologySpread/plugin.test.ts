import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import type { TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { noListers } from '../../cache/cache';
import type { WorkloadListers } from '../../framework/interface';
import { Code, Status } from '../../framework/status';
import { makeNode, makePod, newCache, newState } from '../../testing/wrappers';
import { ErrReasonConstraintsNotMatch, ErrReasonNodeLabelNotMatch } from './common';
import { podTopologySpread } from './plugin';

const foo = { matchLabels: { foo: '' } };
const spread = (maxSkew: number, topologyKey: string, extra: Partial<TopologySpreadConstraint> = {}): TopologySpreadConstraint => ({
  maxSkew,
  topologyKey,
  whenUnsatisfiable: 'DoNotSchedule',
  labelSelector: foo,
  ...extra,
});

// Two zones with two nodes each, as upstream's filtering tests lay them out.
const nodes = [
  makeNode('node-a', { labels: { zone: 'zone1', node: 'node-a' } }),
  makeNode('node-b', { labels: { zone: 'zone1', node: 'node-b' } }),
  makeNode('node-x', { labels: { zone: 'zone2', node: 'node-x' } }),
  makeNode('node-y', { labels: { zone: 'zone2', node: 'node-y' } }),
];
const on = (name: string, node: string, labels: Record<string, string> = { foo: '' }) => makePod(name, { nodeName: node, labels });

describe('PodTopologySpread Filter', () => {
  it.each<{ name: string; constraints: TopologySpreadConstraint[]; existing: ReturnType<typeof makePod>[]; want: Record<string, string | null> }>([
    {
      name: 'no existing pods',
      constraints: [spread(1, 'zone')],
      existing: [],
      want: { 'node-a': null, 'node-b': null, 'node-x': null, 'node-y': null },
    },
    {
      name: 'normal case with one spreadConstraint',
      constraints: [spread(1, 'zone')],
      existing: [on('p-a1', 'node-a'), on('p-a2', 'node-a'), on('p-b1', 'node-b'), on('p-y1', 'node-y'), on('p-y2', 'node-y')],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': null, 'node-y': null },
    },
    {
      name: 'pods not matching the selector do not count',
      constraints: [spread(1, 'zone')],
      existing: [on('p-a1', 'node-a', { bar: '' }), on('p-a2', 'node-a', { bar: '' })],
      want: { 'node-a': null, 'node-b': null, 'node-x': null, 'node-y': null },
    },
    {
      name: 'normal case with one spreadConstraint on hostname',
      constraints: [spread(1, 'node')],
      existing: [on('p-a1', 'node-a'), on('p-b1', 'node-b'), on('p-x1', 'node-x')],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': ErrReasonConstraintsNotMatch, 'node-y': null },
    },
    {
      name: 'minDomains above the number of domains makes the global minimum 0',
      constraints: [spread(1, 'zone', { minDomains: 3 })],
      existing: [on('p-a1', 'node-a'), on('p-x1', 'node-x')],
      want: { 'node-a': ErrReasonConstraintsNotMatch, 'node-b': ErrReasonConstraintsNotMatch, 'node-x': ErrReasonConstraintsNotMatch, 'node-y': ErrReasonConstraintsNotMatch },
    },
    {
      name: 'node without the topology label is unresolvable',
      constraints: [spread(1, 'rack')],
      existing: [],
      want: { 'node-a': ErrReasonNodeLabelNotMatch, 'node-b': ErrReasonNodeLabelNotMatch, 'node-x': ErrReasonNodeLabelNotMatch, 'node-y': ErrReasonNodeLabelNotMatch },
    },
  ])('$name', ({ constraints, existing, want }) => {
    const pod = makePod('p', { labels: { foo: '' }, topologySpreadConstraints: constraints });
    const cache = newCache(nodes, existing);
    const state = newState(pod, cache);
    expect(podTopologySpread.preFilter(state, pod)).toBeNull();
    const got: Record<string, string | null> = {};
    for (const n of nodes) got[n.metadata!.name!] = podTopologySpread.filter(state, pod, cache.get(n.metadata!.name!)!)?.message() ?? null;
    expect(got).toEqual(want);
    if (want['node-a'] === ErrReasonNodeLabelNotMatch) {
      expect(podTopologySpread.filter(state, pod, cache.get('node-a')!)?.code).toBe(Code.UnschedulableAndUnresolvable);
    }
  });

  it('skips Filter without DoNotSchedule constraints', () => {
    const pod = makePod('p', { topologySpreadConstraints: [spread(1, 'zone', { whenUnsatisfiable: 'ScheduleAnyway' })] });
    const r = podTopologySpread.preFilter(newState(pod, newCache(nodes)), pod);
    expect(r instanceof Status && r.isSkip()).toBe(true);
  });

  it('counts assumed pods at once and stops counting removed ones', () => {
    const cache = newCache(nodes, [on('p-a1', 'node-a')]);
    const pod = makePod('p', { labels: { foo: '' }, topologySpreadConstraints: [spread(1, 'node')] });
    let state = newState(pod, cache);
    podTopologySpread.preFilter(state, pod);
    expect(podTopologySpread.filter(state, pod, cache.get('node-a')!)).not.toBeNull();
    cache.removePod(on('p-a1', 'node-a'));
    state = newState(pod, cache);
    podTopologySpread.preFilter(state, pod);
    expect(podTopologySpread.filter(state, pod, cache.get('node-a')!)).toBeNull();
  });
});

describe('PodTopologySpread Score with the system default constraints', () => {
  const rs: ReplicaSet = { metadata: { name: 'web-abc', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };
  const listers: WorkloadListers = { ...noListers, replicaSet: (ns, name) => (ns === 'default' && name === 'web-abc' ? rs : undefined) };
  const zoned = [
    makeNode('a', { labels: { 'topology.kubernetes.io/zone': 'zone1' } }),
    makeNode('b', { labels: { 'topology.kubernetes.io/zone': 'zone1' } }),
    makeNode('c', { labels: { 'topology.kubernetes.io/zone': 'zone2' } }),
  ];
  const web = (name: string, node?: string) => makePod(name, { nodeName: node, labels: { app: 'web' }, ownerReplicaSet: 'web-abc' });

  it('prefers nodes and zones with fewer pods of the same ReplicaSet', () => {
    const cache = newCache(zoned, [web('w1', 'a'), web('w2', 'a')], listers);
    const pod = web('w3');
    const state = newState(pod, cache);
    const infos = ['a', 'b', 'c'].map((n) => cache.get(n)!);
    expect(podTopologySpread.preScore(state, pod, infos)).toBeNull();
    const scores = infos.map((ni) => podTopologySpread.score(state, pod, ni));
    // a: 2·ln5 + 2 + 2·ln4 + 4 ≈ 12; b: 2 + 2·ln4 + 4 ≈ 9; c: 2 + 4 = 6.
    expect(scores).toEqual([12, 9, 6]);
    podTopologySpread.normalizeScore(state, pod, scores, infos);
    expect(scores).toEqual([50, 75, 100]);
  });

  it('skips pods that no workload or service selects', () => {
    const cache = newCache(zoned, [], listers);
    const pod = makePod('lonely', { labels: { app: 'web' } });
    const r = podTopologySpread.preScore(newState(pod, cache), pod, ['a', 'b', 'c'].map((n) => cache.get(n)!));
    expect(r?.isSkip()).toBe(true);
  });

  it('agrees with a node-by-node count when node affinity excludes nodes', () => {
    const cache = newCache(zoned, [web('w1', 'a'), web('w2', 'c')], listers);
    const pod = { ...web('w3'), spec: { ...web('w3').spec!, nodeSelector: { 'topology.kubernetes.io/zone': 'zone1' } } };
    const state = newState(pod, cache);
    const infos = ['a', 'b'].map((n) => cache.get(n)!);
    expect(podTopologySpread.preScore(state, pod, infos)).toBeNull();
    // Node c is outside the pod's node selector, so its pod is not counted for zone2 (not a candidate anyway).
    expect(infos.map((ni) => podTopologySpread.score(state, pod, ni))).toEqual([Math.round(Math.log(4) + 2 + Math.log(3) + 4), Math.round(2 + Math.log(3) + 4)]);
  });
});
