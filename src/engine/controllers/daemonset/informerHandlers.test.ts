import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodeInSameCondition, placementChanged, shouldIgnoreNodeUpdate } from './informerHandlers';
import { newDaemonSet, newNode } from './testing';

const withConditions = (node: Node, rv: string, conditions: NonNullable<Node['status']>['conditions']): Node => ({
  ...node,
  metadata: { ...node.metadata, resourceVersion: rv },
  status: { ...node.status, conditions },
});

describe('node updates', () => {
  const node = newNode('n1');

  it('ignores heartbeats: only resourceVersion and condition details changed', () => {
    const beat = withConditions(node, '2', [{ type: 'Ready', status: 'True', lastHeartbeatTime: '2025-01-01T00:00:40Z' }]);
    expect(shouldIgnoreNodeUpdate(node, beat)).toBe(true);
  });

  it('looks at a node whose True conditions or anything else changed', () => {
    expect(shouldIgnoreNodeUpdate(node, withConditions(node, '2', [{ type: 'Ready', status: 'False' }]))).toBe(false);
    expect(shouldIgnoreNodeUpdate(node, { ...node, metadata: { ...node.metadata, labels: { disk: 'ssd' } } })).toBe(false);
    expect(nodeInSameCondition([{ type: 'Ready', status: 'True' }, { type: 'MemoryPressure', status: 'False' }], [{ type: 'Ready', status: 'True' }])).toBe(true);
    expect(nodeInSameCondition([], [{ type: 'DiskPressure', status: 'True' }])).toBe(false);
  });

  it('wakes a DaemonSet only when its placement on the node changed', () => {
    const ds = newDaemonSet();
    const tainted: Node = { ...node, spec: { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] } };
    expect(placementChanged(tainted, node, ds)).toBe(true);
    expect(placementChanged(node, { ...node, metadata: { ...node.metadata, labels: { other: 'x' } } }, ds)).toBe(false);
  });
});
