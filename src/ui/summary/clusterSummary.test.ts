import { describe, expect, it } from 'vitest';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { countCluster } from './clusterSummary';

const node = (name: string, ready: string): Node => ({ metadata: { name }, status: { conditions: [{ type: 'Ready', status: ready }] } });
const pod = (name: string, phase?: string): Pod => ({ metadata: { name, namespace: 'default' }, status: phase ? { phase } : undefined });

describe('countCluster', () => {
  it('counts Ready nodes and pods by phase', () => {
    const c = countCluster(
      { a: node('a', 'True'), b: node('b', 'Unknown'), c: { metadata: { name: 'c' } } },
      { 'default/p': pod('p', 'Running'), 'default/q': pod('q', 'Pending'), 'default/r': pod('r', 'Succeeded'), 'default/s': pod('s') },
    );
    expect(c).toEqual({ nodes: 3, nodesReady: 1, pods: 4, podsRunning: 1, podsPending: 1 });
  });
});
