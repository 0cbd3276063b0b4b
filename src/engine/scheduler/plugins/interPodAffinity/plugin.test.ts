import type { Affinity, Namespace, Node, Pod, PodAffinityTerm, WeightedPodAffinityTerm } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { SchedulerCache } from '../../cache/cache';
import { CycleState } from '../../framework/cycleState';
import { newPodInfo } from '../../framework/podInfo';
import { Code, Status } from '../../framework/status';
import { makeNode, makePod, runCycle } from '../../testing/wrappers';
import { Rng } from '../../../sim/rng';
import { newFramework } from '../registry';
import { ErrReasonAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, ErrReasonExistingAntiAffinityRulesNotMatch } from './filtering';
import { interPodAffinity } from './plugin';

// Tables after pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go and scoring_test.go (v1.32).

const hostname = 'kubernetes.io/hostname';
const zone = 'zone';
const nodes = [
  makeNode('n1', { labels: { zone: 'z1' } }),
  makeNode('n2', { labels: { zone: 'z1' } }),
  makeNode('n3', { labels: { zone: 'z2' } }),
  makeNode('n4', { labels: {} }),
];
const namespaces: Namespace[] = [
  { metadata: { name: 'default', labels: { team: 'a' } } },
  { metadata: { name: 'ns1', labels: { team: 'a' } } },
  { metadata: { name: 'ns2', labels: { team: 'b' } } },
];

const term = (labels: Record<string, string>, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm => ({
  labelSelector: { matchLabels: labels },
  topologyKey,
  ...extra,
});
const weighted = (weight: number, t: PodAffinityTerm): WeightedPodAffinityTerm => ({ weight, podAffinityTerm: t });
const affinity = (required: PodAffinityTerm[] = [], anti: PodAffinityTerm[] = []): Affinity => ({
  ...(required.length ? { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: required } } : {}),
  ...(anti.length ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: anti } } : {}),
});
const on = (name: string, node: string, labels: Record<string, string>, extra: Parameters<typeof makePod>[1] = {}) => makePod(name, { nodeName: node, labels, ...extra });

function newCache(pods: readonly Pod[] = [], nodeList: readonly Node[] = nodes): SchedulerCache {
  const cache = new SchedulerCache(undefined, undefined, {
    get: (name) => namespaces.find((ns) => ns.metadata?.name === name),
    list: () => namespaces,
  });
  for (const n of nodeList) cache.addNode(n);
  for (const p of pods) cache.addPod(p);
  return cache;
}

/** filterAll runs PreFilter and Filter and returns each node's reason (null: fits), or 'Skip'. */
function filterAll(pod: Pod, existing: readonly Pod[]): Record<string, string | null> | 'Skip' {
  const cache = newCache(existing);
  const state = new CycleState(newPodInfo(pod), cache);
  const pre = interPodAffinity.preFilter(state, pod);
  if (pre instanceof Status && pre.isSkip()) return 'Skip';
  const got: Record<string, string | null> = {};
  for (const ni of cache.list()) got[ni.name] = interPodAffinity.filter(state, pod, ni)?.message() ?? null;
  return got;
}

