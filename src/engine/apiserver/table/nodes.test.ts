import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { nodePrinter } from './nodes';

const now = Date.parse('2025-01-03T12:00:00Z');

function node(labels: Record<string, string>, ready: string | undefined, unschedulable = false): Node {
  return {
    metadata: { name: 'node-1', labels, creationTimestamp: '2025-01-01T09:00:00Z' },
    spec: { unschedulable },
    status: {
      conditions: [
        { type: 'MemoryPressure', status: 'False' },
        ...(ready ? [{ type: 'Ready', status: ready }] : []),
      ],
      addresses: [
        { type: 'Hostname', address: 'node-1' },
        { type: 'InternalIP', address: '172.18.0.2' },
      ],
      nodeInfo: {
        architecture: 'amd64',
        bootID: '',
        containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: '',
        kubeletVersion: 'v1.32.0',
        machineID: '',
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: '',
      },
    },
  };
}

describe('nodePrinter', () => {
  it('has the v1.32 columns', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Status:0', 'Roles:0', 'Age:0', 'Version:0',
      'Internal-IP:1', 'External-IP:1', 'OS-Image:1', 'Kernel-Version:1', 'Container-Runtime:1',
    ]);
  });

  it('prints a ready control-plane node', () => {
    const n = node({ 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/hostname': 'node-1' }, 'True');
    expect(nodePrinter.cells(n, now)).toEqual([
      'node-1', 'Ready', 'control-plane', '2d3h', 'v1.32.0',
      '172.18.0.2', '<none>', 'Debian GNU/Linux 12 (bookworm)', '6.8.0-51-generic', 'containerd://1.7.24',
    ]);
  });

  it.each([
    ['True', false, 'Ready'],
    ['False', false, 'NotReady'],
    ['Unknown', false, 'NotReady'],
    [undefined, false, 'Unknown'],
    ['True', true, 'Ready,SchedulingDisabled'],
    ['False', true, 'NotReady,SchedulingDisabled'],
  ])('prints Ready=%s unschedulable=%s as %s', (ready, unschedulable, want) => {
    expect(nodePrinter.cells(node({}, ready, unschedulable), now)[1]).toBe(want);
  });

  it('sorts and deduplicates roles from both role labels', () => {
    const n = node({ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/': '', 'kubernetes.io/role': 'ingress', 'node-role.kubernetes.io/ingress': 'x' }, 'True');
    expect(nodePrinter.cells(n, now)[2]).toBe('ingress,worker');
  });

  it('prints <none> without roles and <unknown> without node info', () => {
    const n: Node = { metadata: { name: 'bare', creationTimestamp: '2025-01-03T11:59:30Z' } };
    expect(nodePrinter.cells(n, now)).toEqual(['bare', 'Unknown', '<none>', '30s', '', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});
