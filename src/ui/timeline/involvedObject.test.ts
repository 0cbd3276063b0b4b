import { describe, expect, it } from 'vitest';
import { involvedKey, kindOf, objectRefFor } from './involvedObject';

describe('involved objects', () => {
  it.each([
    ['a pod', { kind: 'Pod', namespace: 'default', name: 'web-1' }, { resource: 'pods', namespace: 'default', name: 'web-1' }],
    ['a node, cluster-scoped', { kind: 'Node', namespace: '', name: 'worker-1' }, { resource: 'nodes', name: 'worker-1' }],
    ['a deployment', { kind: 'Deployment', namespace: 'default', name: 'web' }, { resource: 'deployments', namespace: 'default', name: 'web' }],
    ['a kind the page does not watch', { kind: 'Lease', namespace: 'kube-node-lease', name: 'worker-1' }, undefined],
    ['no reference', undefined, undefined],
  ])('maps %s to what the page can select', (_name, ref, want) => {
    expect(objectRefFor(ref)).toEqual(want);
  });

  it('keys objects by kind, namespace and name', () => {
    expect(involvedKey('Node', undefined, 'worker-1')).toBe('Node//worker-1');
    expect(kindOf('replicasets')).toBe('ReplicaSet');
  });
});
