import type { Node, NodeCondition, NodeStatus, Taint } from 'kubernetes-types/core/v1';
import { parseQuantity } from '../apiserver/validation/quantity';
import { formatTime } from '../sim/clock';
import { ContainerRuntimeVersion, KubeletVersion, type KubeletConfig } from './config';
import type { PulledImage } from './lifecycle';

// Condition reasons and messages of pkg/kubelet/nodestatus/setters.go (v1.32).
export const KubeletHasSufficientMemory = 'KubeletHasSufficientMemory';
export const KubeletHasNoDiskPressure = 'KubeletHasNoDiskPressure';
export const KubeletHasSufficientPID = 'KubeletHasSufficientPID';
export const KubeletReady = 'KubeletReady';
export const KubeletNotReady = 'KubeletNotReady';
export const msgKubeletReady = 'kubelet is posting ready status';
export const msgNetworkNotReady =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** NodeIdentity is what the machine reports about itself: stable IDs, and a boot ID that changes per boot. */
export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** LabelNodeRoleControlPlane marks a kubeadm control-plane node. */
export const LabelNodeRoleControlPlane = 'node-role.kubernetes.io/control-plane';

/** nodeLabels are the labels the kubelet (and kubeadm) put on a node. */
export function nodeLabels(config: KubeletConfig): Record<string, string> {
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': config.nodeName,
    'kubernetes.io/os': 'linux',
  };
  if (config.role === 'control-plane') {
    labels[LabelNodeRoleControlPlane] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  if (config.zone) labels['topology.kubernetes.io/zone'] = config.zone;
  const region = config.region ?? (config.zone ? regionOf(config.zone) : undefined);
  if (region) labels['topology.kubernetes.io/region'] = region;
  return { ...labels, ...config.labels };
}

/** regionOf derives a region from a zone name the way clouds spell them: us-east-1a, us-central1-a. */
function regionOf(zone: string): string {
  return /^(.*\d)[a-z]$/.exec(zone)?.[1] ?? /^(.*)-[a-z]$/.exec(zone)?.[1] ?? zone;
}

/** nodeTaints are the taints registered with the node: the config's, or kubeadm's control-plane taint. */
export function nodeTaints(config: KubeletConfig): Taint[] {
  if (config.taints) return config.taints;
  return config.role === 'control-plane' ? [{ key: LabelNodeRoleControlPlane, effect: 'NoSchedule' }] : [];
}

/** nodeCapacity renders the machine's resources as cAdvisor reports them (memory and disk in Ki). */
export function nodeCapacity(config: KubeletConfig): Record<string, string> {
  const ki = (q: string) => `${Math.floor((parseQuantity(q) ?? 0) / 1024)}Ki`;
  return {
    cpu: config.capacity.cpu,
    'ephemeral-storage': ki(config.capacity['ephemeral-storage'] ?? '100Gi'),
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: ki(config.capacity.memory),
    pods: config.capacity.pods ?? '110',
  };
}

/**
 * nodeAllocatable is capacity minus kubeadm's defaults: no kube or system reservation, and the
 * hard eviction thresholds memory.available<100Mi and nodefs.available<10%.
 */
export function nodeAllocatable(capacity: Record<string, string>): Record<string, string> {
  const memKi = (parseQuantity(capacity.memory) ?? 0) / 1024;
  const diskBytes = parseQuantity(capacity['ephemeral-storage']) ?? 0;
  return {
    ...capacity,
    'ephemeral-storage': String(Math.floor(diskBytes * 0.9)),
    memory: `${Math.max(0, memKi - 100 * 1024)}Ki`,
  };
}

/** nodeConditions are the kubelet's four conditions, keeping transition times that did not change. */
export function nodeConditions(networkReady: boolean, now: number, previous: NodeCondition[] | undefined): NodeCondition[] {
  const ts = formatTime(now);
  const cond = (type: string, status: string, reason: string, message: string): NodeCondition => {
    const old = previous?.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: ts, lastTransitionTime: old?.status === status ? old.lastTransitionTime : ts, reason, message };
  };
  return [
    cond('MemoryPressure', 'False', KubeletHasSufficientMemory, 'kubelet has sufficient memory available'),
    cond('DiskPressure', 'False', KubeletHasNoDiskPressure, 'kubelet has no disk pressure'),
    cond('PIDPressure', 'False', KubeletHasSufficientPID, 'kubelet has sufficient PID available'),
    networkReady ? cond('Ready', 'True', KubeletReady, msgKubeletReady) : cond('Ready', 'False', KubeletNotReady, msgNetworkNotReady),
  ];
}

/** nodeStatus is the full status the kubelet posts. */
export function nodeStatus(
  config: KubeletConfig,
  id: NodeIdentity,
  conditions: NodeCondition[],
  images: PulledImage[],
): NodeStatus {
  const capacity = nodeCapacity(config);
  return {
    capacity,
    allocatable: nodeAllocatable(capacity),
    conditions,
    addresses: [
      { type: 'InternalIP', address: config.internalIP },
      { type: 'Hostname', address: config.nodeName },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: id.machineID,
      systemUUID: id.systemUUID,
      bootID: id.bootID,
      kernelVersion: '6.8.0-1015-gcp',
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      containerRuntimeVersion: ContainerRuntimeVersion,
      kubeletVersion: KubeletVersion,
      kubeProxyVersion: KubeletVersion,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
    images: images.map((i) => ({ names: i.names, sizeBytes: i.sizeBytes })),
    runtimeHandlers: [
      { name: 'runc', features: { recursiveReadOnlyMounts: false, userNamespaces: false } as { recursiveReadOnlyMounts: boolean } },
      { name: '', features: { recursiveReadOnlyMounts: false, userNamespaces: false } as { recursiveReadOnlyMounts: boolean } },
    ],
  };
}

/** newNode is the Node object the kubelet registers (kubelet_node_status.go initialNode). */
export function newNode(config: KubeletConfig, status: NodeStatus): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: config.nodeName,
      labels: nodeLabels(config),
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: config.podCIDR, podCIDRs: [config.podCIDR], ...(nodeTaints(config).length ? { taints: nodeTaints(config) } : {}) },
    status,
  };
}

/** statusSignature is what decides whether a node status changed: everything but heartbeat times. */
export function statusSignature(s: NodeStatus): string {
  const conditions = (s.conditions ?? []).map((c) => `${c.type}=${c.status}/${c.reason}/${c.message}`).join(',');
  const images = (s.images ?? []).map((i) => i.names?.[0]).join(',');
  return `${conditions}|${images}|${JSON.stringify(s.capacity)}|${s.nodeInfo?.bootID}`;
}
