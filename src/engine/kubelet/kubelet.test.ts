import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../client/apiClient';
import { RecordingTransport } from '../controllers/util/recordingClient';
import { Sim } from '../sim/sim';
import { Kubelet, type KubeletConfig } from './kubelet';
import { nodeLabels } from './nodeStatus';

const config: KubeletConfig = {
  nodeName: 'worker-1',
  capacity: { cpu: '4', memory: '8Gi', pods: '110' },
  podCIDR: '10.244.1.0/24',
  internalIP: '172.18.0.3',
  role: 'worker',
  zone: 'zone-a',
  profile: 'fast',
};

function setup(existing?: Node, profile: KubeletConfig['profile'] = 'fast') {
  const sim = new Sim(3, () => new Promise<void>((r) => queueMicrotask(r)));
  const transport = new RecordingTransport(sim);
  transport.respond = (req) => {
    if (req.method === 'GET' && req.path === '/api/v1/pods') {
      return { status: 200, body: { apiVersion: 'v1', kind: 'PodList', metadata: { resourceVersion: '1' }, items: [] } };
    }
    if (existing && req.method === 'POST' && req.path === '/api/v1/nodes') {
      return { status: 409, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'AlreadyExists', code: 409, message: 'nodes "worker-1" already exists' } };
    }
    if (existing && req.method === 'GET' && req.path === '/api/v1/nodes/worker-1') return { status: 200, body: existing };
    if (existing && req.method === 'PATCH' && req.path === '/api/v1/nodes/worker-1') return { status: 200, body: existing };
    return undefined;
  };
  const kubelet = new Kubelet(new ApiClient(transport, 'kubelet/v1.32.4 (linux/amd64) worker-1'), sim, { ...config, profile });
  const writes = (path: string, method?: string) => transport.requests.filter((r) => r.path === path && (!method || r.method === method));
  return { sim, transport, kubelet, writes };
}

