import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { NodeToStatus } from '../framework/fitError';
import { calculateNumCandidates, pickOneNodeForPreemption } from '../framework/preemption';
import { Code, Status } from '../framework/status';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { ErrNotEligibleTerminating, podEligibleToPreemptOthers, selectVictimsOnNode } from './defaultPreemption';
import { newFramework } from './registry';

const victim = (name: string, priority: number, start = '2025-01-01T00:00:00Z'): Pod =>
  makePod(name, { priority, creationTimestamp: start });

describe('pickOneNodeForPreemption', () => {
  it.each<{ name: string; candidates: { name: string; victims: Pod[] }[]; want: string }>([
    {
      name: 'a node with the lowest highest-priority victim wins',
      candidates: [
        { name: 'n1', victims: [victim('a', 100)] },
        { name: 'n2', victims: [victim('b', 50), victim('c', 10)] },
      ],
      want: 'n2',
    },
    {
      name: 'then the smallest sum of priorities',
      candidates: [
        { name: 'n1', victims: [victim('a', 100), victim('b', 90)] },
        { name: 'n2', victims: [victim('c', 100), victim('d', 10)] },
      ],
      want: 'n2',
    },
    {
      name: 'negative priorities do not reward more victims',
      candidates: [
        { name: 'n1', victims: [victim('a', -10), victim('b', -10)] },
        { name: 'n2', victims: [victim('c', -10)] },
      ],
      want: 'n2',
    },
    {
      name: 'then the latest start time of the highest-priority victims',
      candidates: [
        { name: 'n1', victims: [victim('a', 10, '2025-01-01T00:00:00Z')] },
        { name: 'n2', victims: [victim('b', 10, '2025-01-01T01:00:00Z')] },
      ],
      want: 'n2',
    },
    {
      name: 'finally the first candidate',
      candidates: [
        { name: 'n1', victims: [victim('a', 10)] },
        { name: 'n2', victims: [victim('b', 10)] },
      ],
      want: 'n1',
    },
  ])('$name', ({ candidates, want }) => {
    expect(pickOneNodeForPreemption(candidates)?.name).toBe(want);
  });
});

describe('calculateNumCandidates', () => {
  it.each([
    [50, 50],
    [500, 100],
    [5000, 500],
  ])('%i potential nodes → %i candidates', (n, want) => expect(calculateNumCandidates(n)).toBe(want));
});

describe('selectVictimsOnNode', () => {
  it('evicts as few pods as possible, reprieving the most important first', () => {
    const pods = [
      makePod('low-1', { nodeName: 'n', cpu: '1', priority: 1 }),
      makePod('low-2', { nodeName: 'n', cpu: '1', priority: 2 }),
      makePod('mid', { nodeName: 'n', cpu: '1', priority: 50 }),
      makePod('high', { nodeName: 'n', cpu: '1', priority: 2000 }),
    ];
    const cache = newCache([makeNode('n', { cpu: '4' })], pods);
    const pod = makePod('p', { cpu: '2', priority: 1000 });
    const fwk = newFramework(new Rng(1));
    const { victims, status } = selectVictimsOnNode(newState(pod, cache), pod, cache.get('n')!.clone(), fwk);
    expect(status).toBeNull();
    expect(victims.map((v) => v.metadata!.name)).toEqual(['low-2', 'low-1']);
    // The cache itself is untouched: selection runs on a copy.
    expect(cache.get('n')!.pods).toHaveLength(4);
  });
});

describe('podEligibleToPreemptOthers', () => {
  it('waits while a victim on the nominated node is still terminating', () => {
    const terminating: Pod = {
      ...makePod('victim', { nodeName: 'n', priority: 0 }),
      metadata: { ...makePod('victim').metadata, deletionTimestamp: '2025-01-01T00:00:10Z' },
      status: { conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler' }] },
    };
    terminating.spec = { ...terminating.spec!, nodeName: 'n' };
    const cache = newCache([makeNode('n')], [terminating]);
    const pod: Pod = { ...makePod('p', { priority: 100 }), status: { nominatedNodeName: 'n' } };
    const statuses = new NodeToStatus();
    statuses.set('n', new Status(Code.Unschedulable, 'Insufficient cpu'));
    expect(podEligibleToPreemptOthers(newState(pod, cache), pod, statuses)).toBe(ErrNotEligibleTerminating);
    statuses.set('n', new Status(Code.UnschedulableAndUnresolvable, 'x'));
    expect(podEligibleToPreemptOthers(newState(pod, cache), pod, statuses)).toBe('');
  });
});
