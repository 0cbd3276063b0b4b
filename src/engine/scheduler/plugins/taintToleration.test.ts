import type { Taint, Toleration } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Code } from '../framework/status';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { errReasonUntoleratedTaint, taintToleration } from './taintToleration';

describe('TaintToleration Filter', () => {
  it.each<{ name: string; taints: Taint[]; tolerations?: Toleration[]; want: string | null }>([
    { name: 'A pod having no tolerations can\'t be scheduled onto a node with nonempty taints', taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }], want: 'node(s) had untolerated taint {dedicated: user1}' },
    {
      name: 'A pod which can be scheduled on a dedicated node assigned to user1 with effect NoSchedule',
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      tolerations: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: "A pod which can't be scheduled on a dedicated node assigned to user2 with effect NoSchedule",
      taints: [{ key: 'dedicated', value: 'user1', effect: 'NoSchedule' }],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {dedicated: user1}',
    },
    {
      name: 'A pod can be scheduled onto the node, with a toleration uses operator Exists that tolerates the taints on the node',
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      tolerations: [{ key: 'foo', operator: 'Exists', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'A pod has a toleration that keys and values match the taint on the node, but (non-empty) effect doesn\'t match, can\'t be scheduled onto the node',
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      want: 'node(s) had untolerated taint {foo: bar}',
    },
    {
      name: 'The pod has a toleration that keys and values match the taint on the node, the effect of toleration is empty, and the effect of taint is NoSchedule. Pod can be scheduled onto the node',
      taints: [{ key: 'foo', value: 'bar', effect: 'NoSchedule' }],
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar' }],
      want: null,
    },
    {
      name: "The pod has a toleration that key and value don't match the taint on the node, but the effect of taint on node is PreferNoSchedule. Pod can be scheduled onto the node",
      taints: [{ key: 'dedicated', value: 'user1', effect: 'PreferNoSchedule' }],
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'user2', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'The control-plane taint has no value and prints as {key: } (v1.32 text)',
      taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }],
      want: 'node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }',
    },
    {
      name: 'An empty key with operator Exists tolerates every taint',
      taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }],
      tolerations: [{ operator: 'Exists' }],
      want: null,
    },
  ])('$name', ({ taints, tolerations, want }) => {
    const pod = makePod('p', { tolerations });
    const cache = newCache([makeNode('n1', { taints })]);
    const s = taintToleration.filter(newState(pod, cache), pod, cache.get('n1')!);
    if (want === null) expect(s).toBeNull();
    else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.message()).toBe(want);
    }
  });

  it('formats the reason from key and value', () => {
    expect(errReasonUntoleratedTaint('CriticalAddonsOnly', 'true')).toBe('node(s) had untolerated taint {CriticalAddonsOnly: true}');
  });
});

describe('TaintToleration Score', () => {
  it.each<{ name: string; tolerations?: Toleration[]; nodes: { name: string; taints: Taint[] }[]; want: number[] }>([
    {
      name: 'node with taints tolerated by the pod, gets a higher score than those node with intolerable taints',
      tolerations: [{ key: 'foo', operator: 'Equal', value: 'bar', effect: 'PreferNoSchedule' }],
      nodes: [
        { name: 'nodeA', taints: [{ key: 'foo', value: 'bar', effect: 'PreferNoSchedule' }] },
        { name: 'nodeB', taints: [{ key: 'foo', value: 'blah', effect: 'PreferNoSchedule' }] },
      ],
      want: [100, 0],
    },
    {
      name: 'the more intolerable taints a node has, the lower score it gets.',
      nodes: [
        { name: 'nodeA', taints: [] },
        { name: 'nodeB', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }] },
        {
          name: 'nodeC',
          taints: [
            { key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' },
            { key: 'disk-type', value: 'ssd', effect: 'PreferNoSchedule' },
          ],
        },
      ],
      want: [100, 50, 0],
    },
    {
      name: 'only taints and tolerations that have effect PreferNoSchedule are checked by score',
      tolerations: [{ key: 'cpu-type', operator: 'Equal', value: 'arm64', effect: 'NoSchedule' }],
      nodes: [
        { name: 'nodeA', taints: [] },
        { name: 'nodeB', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'NoSchedule' }] },
        { name: 'nodeC', taints: [{ key: 'cpu-type', value: 'arm64', effect: 'PreferNoSchedule' }] },
      ],
      want: [100, 100, 0],
    },
  ])('$name', ({ tolerations, nodes, want }) => {
    const pod = makePod('p', { tolerations });
    const cache = newCache(nodes.map((n) => makeNode(n.name, { taints: n.taints })));
    const state = newState(pod, cache);
    const infos = nodes.map((n) => cache.get(n.name)!);
    expect(taintToleration.preScore(state, pod, infos)).toBeNull();
    const scores = infos.map((ni) => taintToleration.score(state, pod, ni));
    taintToleration.normalizeScore(state, pod, scores);
    expect(scores).toEqual(want);
  });
});