describe('InterPodAffinity Filter', () => {
  it.each<{ name: string; pod: Pod; existing: Pod[]; want: Record<string, string | null> | 'Skip' }>([
    {
      name: 'a pod without affinity in a cluster without anti-affinity is skipped',
      pod: makePod('p'),
      existing: [on('e1', 'n1', { app: 'db' })],
      want: 'Skip',
    },
    {
      name: 'required affinity on hostname: only the node with a matching pod',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname)]) }),
      existing: [on('cache', 'n2', { app: 'cache' }), on('other', 'n3', { app: 'web' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: null, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'required affinity on zone: every node of the zone; a node without the zone label never',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, zone)]) }),
      existing: [on('cache', 'n2', { app: 'cache' })],
      want: { n1: null, n2: null, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'the first pod of a self-affine group may go anywhere the topology label is',
      pod: makePod('p', { labels: { app: 'web' }, affinity: affinity([term({ app: 'web' }, zone)]) }),
      existing: [on('other', 'n1', { app: 'db' })],
      want: { n1: null, n2: null, n3: null, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'once a pod of the self-affine group exists, its domain only',
      pod: makePod('p', { labels: { app: 'web' }, affinity: affinity([term({ app: 'web' }, zone)]) }),
      existing: [on('web-1', 'n3', { app: 'web' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: ErrReasonAffinityRulesNotMatch, n3: null, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'a pod not matching its own affinity gets no first-pod exception',
      pod: makePod('p', { labels: { app: 'x' }, affinity: affinity([term({ app: 'web' }, zone)]) }),
      existing: [],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: ErrReasonAffinityRulesNotMatch, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'several affinity terms need one pod matching all of them',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname), term({ tier: 'fast' }, hostname)]) }),
      existing: [on('a', 'n1', { app: 'cache' }), on('b', 'n1', { tier: 'fast' }), on('c', 'n3', { app: 'cache', tier: 'fast' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: ErrReasonAffinityRulesNotMatch, n3: null, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'terms default to the pod namespace: pods elsewhere do not count',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname)]) }),
      existing: [on('cache', 'n2', { app: 'cache' }, { namespace: 'ns2' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: ErrReasonAffinityRulesNotMatch, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'listed namespaces',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname, { namespaces: ['ns2'] })]) }),
      existing: [on('cache', 'n2', { app: 'cache' }, { namespace: 'ns2' }), on('cache', 'n3', { app: 'cache' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: null, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'an empty namespaceSelector selects every namespace',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname, { namespaceSelector: {} })]) }),
      existing: [on('cache', 'n2', { app: 'cache' }, { namespace: 'ns2' }), on('cache', 'n3', { app: 'cache', tier: 'x' }, { namespace: 'ns1' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: null, n3: null, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'a namespaceSelector is resolved against the Namespaces labels',
      pod: makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname, { namespaceSelector: { matchLabels: { team: 'b' } } })]) }),
      existing: [on('cache', 'n2', { app: 'cache' }, { namespace: 'ns2' }), on('cache', 'n3', { app: 'cache' }, { namespace: 'ns1' })],
      want: { n1: ErrReasonAffinityRulesNotMatch, n2: null, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
    {
      name: 'required anti-affinity on hostname keeps off the nodes with a matching pod',
      pod: makePod('p', { labels: { app: 'web' }, affinity: affinity([], [term({ app: 'web' }, hostname)]) }),
      existing: [on('web-1', 'n1', { app: 'web' }), on('db', 'n2', { app: 'db' })],
      want: { n1: ErrReasonAntiAffinityRulesNotMatch, n2: null, n3: null, n4: null },
    },
    {
      name: 'required anti-affinity on zone keeps off the zone; a node without the label is free',
      pod: makePod('p', { affinity: affinity([], [term({ app: 'db' }, zone)]) }),
      existing: [on('db', 'n2', { app: 'db' })],
      want: { n1: ErrReasonAntiAffinityRulesNotMatch, n2: ErrReasonAntiAffinityRulesNotMatch, n3: null, n4: null },
    },
    {
      name: 'terminating pods count',
      pod: makePod('p', { affinity: affinity([], [term({ app: 'db' }, hostname)]) }),
      existing: [{ ...on('db', 'n2', { app: 'db' }), metadata: { ...on('db', 'n2', { app: 'db' }).metadata, deletionTimestamp: '2025-01-01T00:01:00Z' } }],
      want: { n1: null, n2: ErrReasonAntiAffinityRulesNotMatch, n3: null, n4: null },
    },
    {
      name: "an existing pod's anti-affinity keeps the pod out of its zone",
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [on('db', 'n3', { app: 'db' }, { affinity: affinity([], [term({ app: 'web' }, zone)]) })],
      want: { n1: null, n2: null, n3: ErrReasonExistingAntiAffinityRulesNotMatch, n4: null },
    },
    {
      name: "an existing pod's anti-affinity with a namespaceSelector matches by the pod's namespace labels",
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [
        on('db', 'n1', { app: 'db' }, { namespace: 'ns2', affinity: affinity([], [term({ app: 'web' }, hostname, { namespaceSelector: { matchLabels: { team: 'a' } } })]) }),
        on('db2', 'n2', { app: 'db' }, { namespace: 'ns2', affinity: affinity([], [term({ app: 'web' }, hostname, { namespaceSelector: { matchLabels: { team: 'b' } } })]) }),
      ],
      want: { n1: ErrReasonExistingAntiAffinityRulesNotMatch, n2: null, n3: null, n4: null },
    },
    {
      name: 'affinity is checked first, then anti-affinity, then the existing pods',
      pod: makePod('p', { labels: { app: 'web' }, affinity: affinity([term({ app: 'cache' }, zone)], [term({ app: 'web' }, hostname)]) }),
      existing: [
        on('cache', 'n1', { app: 'cache' }),
        on('web-1', 'n1', { app: 'web' }),
        on('db', 'n2', { app: 'db' }, { affinity: affinity([], [term({ app: 'web' }, hostname)]) }),
      ],
      want: { n1: ErrReasonAntiAffinityRulesNotMatch, n2: ErrReasonExistingAntiAffinityRulesNotMatch, n3: ErrReasonAffinityRulesNotMatch, n4: ErrReasonAffinityRulesNotMatch },
    },
  ])('$name', ({ pod, existing, want }) => {
    expect(filterAll(pod, existing)).toEqual(want);
  });

  it('returns UnschedulableAndUnresolvable for affinity and Unschedulable for anti-affinity', () => {
    const cache = newCache([on('web-1', 'n1', { app: 'web' }), on('db', 'n2', { app: 'db' }, { affinity: affinity([], [term({ app: 'web' }, hostname)]) })]);
    const codeOn = (pod: Pod, node: string) => {
      const state = new CycleState(newPodInfo(pod), cache);
      interPodAffinity.preFilter(state, pod);
      return interPodAffinity.filter(state, pod, cache.get(node)!)?.code;
    };
    expect(codeOn(makePod('p', { affinity: affinity([term({ app: 'cache' }, hostname)]) }), 'n1')).toBe(Code.UnschedulableAndUnresolvable);
    expect(codeOn(makePod('p', { labels: { app: 'web' }, affinity: affinity([], [term({ app: 'web' }, hostname)]) }), 'n1')).toBe(Code.Unschedulable);
    expect(codeOn(makePod('p', { labels: { app: 'web' } }), 'n2')).toBe(Code.Unschedulable);
  });

  it('follows pods added and removed through the PreFilter extensions, on a cloned state only', () => {
    const pod = makePod('p', { affinity: affinity([], [term({ app: 'db' }, hostname)]) });
    const db = on('db', 'n1', { app: 'db' });
    const cache = newCache([db]);
    const state = new CycleState(newPodInfo(pod), cache);
    interPodAffinity.preFilter(state, pod);
    const n1 = cache.get('n1')!.clone();
    const what = state.clone();
    interPodAffinity.removePod(what, pod, newPodInfo(db), n1);
    expect(interPodAffinity.filter(what, pod, n1)).toBeNull();
    expect(interPodAffinity.filter(state, pod, n1)?.message()).toBe(ErrReasonAntiAffinityRulesNotMatch);
    const n2 = cache.get('n2')!;
    interPodAffinity.addPod(what, pod, newPodInfo(on('db-2', 'n2', { app: 'db' })), n2);
    expect(interPodAffinity.filter(what, pod, n2)?.message()).toBe(ErrReasonAntiAffinityRulesNotMatch);
    expect(interPodAffinity.filter(state, pod, n2)).toBeNull();
  });
});

