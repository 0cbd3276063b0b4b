import { describe, expect, it } from 'vitest';
import { Code } from '../framework/status';
import { makeNode, makePod, newCache, newState } from '../testing/wrappers';
import { ErrReasonUnschedulable, nodeUnschedulable } from './nodeUnschedulable';
import { nodeName, ErrReason as ErrReasonNodeName } from './nodeName';

describe('NodeUnschedulable', () => {
  it.each([
    { name: 'Does not schedule pod to unschedulable node (node.Spec.Unschedulable==true)', unschedulable: true, tolerations: undefined, want: ErrReasonUnschedulable },
    { name: 'Schedule pod to normal node', unschedulable: false, tolerations: undefined, want: null },
    {
      name: 'Schedule pod with toleration to unschedulable node (node.Spec.Unschedulable==true)',
      unschedulable: true,
      tolerations: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
      want: null,
    },
    {
      name: 'Does not schedule pod tolerating another taint to an unschedulable node',
      unschedulable: true,
      tolerations: [{ key: 'dedicated', operator: 'Exists' }],
      want: ErrReasonUnschedulable,
    },
  ])('$name', ({ unschedulable, tolerations, want }) => {
    const node = makeNode('n1', { unschedulable });
    const pod = makePod('p', { tolerations });
    const cache = newCache([node]);
    const s = nodeUnschedulable.filter(newState(pod, cache), pod, cache.get('n1')!);
    if (want === null) expect(s).toBeNull();
    else {
      expect(s?.code).toBe(Code.UnschedulableAndUnresolvable);
      expect(s?.reasons).toEqual([want]);
    }
  });
});

describe('NodeName', () => {
  it.each([
    { name: 'no host specified', nodeName: undefined, want: null },
    { name: 'host matches', nodeName: 'n1', want: null },
    { name: 'host does not match', nodeName: 'n2', want: ErrReasonNodeName },
  ])('$name', ({ nodeName: want_, want }) => {
    const pod = makePod('p', { nodeName: want_ });
    const cache = newCache([makeNode('n1')]);
    const s = nodeName.filter(newState(pod, cache), pod, cache.get('n1')!);
    expect(s?.reasons[0] ?? null).toBe(want);
    expect(ErrReasonNodeName).toBe("node(s) didn't match the requested node name");
  });
});
