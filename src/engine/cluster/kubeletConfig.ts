import type { KubeletConfig, ProfileName } from '../kubelet/config';
import type { NodeSpec } from './topology';
import { controlPlaneStaticPods } from './controlPlanePods';

/** ControlPlaneTaint keeps ordinary workloads off control-plane nodes, as kubeadm registers it. */
export const ControlPlaneTaint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' } as const;

/** kubeletConfigFor turns a node of the topology into its kubelet's configuration. */
export function kubeletConfigFor(n: NodeSpec, profile: ProfileName = 'general'): KubeletConfig {
  return {
    nodeName: n.name,
    capacity: { cpu: n.cpu, memory: n.memory, pods: n.pods, 'ephemeral-storage': '100Gi' },
    taints: n.role === 'control-plane' ? [{ ...ControlPlaneTaint }] : [],
    podCIDR: n.podCIDR,
    internalIP: n.internalIP,
    role: n.role,
    zone: n.zone,
    profile,
    staticPods: n.role === 'control-plane' ? controlPlaneStaticPods(n.internalIP) : undefined,
  };
}