describe('InterPodAffinity with nominated pods', () => {
  it('counts a pod nominated to the node, leaving the cycle state as it was', () => {
    const cache = newCache([on('db', 'n1', { app: 'db' })]);
    const fwk = newFramework(new Rng(1));
    const nominee = newPodInfo(makePod('db-2', { labels: { app: 'db' }, priority: 10 }));
    fwk.nominator = { size: 1, nominatedPodsForNode: (name) => (name === 'n2' ? [nominee] : []) };
    const pod = makePod('p', { affinity: affinity([], [term({ app: 'db' }, hostname)]) });
    const state = new CycleState(newPodInfo(pod), cache);
    fwk.runPreFilterPlugins(state, pod);
    const verdict = (node: string) => fwk.runFilterPluginsWithNominatedPods(state, pod, cache.get(node)!)?.message() ?? null;
    expect([verdict('n1'), verdict('n2'), verdict('n3')]).toEqual([ErrReasonAntiAffinityRulesNotMatch, ErrReasonAntiAffinityRulesNotMatch, null]);
    expect(interPodAffinity.filter(state, pod, cache.get('n2')!)).toBeNull();
  });
});

describe('InterPodAffinity with preemption', () => {
  it('evicts a lower-priority pod that the anti-affinity rejects', () => {
    const cache = newCache([on('db', 'n1', { app: 'db' }, { priority: 0 })], [nodes[0]]);
    const pod = makePod('p', { priority: 100, affinity: affinity([], [term({ app: 'db' }, hostname)]) });
    expect(runCycle(cache, pod)).toMatchObject({ nominatedNodeName: 'n1', victims: ['db'] });
  });

  it('does not preempt for pod affinity: the rejection is unresolvable', () => {
    const cache = newCache([on('db', 'n1', { app: 'db' }, { priority: 0 })], [nodes[0]]);
    const pod = makePod('p', { priority: 100, affinity: affinity([term({ app: 'cache' }, hostname)]) });
    expect(runCycle(cache, pod).message).toBe(
      `0/1 nodes are available: 1 ${ErrReasonAffinityRulesNotMatch}. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.`,
    );
  });
});

