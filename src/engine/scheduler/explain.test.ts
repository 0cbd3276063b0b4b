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

  it("shows InterPodAffinity's filter reasons and scores, with namespaceSelectors resolved against the namespaces given", () => {
    const web = (name: string, node: string) => makePod(name, { nodeName: node, labels: { app: 'web' }, namespace: 'shop' });
    const apart = {
      podAntiAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: [
          { labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { team: 'shop' } }, topologyKey: 'kubernetes.io/hostname' },
        ],
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 10, podAffinityTerm: { labelSelector: { matchLabels: { app: 'web' } }, namespaceSelector: {}, topologyKey: 'zone' } }],
      },
    };
    const zoned = [makeNode('a', { labels: { zone: 'z1' } }), makeNode('b', { labels: { zone: 'z1' } }), makeNode('c', { labels: { zone: 'z2' } })];
    const out = explainScheduling(makePod('new', { affinity: apart }), zoned, [web('w1', 'a')], { namespaces: [{ metadata: { name: 'shop', labels: { team: 'shop' } } }] });
    expect(out.nodes[0].rejectedBy).toEqual({ plugin: 'InterPodAffinity', code: 'Unschedulable', reasons: ["node(s) didn't match pod anti-affinity rules"] });
    const interPodScore = (node: number) => out.nodes[node].scores?.find((s) => s.plugin === 'InterPodAffinity')?.score;
    // Weight 2: b shares w1's zone (normalized 0), c does not (100).
    expect([interPodScore(1), interPodScore(2)]).toEqual([0, 200]);
    expect(out.bestNodes).toEqual(['c']);
  });
});