describe('Kubelet', () => {
  it('registers its Node the way a kubeadm worker does', async () => {
    const { kubelet, writes } = setup();
    await kubelet.start();
    const node = writes('/api/v1/nodes', 'POST')[0].body as Node;
    expect(node.metadata).toEqual({
      name: 'worker-1',
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': 'worker-1',
        'kubernetes.io/os': 'linux',
        'topology.kubernetes.io/zone': 'zone-a',
        'topology.kubernetes.io/region': 'zone',
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    });
    expect(node.spec).toEqual({ podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] });
    expect(node.status?.capacity).toEqual({ cpu: '4', 'ephemeral-storage': '104857600Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8388608Ki', pods: '110' });
    expect(node.status?.allocatable).toEqual({ cpu: '4', 'ephemeral-storage': '96636764160', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '8286208Ki', pods: '110' });
    expect(node.status?.addresses).toEqual([
      { type: 'InternalIP', address: '172.18.0.3' },
      { type: 'Hostname', address: 'worker-1' },
    ]);
    expect(node.status?.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(node.status?.nodeInfo).toMatchObject({
      kubeletVersion: 'v1.32.4',
      containerRuntimeVersion: 'containerd://1.7.24',
      operatingSystem: 'linux',
      architecture: 'amd64',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
    });
    expect(node.status?.nodeInfo?.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(node.status?.nodeInfo?.bootID).toMatch(/^[0-9a-f-]{36}$/);
    expect(node.status?.images?.map((i) => i.names?.[1])).toContain('registry.k8s.io/pause:3.10');
    // The fast profile's network is up at once: Ready in the first status, with no NodeReady transition.
    const first = writes('/api/v1/nodes/worker-1/status', 'PATCH')[0].body as Node;
    expect(first.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
  });

  it.each([
    ['us-east-1a', 'us-east-1'],
    ['us-central1-a', 'us-central1'],
    ['zone-a', 'zone'],
    ['lab', 'lab'],
  ])('labels zone %s with region %s', (zone, region) => {
    expect(nodeLabels({ ...config, zone })['topology.kubernetes.io/region']).toBe(region);
  });

  it('reports NotReady until the network plugin is up, then NodeReady', async () => {
    const { sim, kubelet, transport, writes } = setup(undefined, 'general');
    await kubelet.start();
    const statuses = () => writes('/api/v1/nodes/worker-1/status', 'PATCH').map((r) => (r.body as Node).status!.conditions!.map((c) => `${c.type}=${c.status}`).join(' '));
    expect(statuses()).toEqual(['MemoryPressure=False DiskPressure=False PIDPressure=False Ready=False']);
    expect((writes('/api/v1/nodes/worker-1/status')[0].body as Node).status!.conditions![3]).toMatchObject({
      reason: 'KubeletNotReady',
      message: 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized',
    });
    await sim.advance(6000);
    expect(statuses()[1]).toBe('MemoryPressure=False DiskPressure=False PIDPressure=False Ready=True');
    expect(transport.events.map((e) => `${e.reason}: ${e.message}`)).toEqual([
      'Starting: Starting kubelet.',
      'NodeHasSufficientMemory: Node worker-1 status is now: NodeHasSufficientMemory',
      'NodeHasNoDiskPressure: Node worker-1 status is now: NodeHasNoDiskPressure',
      'NodeHasSufficientPID: Node worker-1 status is now: NodeHasSufficientPID',
      'NodeAllocatableEnforced: Updated Node Allocatable limit across pods',
      'NodeReady: Node worker-1 status is now: NodeReady',
    ]);
  });

  it('creates its Lease and renews it every 10s; posts unchanged status only every 5 minutes', async () => {
    const { sim, kubelet, writes } = setup();
    await kubelet.start();
    await sim.advance(1000);
    const lease = writes('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases', 'POST')[0].body as Lease;
    expect(lease.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'worker-1', uid: 'uid-worker-1' }]);
    expect(lease.spec).toEqual({ holderIdentity: 'worker-1', leaseDurationSeconds: 40, renewTime: '2025-01-01T00:00:00.000000Z' });
    const statusWrites = writes('/api/v1/nodes/worker-1/status').length;
    await sim.advance(60_000);
    const renewals = writes('/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/worker-1', 'PUT');
    expect(renewals).toHaveLength(6);
    expect((renewals[5].body as Lease).spec?.renewTime).toBe('2025-01-01T00:01:00.000000Z');
    expect(writes('/api/v1/nodes/worker-1/status')).toHaveLength(statusWrites);
    await sim.advance(300_000);
    expect(writes('/api/v1/nodes/worker-1/status')).toHaveLength(statusWrites + 1);
    kubelet.stop();
  });

  it('writes nothing once stopped (a node crash)', async () => {
    const { sim, kubelet, transport } = setup();
    await kubelet.start();
    kubelet.stop();
    const n = transport.requests.length;
    await sim.advance(600_000);
    expect(transport.requests.length).toBe(n);
    expect(kubelet.isRunning).toBe(false);
  });

  it('adopts its existing Node after a restart and reports the transition back from Unknown', async () => {
    const unknown = (type: string) => ({ type, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    const existing: Node = {
      metadata: { name: 'worker-1', uid: 'uid-worker-1', labels: { custom: 'kept' } },
      spec: { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] },
      status: { conditions: ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'Ready'].map(unknown) },
    };
    const { sim, kubelet, transport, writes } = setup(existing, 'general');
    await kubelet.start();
    await sim.advance(6000);
    const labelPatch = writes('/api/v1/nodes/worker-1', 'PATCH')[0].body as Node;
    expect(labelPatch.metadata?.labels).toMatchObject({ custom: 'kept', 'kubernetes.io/hostname': 'worker-1' });
    expect(transport.events.map((e) => e.reason)).toEqual([
      'Starting',
      'NodeHasSufficientMemory',
      'NodeHasNoDiskPressure',
      'NodeHasSufficientPID',
      'NodeNotReady',
      'NodeAllocatableEnforced',
      'NodeReady',
    ]);
  });
});