/** scoreAll runs PreScore, Score and NormalizeScore over every node; 'Skip' when PreScore skips. */
function scoreAll(pod: Pod, existing: readonly Pod[]): Record<string, number> | 'Skip' {
  const cache = newCache(existing);
  const state = new CycleState(newPodInfo(pod), cache);
  const all = cache.list();
  const pre = interPodAffinity.preScore(state, pod, all);
  if (pre instanceof Status && pre.isSkip()) return 'Skip';
  const scores = all.map((ni) => interPodAffinity.score(state, pod, ni));
  interPodAffinity.normalizeScore(state, pod, scores);
  return Object.fromEntries(all.map((ni, i) => [ni.name, scores[i]]));
}

const preferred = (aff: WeightedPodAffinityTerm[] = [], anti: WeightedPodAffinityTerm[] = []): Affinity => ({
  ...(aff.length ? { podAffinity: { preferredDuringSchedulingIgnoredDuringExecution: aff } } : {}),
  ...(anti.length ? { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: anti } } : {}),
});

describe('InterPodAffinity Score', () => {
  it.each<{ name: string; pod: Pod; existing: Pod[]; want: Record<string, number> | 'Skip' }>([
    {
      name: 'nothing applies: skipped',
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [on('db', 'n1', { app: 'db' })],
      want: 'Skip',
    },
    {
      name: 'preferred terms matching no pod: skipped',
      pod: makePod('p', { affinity: preferred([weighted(5, term({ app: 'cache' }, zone))]) }),
      existing: [on('db', 'n1', { app: 'db' })],
      want: 'Skip',
    },
    {
      name: 'preferred affinity: the zone with the matching pod scores 100',
      pod: makePod('p', { affinity: preferred([weighted(5, term({ app: 'cache' }, zone))]) }),
      existing: [on('cache', 'n3', { app: 'cache' })],
      want: { n1: 0, n2: 0, n3: 100, n4: 0 },
    },
    {
      name: 'preferred affinity weighs every matching pod in the domain',
      pod: makePod('p', { affinity: preferred([weighted(2, term({ app: 'cache' }, hostname))]) }),
      existing: [on('c1', 'n1', { app: 'cache' }), on('c2', 'n2', { app: 'cache' }), on('c3', 'n2', { app: 'cache' }), on('c4', 'n2', { app: 'cache' })],
      want: { n1: 33, n2: 100, n3: 0, n4: 0 },
    },
    {
      name: 'preferred anti-affinity: the nodes with matching pods score lowest',
      pod: makePod('p', { labels: { app: 'web' }, affinity: preferred([], [weighted(10, term({ app: 'web' }, hostname))]) }),
      existing: [on('w1', 'n1', { app: 'web' }), on('w2', 'n1', { app: 'web' }), on('w3', 'n2', { app: 'web' })],
      want: { n1: 0, n2: 50, n3: 100, n4: 100 },
    },
    {
      name: 'affinity and anti-affinity add up',
      pod: makePod('p', { affinity: preferred([weighted(8, term({ app: 'cache' }, zone))], [weighted(4, term({ app: 'db' }, hostname))]) }),
      existing: [on('cache', 'n1', { app: 'cache' }), on('db', 'n2', { app: 'db' })],
      want: { n1: 100, n2: 50, n3: 0, n4: 0 },
    },
    {
      name: "an existing pod's required affinity matching the pod counts with the hard weight",
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [on('proxy', 'n3', { app: 'proxy' }, { affinity: affinity([term({ app: 'web' }, hostname)]) })],
      want: { n1: 0, n2: 0, n3: 100, n4: 0 },
    },
    {
      name: "an existing pod's preferred anti-affinity matching the pod pushes it away",
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [on('db', 'n1', { app: 'db' }, { affinity: preferred([], [weighted(3, term({ app: 'web' }, zone))]) })],
      want: { n1: 0, n2: 0, n3: 100, n4: 100 },
    },
    {
      name: "an existing pod's preferred affinity in another namespace needs a namespace that matches",
      pod: makePod('p', { labels: { app: 'web' } }),
      existing: [on('db', 'n1', { app: 'db' }, { namespace: 'ns2', affinity: preferred([weighted(3, term({ app: 'web' }, hostname))]) })],
      want: 'Skip',
    },
  ])('$name', ({ pod, existing, want }) => {
    expect(scoreAll(pod, existing)).toEqual(want);
  });
});

