import type { Affinity } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Framework } from '../framework/runtime';
import { Code, Status } from '../framework/status';
import { Rng } from '../../sim/rng';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { ErrReasonPod, errReasonConflict, nodeAffinity } from './nodeAffinity';

const required = (...terms: NonNullable<NonNullable<Affinity['nodeAffinity']>['requiredDuringSchedulingIgnoredDuringExecution']>['nodeSelectorTerms']): Affinity => ({
  nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } },
});

describe('NodeAffinity Filter', () => {
  it.each<{ name: string; nodeSelector?: Record<string, string>; affinity?: Affinity; labels: Record<string, string>; fits: boolean }>([
    { name: 'no selector', labels: {}, fits: true },
    { name: 'missing labels', nodeSelector: { foo: 'bar' }, labels: {}, fits: false },
    { name: 'same labels', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar' }, fits: true },
    { name: 'node labels are superset', nodeSelector: { foo: 'bar' }, labels: { foo: 'bar', baz: 'blah' }, fits: true },
    { name: 'node labels are subset', nodeSelector: { foo: 'bar', baz: 'blah' }, labels: { foo: 'bar' }, fits: false },
    {
      name: 'Pod with matchExpressions using In operator that matches the existing node',
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar', 'value2'] }] }),
      labels: { foo: 'bar' },
      fits: true,
    },
    {
      name: 'Pod with matchExpressions using Gt operator that matches the existing node',
      affinity: required({ matchExpressions: [{ key: 'kernel-version', operator: 'Gt', values: ['0204'] }] }),
      labels: { 'kernel-version': '0206' },
      fits: true,
    },
    {
      name: 'Pod with matchExpressions using NotIn operator that matches the existing node',
      affinity: required({ matchExpressions: [{ key: 'mem-type', operator: 'NotIn', values: ['DDR', 'DDR2'] }] }),
      labels: { 'mem-type': 'DDR3' },
      fits: true,
    },
    {
      name: 'Pod with matchExpressions using Exists operator that matches the existing node',
      affinity: required({ matchExpressions: [{ key: 'GPU', operator: 'Exists' }] }),
      labels: { GPU: 'NVIDIA-GRID-K1' },
      fits: true,
    },
    {
      name: 'Pod with affinity that don\'t match node\'s labels won\'t schedule onto the node',
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'In', values: ['value1', 'value2'] }] }),
      labels: { foo: 'bar' },
      fits: false,
    },
    {
      name: 'Pod with an empty NodeSelectorTerms list won\'t schedule onto the node',
      affinity: required(),
      labels: { foo: 'bar' },
      fits: false,
    },
    {
      name: 'Pod with empty MatchExpressions is not a valid value will match no objects and won\'t schedule onto the node',
      affinity: required({}),
      labels: { foo: 'bar' },
      fits: false,
    },
    {
      name: 'Pod with multiple NodeSelectorTerms ORed in affinity, matches the node\'s labels and will schedule onto the node',
      affinity: required(
        { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] },
        { matchExpressions: [{ key: 'diskType', operator: 'In', values: ['ssd'] }] },
      ),
      labels: { diskType: 'ssd' },
      fits: true,
    },
    {
      name: 'Pod with an Affinity and a PodSpec.NodeSelector(the old thing that we are deprecating) both are satisfied, will schedule onto the node',
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      labels: { foo: 'bar' },
      fits: true,
    },
    {
      name: 'Pod with an Affinity matches node\'s labels but the PodSpec.NodeSelector(the old thing that we are deprecating) is not satisfied, won\'t schedule onto the node',
      nodeSelector: { foo: 'bar' },
      affinity: required({ matchExpressions: [{ key: 'foo', operator: 'Exists' }] }),
      labels: { foo: 'barrrrrr' },
      fits: false,
    },
    {
      name: 'Pod with matchFields using In operator that matches the existing node',
      affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }),
      labels: {},
      fits: true,
    },
  ])('$name', ({ nodeSelector, affinity, labels, fits }) => {
    const pod = makePod('p', { nodeSelector, affinity });
    const cache = newCache([makeNode('node1', { labels })]);
    const state = newState(pod, cache);
    const pre = nodeAffinity.preFilter(state, pod);
    const node = cache.get('node1')!;
    const s = pre instanceof Status && pre.isSkip() ? null : nodeAffinity.filter(state, pod, node);
    if (fits) expect(s).toBeNull();
    else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.message()).toBe(ErrReasonPod);
    }
  });
});

