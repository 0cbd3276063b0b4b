import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { newFramework } from '../plugins/registry';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import type { AnyPlugin } from './interface';
import { Framework } from './runtime';
import { numFeasibleNodesToFind, ScheduleAlgorithm, selectHost } from './schedulePod';
import { Code, Status } from './status';

describe('numFeasibleNodesToFind', () => {
  it.each([
    { name: 'not set percentageOfNodesToScore and nodes number not more than 50', percentage: 0, nodes: 10, want: 10 },
    { name: 'set percentageOfNodesToScore and nodes number not more than 50', percentage: 40, nodes: 10, want: 10 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50', percentage: 0, nodes: 1000, want: 420 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50', percentage: 40, nodes: 1000, want: 400 },
    { name: 'not set percentageOfNodesToScore and nodes number more than 50*125', percentage: 0, nodes: 6000, want: 300 },
    { name: 'set percentageOfNodesToScore and nodes number more than 50*125', percentage: 40, nodes: 6000, want: 2400 },
    { name: '5000 nodes score 10%', percentage: 0, nodes: 5000, want: 500 },
    { name: 'never fewer than 100', percentage: 1, nodes: 1000, want: 100 },
  ])('$name', ({ percentage, nodes, want }) => {
    expect(numFeasibleNodesToFind(percentage, nodes)).toBe(want);
  });
});

describe('selectHost', () => {
  it('picks the highest total', () => {
    expect(selectHost([10, 30, 20], new Rng(1))).toBe(1);
  });

  it('breaks ties uniformly with the seeded RNG', () => {
    const rng = new Rng('ties');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[selectHost([5, 9, 9, 9], rng)]++;
    expect(counts[0]).toBe(0);
    for (const c of counts.slice(1)) expect(Math.abs(c - 1333)).toBeLessThan(150);
  });

  it('is reproducible for a seed', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const t = [1, 1, 1, 1, 1, 1];
    expect(Array.from({ length: 20 }, () => selectHost(t, a))).toEqual(Array.from({ length: 20 }, () => selectHost(t, b)));
  });
});

describe('ScheduleAlgorithm', () => {
  it('looks at 10% of 5000 nodes and moves the start index past them', () => {
    const nodes = Array.from({ length: 5000 }, (_, i) => makeNode(`n${i}`));
    const cache = newCache(nodes);
    const algo = new ScheduleAlgorithm(newFramework(new Rng(1)), new Rng(2));
    const pod = makePod('p', { cpu: '100m' });
    const r = algo.schedulePod(newState(pod, cache), pod);
    expect(r).toMatchObject({ evaluatedNodes: 500, feasibleNodes: 500 });
    expect(algo.nextStartNodeIndex).toBe(500);
  });

  it('counts rejected nodes as processed when advancing the start index', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => makeNode(`n${i}`, { cpu: i < 50 ? '100m' : '4' }));
    const cache = newCache(nodes);
    const algo = new ScheduleAlgorithm(newFramework(new Rng(1)), new Rng(2));
    const pod = makePod('p', { cpu: '1' });
    // 200 nodes: adaptive 48% → 96, raised to the minimum of 100 feasible nodes.
    const r = algo.schedulePod(newState(pod, cache), pod);
    expect(r).toMatchObject({ evaluatedNodes: 150, feasibleNodes: 100 });
    expect(algo.nextStartNodeIndex).toBe(150);
  });

  it('ends the cycle with the error of the first failing node, whatever plugin raised it', () => {
    const fails = (name: string, node: string): AnyPlugin => ({ name, filter: (_s, _p, n) => (n.name === node ? new Status(Code.Error, `${name} broke on ${node}`) : null) });
    const fwk = new Framework([fails('First', 'n2'), fails('Second', 'n1')], {}, new Rng(1));
    const cache = newCache(Array.from({ length: 4 }, (_, i) => makeNode(`n${i}`)));
    const pod = makePod('p');
    // Node by node, n1 fails in Second before n2 gets to First.
    expect(() => new ScheduleAlgorithm(fwk, new Rng(2)).schedulePod(newState(pod, cache), pod)).toThrow('running "Second" filter plugin: Second broke on n1');
  });

  it('interleaves zones so a partial search still sees them all', () => {
    const nodes = Array.from({ length: 6 }, (_, i) => makeNode(`n${i}`, { labels: { 'topology.kubernetes.io/zone': i < 3 ? 'a' : 'b' } }));
    expect(newCache(nodes).list().map((n) => n.name)).toEqual(['n0', 'n3', 'n1', 'n4', 'n2', 'n5']);
  });
});
