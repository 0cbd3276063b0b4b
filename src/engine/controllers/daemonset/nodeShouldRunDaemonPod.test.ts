import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { newPod, nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod';
import { newDaemonSet, newNode } from './testing';

const spec = (mutate: (s: NonNullable<NonNullable<DaemonSet['spec']>['template']['spec']>) => void) => newDaemonSet((ds) => mutate(ds.spec!.template.spec!));

describe('nodeShouldRunDaemonPod', () => {
  it.each<{ name: string; node: Node; ds?: DaemonSet; shouldRun: boolean; shouldContinueRunning: boolean }>([
    { name: 'a plain node runs the pod', node: newNode('n1'), shouldRun: true, shouldContinueRunning: true },
    {
      name: 'a node outside the nodeSelector neither runs nor keeps it',
      node: newNode('n1', { labels: { disk: 'hdd' } }),
      ds: spec((s) => (s.nodeSelector = { disk: 'ssd' })),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    { name: 'a node matching the nodeSelector runs it', node: newNode('n1', { labels: { disk: 'ssd' } }), ds: spec((s) => (s.nodeSelector = { disk: 'ssd' })), shouldRun: true, shouldContinueRunning: true },
    {
      name: 'a node outside the required node affinity neither runs nor keeps it',
      node: newNode('n1', { labels: { zone: 'a' } }),
      ds: spec((s) => (s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'zone', operator: 'In', values: ['b'] }] }] } } })),
      shouldRun: false,
      shouldContinueRunning: false,
    },
    {
      name: 'a node named by a matchFields term runs it',
      node: newNode('n1'),
      ds: spec((s) => (s.affinity = { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }] } } })),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    { name: 'a node other than the template nodeName gets nothing', node: newNode('n1'), ds: spec((s) => (s.nodeName = 'n2')), shouldRun: false, shouldContinueRunning: false },
    {
      name: 'an untolerated NoSchedule taint keeps new pods off but lets one stay',
      node: newNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      shouldRun: false,
      shouldContinueRunning: true,
    },
    {
      name: 'a tolerated NoSchedule taint runs the pod',
      node: newNode('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }),
      ds: spec((s) => (s.tolerations = [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }])),
      shouldRun: true,
      shouldContinueRunning: true,
    },
    { name: 'an untolerated NoExecute taint removes the pod', node: newNode('n1', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] }), shouldRun: false, shouldContinueRunning: false },
    { name: 'a PreferNoSchedule taint does not matter', node: newNode('n1', { taints: [{ key: 'dedicated', effect: 'PreferNoSchedule' }] }), shouldRun: true, shouldContinueRunning: true },
    { name: 'not-ready NoExecute is tolerated by default', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoExecute' }] }), shouldRun: true, shouldContinueRunning: true },
    { name: 'unreachable NoExecute is tolerated by default', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }), shouldRun: true, shouldContinueRunning: true },
    { name: 'not-ready NoSchedule is not tolerated', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }] }), shouldRun: false, shouldContinueRunning: true },
    { name: 'unschedulable NoSchedule is tolerated by default', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] }), shouldRun: true, shouldContinueRunning: true },
    { name: 'memory-pressure NoSchedule is tolerated by default', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/memory-pressure', effect: 'NoSchedule' }] }), shouldRun: true, shouldContinueRunning: true },
    { name: 'network-unavailable keeps off a pod network pod', node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }), shouldRun: false, shouldContinueRunning: true },
    {
      name: 'network-unavailable is tolerated by a hostNetwork pod',
      node: newNode('n1', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] }),
      ds: spec((s) => (s.hostNetwork = true)),
      shouldRun: true,
      shouldContinueRunning: true,
    },
  ])('$name', ({ node, ds = newDaemonSet(), shouldRun, shouldContinueRunning }) => {
    expect(nodeShouldRunDaemonPod(node, Object.freeze(ds))).toEqual({ shouldRun, shouldContinueRunning });
  });

  it('newPod leaves the template untouched', () => {
    const ds = spec((s) => (s.tolerations = [{ key: 'x', operator: 'Exists' }]));
    const pod = newPod(ds, 'n1');
    expect(pod.spec?.nodeName).toBe('n1');
    expect(pod.spec?.tolerations).toHaveLength(7);
    expect(ds.spec?.template.spec?.tolerations).toEqual([{ key: 'x', operator: 'Exists' }]);
    expect(ds.spec?.template.spec?.nodeName).toBeUndefined();
  });
});
