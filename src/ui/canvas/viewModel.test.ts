import { describe, expect, it } from 'vitest';
import type { Node } from 'kubernetes-types/core/v1';
import { testPod } from './testPods';
import { formatCPU, formatMemory, formatTaint, nodeUsage, nodeView, orderNodes, podView, schedulingMessage, shortName } from './viewModel';
import { PodPlacement } from './podPlacement';

const node = (name: string, extra: Partial<Node> = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: name.startsWith('control') ? { 'node-role.kubernetes.io/control-plane': '' } : {} },
  spec: {},
  status: {
    conditions: [{ type: 'Ready', status: 'True' }],
    allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
    nodeInfo: { containerRuntimeVersion: 'containerd://1.7.24', kubeletVersion: 'v1.32.4', kubeProxyVersion: 'v1.32.4' } as NonNullable<Node['status']>['nodeInfo'],
  },
  ...extra,
});

describe('podView', () => {
  it('tells init containers, sidecars and app containers apart, and counts restarts as kubectl does', () => {
    const pod = testPod('default/a', 'w1', {
      spec: {
        initContainers: [
          { name: 'setup', image: 'busybox' },
          { name: 'proxy', image: 'envoy', restartPolicy: 'Always' },
        ],
        containers: [{ name: 'app', image: 'nginx' }],
      },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Initialized', status: 'True' }],
        initContainerStatuses: [
          { name: 'setup', image: 'busybox', imageID: '', ready: false, restartCount: 3, state: { terminated: { exitCode: 0, reason: 'Completed' } } },
          { name: 'proxy', image: 'envoy', imageID: '', ready: true, restartCount: 1, started: true, state: { running: {} } },
        ],
        containerStatuses: [{ name: 'app', image: 'nginx', imageID: '', ready: true, restartCount: 2, state: { running: {} } }],
      },
    });
    const v = podView(pod);
    expect(v.containers.map((c) => `${c.kind}:${c.name}:${c.state}`)).toEqual(['init:setup:terminated', 'sidecar:proxy:running', 'app:app:running']);
    expect(v.restarts).toBe(3);
    expect(v.ready).toBe('2/2');
    expect(v.status).toBe('Running');
    expect(podView(pod)).toBe(v);
  });

  it('shows Terminating and a mirror pod’s component', () => {
    const t = testPod('default/a', 'w1', { metadata: { deletionTimestamp: '2025-01-01T00:00:00Z' }, status: { phase: 'Running' } });
    expect(podView(t).status).toBe('Terminating');
    const m = testPod('kube-system/etcd-cp', 'cp', { metadata: { annotations: { 'kubernetes.io/config.mirror': 'x' }, labels: { component: 'etcd' } } });
    expect(podView(m).component).toBe('etcd');
  });
});

describe('schedulingMessage', () => {
  it('quotes the PodScheduled condition of an unschedulable pod', () => {
    const p = testPod('default/a', undefined, {
      status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/4 nodes are available.' }] },
    });
    expect(schedulingMessage(p)).toBe('Unschedulable: 0/4 nodes are available.');
    expect(schedulingMessage(testPod('default/b'))).toBe('Waiting for the scheduler');
  });
});

describe('nodeView and usage', () => {
  it('reads status, cordon, taints, agents and allocatable', () => {
    const v = nodeView(
      node('worker-1', {
        spec: { unschedulable: true, taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] },
      }),
    );
    expect(v.status).toBe('Ready');
    expect(v.unschedulable).toBe(true);
    expect(v.taints).toEqual(['dedicated=gpu:NoSchedule', 'node.kubernetes.io/unschedulable:NoSchedule']);
    expect(v.containerRuntimeVersion).toBe('containerd://1.7.24');
    expect(v.allocatable).toEqual({ milliCPU: 4000, memory: 8 * 1024 ** 3, pods: 110 });
    expect(nodeView(node('w', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } })).status).toBe('NotReady');
  });

  it('sums the requests of non-terminated pods against allocatable', () => {
    const pods = [
      testPod('default/a', 'w1', { spec: { containers: [{ name: 'a', resources: { requests: { cpu: '250m', memory: '128Mi' } } }] }, status: { phase: 'Running' } }),
      testPod('default/b', 'w1', { spec: { containers: [{ name: 'b', resources: { requests: { cpu: '1' } } }] }, status: { phase: 'Failed' } }),
    ];
    const placement = new PodPlacement();
    placement.update({}, Object.fromEntries(pods.map((p) => [`default/${p.metadata?.name}`, p])));
    const u = nodeUsage(nodeView(node('w1')), placement.podsOf('w1').requests);
    expect(u.cpu).toEqual({ used: 250, allocatable: 4000 });
    expect(u.memory.used).toBe(128 * 1024 * 1024);
    expect(u.pods).toEqual({ used: 1, allocatable: 110 });
  });
});

describe('formatting', () => {
  it.each([
    [250, '250m'],
    [2000, '2'],
  ])('formats %i millicores as %s', (m, s) => expect(formatCPU(m)).toBe(s));
  it.each([
    [64 * 1024 * 1024, '64Mi'],
    [1.5 * 1024 ** 3, '1.5Gi'],
    [0, '0'],
  ])('formats %i bytes as %s', (b, s) => expect(formatMemory(b)).toBe(s));
  it('formats a taint without a value as key:Effect', () => expect(formatTaint({ key: 'k', effect: 'NoExecute' })).toBe('k:NoExecute'));
});

describe('orderNodes', () => {
  it('puts the control plane first, then workers in numeric order', () => {
    const names = ['worker-10', 'worker-2', 'control-plane', 'worker-1'].map((n) => node(n));
    expect(orderNodes(names)).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-10']);
  });
});

describe('shortName', () => {
  it('keeps short names and cuts long ones in the middle', () => {
    expect(shortName('web-1', 18)).toBe('web-1');
    expect(shortName('web-554d46d989-6f45d', 18)).toBe('web-554d…989-6f45d');
    expect(shortName('web-554d46d989-6f45d', 18)).toHaveLength(18);
  });
});