describe('NodeAffinity PreFilter', () => {
  it('skips pods without node selector or required affinity', () => {
    const pod = makePod('p');
    const r = nodeAffinity.preFilter(newState(pod, newCache([])), pod);
    expect(r instanceof Status && r.isSkip()).toBe(true);
  });

  it('narrows the nodes to those pinned by metadata.name (DaemonSet pods)', () => {
    const pod = makePod('p', { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }) });
    expect(nodeAffinity.preFilter(newState(pod, newCache([])), pod)).toEqual({ nodeNames: new Set(['node1']) });
  });

  it('rejects terms whose metadata.name pins conflict', () => {
    const pod = makePod('p', {
      affinity: required({
        matchFields: [
          { key: 'metadata.name', operator: 'In', values: ['node1'] },
          { key: 'metadata.name', operator: 'In', values: ['node2'] },
        ],
      }),
    });
    const r = nodeAffinity.preFilter(newState(pod, newCache([])), pod) as Status;
    expect(r.code).toBe(Code.UnschedulableAndUnresolvable);
    expect(r.message()).toBe(errReasonConflict);
  });

  it('reports the other nodes as not satisfying the plugin', () => {
    const fwk = new Framework([nodeAffinity], {}, new Rng(1));
    const pod = makePod('p', { affinity: required({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['node1'] }] }) });
    const out = fwk.runPreFilterPlugins(newState(pod, newCache([])), pod);
    expect(out.result?.nodeNames).toEqual(new Set(['node1']));
    expect([...out.pluginsWithNodes]).toEqual(['NodeAffinity']);
  });
});

describe('NodeAffinity Score', () => {
  it('scores preferred terms by weight and normalizes to 100', () => {
    const affinity: Affinity = {
      nodeAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [
          { weight: 2, preference: { matchExpressions: [{ key: 'foo', operator: 'In', values: ['bar'] }] } },
          { weight: 4, preference: { matchExpressions: [{ key: 'key', operator: 'In', values: ['value'] }] } },
          { weight: 5, preference: { matchExpressions: [{ key: 'az', operator: 'In', values: ['az1'] }] } },
        ],
      },
    };
    const pod = makePod('p', { affinity });
    const cache = newCache([
      makeNode('node1', { labels: { foo: 'bar' } }),
      makeNode('node2', { labels: { key: 'value' } }),
      makeNode('node3', { labels: { foo: 'bar', key: 'value', az: 'az1' } }),
      makeNode('node4'),
    ]);
    const state = newState(pod, cache);
    const nodes = ['node1', 'node2', 'node3', 'node4'].map((n) => cache.get(n)!);
    expect(nodeAffinity.preScore(state, pod, nodes)).toBeNull();
    const scores = nodes.map((n) => nodeAffinity.score(state, pod, n));
    expect(scores).toEqual([2, 4, 11, 0]);
    nodeAffinity.normalizeScore(state, pod, scores);
    expect(scores).toEqual([18, 36, 100, 0]);
  });

  it('skips scoring without preferred terms', () => {
    const pod = makePod('p');
    const cache = newCache([makeNode('n')]);
    const r = nodeAffinity.preScore(newState(pod, cache), pod, [cache.get('n')!]);
    expect(r?.isSkip()).toBe(true);
  });
});
