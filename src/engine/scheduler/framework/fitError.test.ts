import { describe, expect, it } from 'vitest';
import { controlPlaneTaint, makeNode, makePod, newCache, runCycle } from '../testing/wrappers';
import { fitErrorMessage, newDiagnosis } from './fitError';
import { Code, Status } from './status';

describe('FitError message (types.go FitError.Error, v1.32)', () => {
  it('sorts the histogram as strings, so "10 ..." comes before "2 ..."', () => {
    const d = newDiagnosis();
    for (let i = 0; i < 10; i++) d.nodeToStatus.set(`a${i}`, new Status(Code.Unschedulable, 'Insufficient memory'));
    d.nodeToStatus.set('b1', new Status(Code.Unschedulable, 'Insufficient cpu'));
    d.nodeToStatus.set('b2', new Status(Code.Unschedulable, 'Insufficient cpu'));
    expect(fitErrorMessage(12, d)).toBe('0/12 nodes are available: 10 Insufficient memory, 2 Insufficient cpu.');
  });

  it('counts every reason of a status, so one node can add two entries', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', new Status(Code.Unschedulable, 'Insufficient cpu', 'Insufficient memory'));
    expect(fitErrorMessage(1, d)).toBe('0/1 nodes are available: 1 Insufficient cpu, 1 Insufficient memory.');
  });

  it('prints only the PreFilter message when PreFilter rejected the pod', () => {
    const d = newDiagnosis();
    d.preFilterMsg = 'pod affinity terms conflict';
    d.nodeToStatus.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, 'pod affinity terms conflict');
    expect(fitErrorMessage(3, d)).toBe('0/3 nodes are available: pod affinity terms conflict.');
  });

  it('counts absent nodes with the absent status reasons', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', new Status(Code.Unschedulable, 'Insufficient cpu'));
    d.nodeToStatus.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, "node(s) didn't satisfy plugin(s) [NodeAffinity]");
    expect(fitErrorMessage(3, d)).toBe("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
  });

  it('appends the PostFilter message without a second period', () => {
    const d = newDiagnosis();
    d.nodeToStatus.set('n1', new Status(Code.Unschedulable, 'Insufficient cpu'));
    d.postFilterMsg = 'preemption: not eligible due to preemptionPolicy=Never.';
    expect(fitErrorMessage(1, d)).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.');
  });
});

describe('FailedScheduling messages end to end', () => {
  // A kubeadm-like cluster: a tainted control plane and three full workers.
  const cluster = (podPriority = 0, usedCpu = '2') =>
    newCache(
      [makeNode('control-plane', { taints: [controlPlaneTaint] }), makeNode('worker-1', { cpu: '2' }), makeNode('worker-2', { cpu: '2' }), makeNode('worker-3', { cpu: '2' })],
      ['worker-1', 'worker-2', 'worker-3'].map((n) => makePod(`busy-${n}`, { nodeName: n, cpu: usedCpu, priority: podPriority })),
    );

  it.each([
    {
      name: 'taint and insufficient cpu, nothing to preempt',
      pod: makePod('web-abc', { cpu: '1' }),
      cache: () => cluster(),
      want:
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    },
    {
      name: 'evicting every lower-priority pod would still not make room',
      pod: makePod('big', { cpu: '3', priority: 1000 }),
      cache: () => cluster(),
      want:
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 Insufficient cpu.',
    },
    {
      name: 'a pod that may not preempt',
      pod: makePod('polite', { cpu: '1', priority: 1000, preemptionPolicy: 'Never' }),
      cache: () => cluster(),
      want:
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu. ' +
        'preemption: not eligible due to preemptionPolicy=Never.',
    },
    {
      name: 'every node unresolvable: preemption is not helpful anywhere',
      pod: makePod('picky', { nodeSelector: { disk: 'ssd' } }),
      cache: () => cluster(),
      want:
        "0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. " +
        'preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.',
    },
  ])('$name', ({ pod, cache, want }) => {
    expect(runCycle(cache(), pod).message).toBe(want);
  });

  it('reports no nodes at all plainly', () => {
    expect(runCycle(newCache([]), makePod('p')).message).toBe('no nodes available to schedule pods');
  });

  it('preempts instead when lower-priority pods make room, leaving out the preemption part', () => {
    const out = runCycle(cluster(0, '2'), makePod('important', { cpu: '1', priority: 1000 }));
    expect(out.message).toBe('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.');
    expect(out.nominatedNodeName).toMatch(/^worker-[123]$/);
    expect(out.victims).toEqual([`busy-${out.nominatedNodeName}`]);
  });
});
