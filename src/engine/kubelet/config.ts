import type { Pod, Taint } from 'kubernetes-types/core/v1';

/**
 * ClusterDNS is the kubelet's clusterDNS setting, the nameserver of ClusterFirst pods: kubeadm and
 * kind give it the kube-dns Service's address.
 */
export const ClusterDNS = '10.96.0.10';

/** NodeRole is the kubeadm role of a node. */
export type NodeRole = 'worker' | 'control-plane';

/** ProfileName names a list of stages (stages/profiles.ts): "fast" for tests and big clusters, "general" for people. */
export type ProfileName = 'fast' | 'general';

/** KubeletConfig is what one simulated kubelet knows about its node before registering it. */
export interface KubeletConfig {
  nodeName: string;
  /** capacity is the machine: cpu "4", memory "8Gi", pods "110", ephemeral-storage "100Gi". */
  capacity: { cpu: string; memory: string; pods?: string; 'ephemeral-storage'?: string };
  labels?: Record<string, string>;
  /** taints are registered with the node (kubelet --register-with-taints). */
  taints?: Taint[];
  podCIDR: string;
  internalIP: string;
  role: NodeRole;
  /** zone and region become topology.kubernetes.io labels. */
  zone?: string;
  region?: string;
  profile?: ProfileName;
  /** staticPods are the node's manifests (kubelet --pod-manifest-path); the API sees their mirror pods. */
  staticPods?: Pod[];
}

/** KubeletVersion is the version every simulated node reports. */
export const KubeletVersion = 'v1.32.4';

/** ContainerRuntimeVersion is containerd's version as nodeInfo reports it. */
export const ContainerRuntimeVersion = 'containerd://1.7.24';

/** nodeStatusUpdateFrequencyMs is how often the kubelet computes its node status (nodeStatusUpdateFrequency). */
export const nodeStatusUpdateFrequencyMs = 10_000;

/** nodeStatusReportFrequencyMs is how often an unchanged node status is still posted (nodeStatusReportFrequency). */
export const nodeStatusReportFrequencyMs = 5 * 60_000;

/** nodeLeaseDurationSeconds is the Lease's leaseDurationSeconds (nodeLeaseDurationSeconds). */
export const nodeLeaseDurationSeconds = 40;

/** nodeLeaseRenewIntervalMs is how often the Lease is renewed: a quarter of its duration. */
export const nodeLeaseRenewIntervalMs = 10_000;

/** NodeLeaseNamespace holds one Lease per node. */
export const NodeLeaseNamespace = 'kube-node-lease';
