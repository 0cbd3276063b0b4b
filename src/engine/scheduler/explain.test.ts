import { describe, expect, it } from 'vitest';
import { explainScheduling } from './explain';
import { controlPlaneTaint, makeNode, makePod } from './testing/wrappers';

describe('explainScheduling', () => {
  const nodes = [
    makeNode('control-plane', { taints: [controlPlaneTaint] }),
    makeNode('worker-1', { cpu: '2' }),
    makeNode('worker-2', { cpu: '4' }),
    makeNode('worker-3', { cpu: '4' }),
  ];
  const pods = [
    makePod('busy', { nodeName: 'worker-1', cpu: '2' }),
    makePod('half', { nodeName: 'worker-3', cpu: '2', memory: '1Gi' }),
    makePod('done', { nodeName: 'worker-2', cpu: '4' }),
  ];
  (pods[2] as { status?: object }).status = { phase: 'Succeeded' };

  it('names the filter that rejected each node and scores the rest', () => {
    const out = explainScheduling(makePod('web', { cpu: '1', memory: '1Gi' }), nodes, pods);
    expect(out.nodes.map((n) => [n.node, n.feasible, n.rejectedBy])).toEqual([
      ['control-plane', false, { plugin: 'TaintToleration', code: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] }],
      ['worker-1', false, { plugin: 'NodeResourcesFit', code: 'Unschedulable', reasons: ['Insufficient cpu'] }],
      ['worker-2', true, undefined],
      ['worker-3', true, undefined],
    ]);
    const w2 = out.nodes[2];
    expect(w2.scores?.map((s) => s.plugin)).toEqual(['TaintToleration', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation']);
    // TaintToleration: no taints anywhere → 100 × weight 3. The finished pod does not count on worker-2.
    expect(w2.scores?.[0].score).toBe(300);
    expect(w2.totalScore).toBeGreaterThan(out.nodes[3].totalScore!);
    expect(out.bestNodes).toEqual(['worker-2']);
    expect(out.message).toBeUndefined();
  });

  it('gives the FailedScheduling message when nothing fits', () => {
    const out = explainScheduling(makePod('huge', { cpu: '64' }), nodes, pods);
    expect(out.bestNodes).toEqual([]);
    expect(out.message).toBe('0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 Insufficient cpu.');
  });

  it('reports nodes excluded by a PreFilter node set', () => {
    const ds = makePod('ds', {
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] }] } } },
      cpu: '1',
    });
    const out = explainScheduling(ds, nodes, pods);
    expect(out.message).toBe("0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity].");
    expect(out.nodes[2].rejectedBy?.plugin).toBe('NodeAffinity');
  });
});