describe('InterPodAffinity queueing hints', () => {
  const [podHint, nodeHint] = interPodAffinity.eventsToRegister().map((e) => e.hint!);
  const withAffinity = makePod('p', { labels: { app: 'web' }, affinity: affinity([term({ app: 'cache' }, zone)], [term({ app: 'web' }, hostname)]) });

  it.each<{ name: string; oldObj: Pod | null; newObj: Pod | null; want: boolean }>([
    { name: 'an added pod matching the affinity', oldObj: null, newObj: on('c', 'n1', { app: 'cache' }), want: true },
    { name: 'an added pod not matching the affinity', oldObj: null, newObj: on('c', 'n1', { app: 'db' }), want: false },
    { name: 'a pod updated to match the affinity', oldObj: on('c', 'n1', { app: 'db' }), newObj: on('c', 'n1', { app: 'cache' }), want: true },
    { name: 'a pod updated to stop matching the anti-affinity', oldObj: on('w', 'n1', { app: 'web' }), newObj: on('w', 'n1', { app: 'x' }), want: true },
    { name: 'a pod updated in no relevant way', oldObj: on('w', 'n1', { app: 'x' }), newObj: on('w', 'n1', { app: 'y' }), want: false },
    { name: 'a deleted pod matching the anti-affinity', oldObj: on('w', 'n1', { app: 'web' }), newObj: null, want: true },
    { name: 'a deleted pod matching nothing', oldObj: on('w', 'n1', { app: 'db' }), newObj: null, want: false },
    {
      name: 'a deleted pod whose anti-affinity selected the pod',
      oldObj: on('d', 'n1', { app: 'db' }, { affinity: affinity([], [term({ app: 'web' }, hostname)]) }),
      newObj: null,
      want: true,
    },
  ])('pod change: $name → $want', ({ oldObj, newObj, want }) => {
    expect(podHint(withAffinity, oldObj, newObj)).toBe(want);
  });

  it('requeues for nodes carrying a topology key of the terms', () => {
    expect(nodeHint(withAffinity, null, makeNode('n9', { labels: { zone: 'z9' } }))).toBe(true);
    expect(nodeHint(makePod('q', { affinity: affinity([term({ app: 'cache' }, zone)]) }), null, makeNode('n9'))).toBe(false);
    expect(nodeHint(makePod('q'), null, makeNode('n9'))).toBe(false);
  });
});
