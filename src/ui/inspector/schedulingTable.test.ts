import { describe, expect, it } from 'vitest';
import type { PodSchedulingExplanation } from '../../hosts/shared/schedulingApi';
import { schedulingPreamble, schedulingTable } from './schedulingTable';

const base = { kind: 'PodSchedulingExplanation', apiVersion: 'playground/v1', pod: { namespace: 'default', name: 'web', schedulerName: 'default-scheduler' } } as const;
const rejected = (node: string, plugin: string, reasons: string[]) => ({ node, feasible: false, rejectedBy: { plugin, code: 'Unschedulable', reasons } });
const scored = (node: string, fit: number, balanced: number) => ({
  node,
  feasible: true,
  scores: [
    { plugin: 'NodeResourcesFit', score: fit },
    { plugin: 'NodeResourcesBalancedAllocation', score: balanced },
  ],
  totalScore: fit + balanced,
});

describe('schedulingTable', () => {
  it('puts the best node first, then the other feasible ones by total, then the rejected ones in node order', () => {
    const ex: PodSchedulingExplanation = {
      ...base,
      pod: { ...base.pod, nodeName: 'worker-2' },
      nodes: [
        rejected('control-plane', 'TaintToleration', ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']),
        scored('worker-1', 50, 90),
        scored('worker-2', 80, 95),
        rejected('worker-3', 'NodeResourcesFit', ['Insufficient cpu', 'Insufficient memory']),
      ],
      bestNodes: ['worker-2'],
    };
    const t = schedulingTable(ex);
    expect(t.plugins).toEqual(['NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
    expect(t.rows).toEqual([
      { node: 'worker-2', outcome: 'best', bound: true, plugin: undefined, reason: undefined, scores: [80, 95], total: 175 },
      { node: 'worker-1', outcome: 'feasible', bound: false, plugin: undefined, reason: undefined, scores: [50, 90], total: 140 },
      { node: 'control-plane', outcome: 'rejected', bound: false, plugin: 'TaintToleration', reason: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }', scores: [undefined, undefined], total: undefined },
      { node: 'worker-3', outcome: 'rejected', bound: false, plugin: 'NodeResourcesFit', reason: 'Insufficient cpu; Insufficient memory', scores: [undefined, undefined], total: undefined },
    ]);
    expect(t.summary).toBe('2 of 4 nodes fit; highest score 175 on worker-2.');
  });

  it('says when nodes tie', () => {
    const ex: PodSchedulingExplanation = { ...base, nodes: [scored('a', 1, 1), scored('b', 1, 1)], bestNodes: ['a', 'b'] };
    expect(schedulingTable(ex).summary).toBe('2 of 2 nodes fit; highest score 2 on a, b (tied: the scheduler picks one at random).');
  });

  it('gives the FailedScheduling message when nothing fits', () => {
    const message = '0/1 nodes are available: 1 Insufficient cpu.';
    const ex: PodSchedulingExplanation = { ...base, nodes: [rejected('a', 'NodeResourcesFit', ['Insufficient cpu'])], bestNodes: [], message };
    expect(schedulingTable(ex).summary).toBe(message);
    expect(schedulingTable(ex).plugins).toEqual([]);
  });
});

describe('schedulingPreamble', () => {
  const ex = (pod: Partial<PodSchedulingExplanation['pod']>): PodSchedulingExplanation => ({ ...base, pod: { ...base.pod, ...pod }, nodes: [], bestNodes: [] });
  it.each([
    ['a pending pod', ex({}), {}, 'Pending. The default profile, on every node now:'],
    ['a bound pod', ex({ nodeName: 'worker-1' }), {}, 'Bound to worker-1. Were it scheduled again now, the default profile would find:'],
    ['a pod for another scheduler', ex({ schedulerName: 'my-scheduler' }), {}, 'Pending for scheduler "my-scheduler", which this cluster does not run. The default profile would find:'],
    [
      'a static pod',
      ex({ nodeName: 'control-plane' }),
      { 'kubernetes.io/config.mirror': 'abc' },
      'Static pod: the kubelet on control-plane runs it from a manifest and the scheduler never places it. As a pending pod, the default profile would find:',
    ],
  ])('explains %s', (_name, explanation, annotations, want) => {
    expect(schedulingPreamble(explanation, { metadata: { annotations } })).toBe(want);
  });
});
