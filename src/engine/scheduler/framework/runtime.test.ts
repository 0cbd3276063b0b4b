import type { ReplicaSet } from 'kubernetes-types/apps/v1';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { noListers } from '../cache/cache';
import { newFramework } from '../plugins/registry';
import { controlPlaneTaint, makeNode, makePod, newCache, newState } from '../testing/wrappers';
import type { AnyPlugin } from './interface';
import { Framework } from './runtime';
import { Code, Status } from './status';

const narrowing = (name: string, nodes: string[]): AnyPlugin => ({ name, preFilter: () => ({ nodeNames: new Set(nodes) }) });

describe('Framework.runPreFilterPlugins', () => {
  it.each([
    { name: 'one plugin narrowing to nothing', plugins: [narrowing('A', [])], want: "node(s) didn't satisfy plugin A" },
    {
      name: 'two plugins whose node sets do not intersect',
      plugins: [narrowing('FakePreFilter3', ['node1']), narrowing('FakePreFilter2', ['node2'])],
      want: "node(s) didn't satisfy plugin(s) [FakePreFilter2 FakePreFilter3] simultaneously",
    },
  ])('$name', ({ plugins, want }) => {
    const fwk = new Framework(plugins, {}, new Rng(1));
    const pod = makePod('p');
    const out = fwk.runPreFilterPlugins(newState(pod, newCache([])), pod);
    expect(out.status?.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(out.status?.message()).toBe(want);
  });

  it('runs every PreFilter after an Unschedulable one, for preemption', () => {
    const ran: string[] = [];
    const fwk = new Framework(
      [
        { name: 'A', preFilter: () => (ran.push('A'), new Status(Code.Unschedulable, 'not yet')) },
        { name: 'B', preFilter: () => (ran.push('B'), null) },
      ],
      {},
      new Rng(1),
    );
    const pod = makePod('p');
    const out = fwk.runPreFilterPlugins(newState(pod, newCache([])), pod);
    expect(ran).toEqual(['A', 'B']);
    expect(out.status?.plugin).toBe('A');
  });
});

describe('Framework filters and scores', () => {
  it('wraps a Filter error with the plugin name', () => {
    const fwk = new Framework([{ name: 'Broken', filter: () => new Status(Code.Error, 'boom') }], {}, new Rng(1));
    const pod = makePod('p');
    const cache = newCache([makeNode('n')]);
    const s = fwk.runFilterPlugins(newState(pod, cache), pod, cache.get('n')!, fwk.filterPlugins);
    expect([s?.code, s?.message(), s?.plugin]).toEqual([Code.Error, 'running "Broken" filter plugin: boom', 'Broken']);
  });

  it('rejects scores outside [0, 100] after normalizing', () => {
    const fwk = new Framework([{ name: 'TooHigh', score: () => 101 }], {}, new Rng(1));
    const pod = makePod('p');
    const cache = newCache([makeNode('n')]);
    const r = fwk.runScorePlugins(newState(pod, cache), pod, [cache.get('n')!]);
    expect((r as Status).message()).toBe('plugin "TooHigh" returns an invalid score 101, it should in the range of [0, 100] after normalizing');
  });

  it('filters the same node by node as in batch (filterNodes agrees with filter)', () => {
    const nodes = Array.from({ length: 12 }, (_, i) =>
      makeNode(`n${i}`, {
        cpu: i % 5 === 0 ? '100m' : '4',
        pods: i === 7 ? '0' : '110',
        unschedulable: i % 4 === 1,
        taints: i % 3 === 0 ? [controlPlaneTaint] : i === 2 ? [{ key: 'soft', effect: 'PreferNoSchedule' }] : undefined,
      }),
    );
    const cache = newCache(nodes);
    const slots = cache.listSlots();
    const fwk = newFramework(new Rng(1));
    for (const pod of [
      makePod('plain', { cpu: '500m' }),
      makePod('tolerant', { cpu: '500m', tolerations: [{ operator: 'Exists' }] }),
      makePod('extended', { cpu: '500m', containers: [{ name: 'c', resources: { requests: { 'example.com/gpu': '1' } } }] }),
    ]) {
      const state = newState(pod, cache);
      for (const plugin of fwk.filterPlugins) {
        if (!plugin.filterNodes) continue;
        const out: (Status | null)[] = [];
        const rejected = plugin.filterNodes(state, pod, slots, slots.length, out);
        const want = cache.list().map((n) => plugin.filter(state, pod, n));
        expect(out.map((s) => s?.message() ?? null), `${plugin.name} ${pod.metadata!.name}`).toEqual(want.map((s) => s?.message() ?? null));
        expect(rejected).toBe(want.filter((s) => s !== null).length);
      }
    }
  });

  it('scores the same node by node as in batch (scoreNodes agrees with score)', () => {
    const rs: ReplicaSet = { metadata: { name: 'rs', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, template: {} } };
    const nodes = Array.from({ length: 12 }, (_, i) =>
      makeNode(`n${i}`, {
        cpu: `${2 + (i % 3)}`,
        memory: `${4 + i}Gi`,
        labels: i % 5 === 4 ? {} : { 'topology.kubernetes.io/zone': `z${i % 3}` },
        taints: i % 4 === 0 ? [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }] : i === 1 ? [controlPlaneTaint] : undefined,
      }),
    );
    const pods = Array.from({ length: 20 }, (_, i) =>
      makePod(`w${i}`, { nodeName: `n${(i * 7) % 12}`, cpu: `${100 * (i % 4)}m`, labels: { app: 'web' }, ownerReplicaSet: 'rs' }),
    );
    const cache = newCache(nodes, pods, { ...noListers, replicaSet: () => rs });
    const pod = makePod('new', { cpu: '250m', memory: '256Mi', labels: { app: 'web' }, ownerReplicaSet: 'rs' });
    const fwk = newFramework(new Rng(1));
    const state = newState(pod, cache);
    const infos = cache.list().filter((n) => n.name !== 'n1');
    expect(fwk.runPreScorePlugins(state, pod, infos)).toBeNull();
    for (const { plugin } of fwk.scorePlugins) {
      if (!plugin.scoreNodes || state.skipScorePlugins.has(plugin.name)) continue;
      const batch = new Float64Array(infos.length);
      plugin.scoreNodes(state, pod, infos, Int32Array.from(infos, (n) => n.index), batch);
      expect([...batch], plugin.name).toEqual(infos.map((n) => plugin.score(state, pod, n)));
    }
    expect(state.skipScorePlugins.has('PodTopologySpread')).toBe(false);
  });
});
