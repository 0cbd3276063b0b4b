import type { Container } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Code } from '../framework/status';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { balancedAllocation } from './balancedAllocation';
import { nodeResourcesFit } from './nodeResourcesFit';
import { balancedResourceScore, leastAllocatedScore } from './resourceAllocation';

const c = (cpu: string, memory: string, extra: Partial<Container> = {}): Container => ({ name: `c${cpu}${memory}`, image: 'x', resources: { requests: { cpu, memory } }, ...extra });

describe('NodeResourcesFit Filter', () => {
  // Upstream's table uses a 10 cpu / 20 memory node; memory is in Mi here.
  const node = () => makeNode('machine1', { cpu: '10', memory: '20Mi', pods: '32' });
  const existing = (cpu: string, memory: string) => makePod('existing', { nodeName: 'machine1', cpu, memory });

  it.each<{ name: string; pod: ReturnType<typeof makePod>; used?: [string, string]; want: string[] }>([
    { name: 'no resources requested always fits', pod: makePod('p'), used: ['10', '20Mi'], want: [] },
    { name: 'too many resources fails', pod: makePod('p', { cpu: '1', memory: '1Mi' }), used: ['10', '20Mi'], want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'equal edge case', pod: makePod('p', { cpu: '5', memory: '19Mi' }), used: ['5', '1Mi'], want: [] },
    { name: 'one resource memory fits', pod: makePod('p', { cpu: '2', memory: '1Mi' }), used: ['9', '5Mi'], want: ['Insufficient cpu'] },
    { name: 'one resource cpu fits', pod: makePod('p', { cpu: '1', memory: '2Mi' }), used: ['5', '19Mi'], want: ['Insufficient memory'] },
    {
      name: 'too many resources fails due to init container cpu',
      pod: makePod('p', { containers: [c('1', '1Mi')], initContainers: [c('3', '1Mi')] }),
      used: ['8', '19Mi'],
      want: ['Insufficient cpu'],
    },
    {
      name: "init container fits because it's the max, not sum, of containers and init containers",
      pod: makePod('p', { containers: [c('1', '1Mi')], initContainers: [c('1', '1Mi'), c('1', '1Mi')] }),
      used: ['9', '19Mi'],
      want: [],
    },
    {
      name: 'restartable init containers (sidecars) add to the containers',
      pod: makePod('p', { containers: [c('1', '1Mi')], initContainers: [c('1', '1Mi', { restartPolicy: 'Always' })] }),
      used: ['9', '10Mi'],
      want: ['Insufficient cpu'],
    },
    {
      name: 'resources + pod overhead fits',
      pod: makePod('p', { cpu: '1', memory: '1Mi', overhead: { cpu: '3', memory: '13Mi' } }),
      used: ['5', '5Mi'],
      want: [],
    },
    {
      name: 'requests + overhead does not fit for memory',
      pod: makePod('p', { cpu: '1', memory: '1Mi', overhead: { cpu: '1', memory: '15Mi' } }),
      used: ['5', '5Mi'],
      want: ['Insufficient memory'],
    },
    {
      name: 'extended resource fits only when allocatable',
      pod: makePod('p', { containers: [{ name: 'g', image: 'x', resources: { requests: { 'example.com/gpu': '1' } } }] }),
      used: ['0', '0'],
      want: ['Insufficient example.com/gpu'],
    },
  ])('$name', ({ pod, used, want }) => {
    const cache = newCache([node()], used ? [existing(used[0], used[1])] : []);
    const s = nodeResourcesFit.filter(newState(pod, cache), pod, cache.get('machine1')!);
    if (want.length === 0) expect(s).toBeNull();
    else {
      expect(s?.code).toBe(Code.Unschedulable);
      expect(s?.reasons).toEqual(want);
    }
  });

  it('reports Too many pods first', () => {
    const cache = newCache([makeNode('n', { pods: '1', cpu: '1' })], [makePod('a', { nodeName: 'n', cpu: '1' })]);
    const pod = makePod('p', { cpu: '1' });
    expect(nodeResourcesFit.filter(newState(pod, cache), pod, cache.get('n')!)?.reasons).toEqual(['Too many pods', 'Insufficient cpu']);
  });
});

describe('NodeResourcesFit Score (LeastAllocated)', () => {
  it.each([
    { name: 'nothing scheduled, nothing requested', cpu: [0, 4000], mem: [0, 10000], want: 100 },
    { name: 'resources requested, pods scheduled with resources', cpu: [3000, 10000], mem: [5000, 20000], want: 72 },
    { name: 'requested resources exceed node capacity', cpu: [6000, 4000], mem: [0, 10000], want: 50 },
    { name: 'zero node resources, pods scheduled with resources', cpu: [0, 0], mem: [0, 0], want: 0 },
  ])('$name', ({ cpu, mem, want }) => {
    expect(leastAllocatedScore(cpu[0], cpu[1], mem[0], mem[1])).toBe(want);
  });

  it('uses the 100m / 200Mi defaults for containers without requests', () => {
    const cache = newCache([makeNode('n', { cpu: '1', memory: '2000Mi' })]);
    const pod = makePod('p');
    // cpu (1000-100)/1000 = 90, memory (2000-200)/2000 = 90.
    expect(nodeResourcesFit.score(newState(pod, cache), pod, cache.get('n')!)).toBe(90);
  });
});

describe('NodeResourcesBalancedAllocation Score', () => {
  it.each([
    { name: 'nothing scheduled, nothing requested', cpu: [0, 4000], mem: [0, 10000], want: 100 },
    { name: 'resources requested, pods scheduled with resources', cpu: [3000, 10000], mem: [5000, 20000], want: 97 },
    { name: 'fraction above one counts as one', cpu: [6000, 4000], mem: [0, 10000], want: 50 },
  ])('$name', ({ cpu, mem, want }) => {
    expect(balancedResourceScore(cpu[0], cpu[1], mem[0], mem[1])).toBe(want);
  });

  it('scores real requests, not the defaults', () => {
    const cache = newCache([makeNode('n', { cpu: '4', memory: '8Gi' })]);
    const pod = makePod('p', { cpu: '2', memory: '1Gi' });
    // cpu 0.5, memory 0.125 → std 0.1875 → 81.
    expect(balancedAllocation.score(newState(pod, cache), pod, cache.get('n')!)).toBe(81);
  });
});
