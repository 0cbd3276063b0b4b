import { describe, expect, it } from 'vitest';
import { summaryFields } from './summaryFields';

const now = Date.parse('2025-01-01T00:05:00Z');

describe('summaryFields', () => {
  it('leads a pod with its age, owner, phase, node, IP and labels', () => {
    const pod = {
      kind: 'Pod',
      metadata: { name: 'web-1', creationTimestamp: '2025-01-01T00:00:00Z', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4', uid: 'u', controller: true }] },
      spec: { nodeName: 'worker-1' },
      status: { phase: 'Running', podIP: '10.244.1.5' },
    };
    expect(summaryFields(pod, now)).toEqual([
      ['Created', '5m ago'],
      ['Controlled By', 'ReplicaSet/web-7d4'],
      ['Status', 'Running'],
      ['Node', 'worker-1'],
      ['IP', '10.244.1.5'],
      ['Labels', 'app=web'],
    ]);
  });

  it('shows a deleting pod as Terminating and an unscheduled one without node', () => {
    const pod = { kind: 'Pod', metadata: { name: 'p', deletionTimestamp: '2025-01-01T00:04:00Z' }, status: { phase: 'Pending' } };
    expect(summaryFields(pod, undefined)).toEqual([
      ['Status', 'Terminating'],
      ['Node', '<none>'],
      ['IP', '<none>'],
      ['Labels', '<none>'],
    ]);
  });

  it('counts a deployment’s replicas', () => {
    const d = { kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 }, status: { replicas: 3, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1 } };
    expect(summaryFields(d, undefined)).toContainEqual(['Replicas', '3 desired | 2 updated | 1 ready | 1 available']);
  });
});
