import type { Container, Pod } from 'kubernetes-types/core/v1';
import { getAffinityTerms, getWeightedAffinityTerms, type AffinityTerm, type WeightedAffinityTerm } from './affinityTerm';
import { DefaultMemoryRequest, DefaultMilliCPURequest, podRequests, type Resource } from './podResources';

/** HostPort is one (ip, protocol, port) a pod claims on its node; ip "0.0.0.0" means every address. */
export interface HostPort {
  ip: string;
  protocol: string;
  port: number;
}

/**
 * PodInfo is framework.PodInfo: a pod with everything the plugins derive from it worked out once,
 * when it enters the queue or the cache, instead of once per node.
 */
export interface PodInfo {
  readonly pod: Pod;
  /** key is "namespace/name", the cache and queue key. */
  readonly key: string;
  readonly namespace: string;
  readonly priority: number;
  /** requests is PodRequests: what NodeResourcesFit filters on and NodeInfo.requested sums. */
  readonly requests: Resource;
  /** nonZeroMilliCPU and nonZeroMemory apply the 100m / 200Mi defaults that scoring uses. */
  readonly nonZeroMilliCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  /** terminating pods are not counted by PodTopologySpread (see kubernetes#87621). */
  readonly terminating: boolean;
  /** The pod's inter-pod (anti-)affinity terms, parsed once (PodInfo.RequiredAffinityTerms etc.). */
  readonly requiredAffinityTerms: readonly AffinityTerm[];
  readonly requiredAntiAffinityTerms: readonly AffinityTerm[];
  readonly preferredAffinityTerms: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinityTerms: readonly WeightedAffinityTerm[];
}

/** podKey is the "namespace/name" of a pod. */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}

/** podPriority is corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: Pod): number {
  return pod.spec?.priority ?? 0;
}

/** newPodInfo derives a PodInfo from a pod. */
export function newPodInfo(pod: Pod): PodInfo {
  const requests = podRequests(pod);
  // The scoring defaults only fill in missing requests: without any, the sums are the requests.
  const podAffinity = pod.spec?.affinity?.podAffinity;
  const podAntiAffinity = pod.spec?.affinity?.podAntiAffinity;
  const nonZero = requestsCpuAndMemory(pod) ? requests : podRequests(pod, { milliCPU: DefaultMilliCPURequest, memory: DefaultMemoryRequest });
  return {
    pod,
    key: podKey(pod),
    namespace: pod.metadata?.namespace ?? '',
    priority: podPriority(pod),
    requests,
    nonZeroMilliCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts: containerHostPorts(pod),
    terminating: !!pod.metadata?.deletionTimestamp,
    requiredAffinityTerms: getAffinityTerms(pod, podAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    requiredAntiAffinityTerms: getAffinityTerms(pod, podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution),
    preferredAffinityTerms: getWeightedAffinityTerms(pod, podAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
    preferredAntiAffinityTerms: getWeightedAffinityTerms(pod, podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution),
  };
}

/** requestsCpuAndMemory reports whether every container and init container requests both cpu and memory. */
function requestsCpuAndMemory(pod: Pod): boolean {
  return eachRequestsCpuAndMemory(pod.spec?.containers) && eachRequestsCpuAndMemory(pod.spec?.initContainers);
}

function eachRequestsCpuAndMemory(containers: readonly Container[] | undefined): boolean {
  for (const c of containers ?? []) if (c.resources?.requests?.cpu === undefined || c.resources.requests.memory === undefined) return false;
  return true;
}

/** containerHostPorts lists the host ports of a pod's init and app containers (schedutil.GetHostPorts). */
export function containerHostPorts(pod: Pod): HostPort[] {
  let out: HostPort[] | undefined;
  for (const list of [pod.spec?.initContainers, pod.spec?.containers]) {
    for (const c of list ?? []) {
      for (const p of c.ports ?? []) {
        if (!p.hostPort || p.hostPort <= 0) continue;
        (out ??= []).push({ ip: p.hostIP || '0.0.0.0', protocol: p.protocol || 'TCP', port: p.hostPort });
      }
    }
  }
  return out ?? noPorts;
}

const noPorts: HostPort[] = [];

/** moreImportantPod is util.MoreImportantPod: higher priority first, then the earlier start. */
export function moreImportantPod(a: Pod, b: Pod): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return podStartTime(a) < podStartTime(b);
}

/** podStartTime is status.startTime, else creationTimestamp, in ms (util.GetPodStartTime). */
export function podStartTime(pod: Pod): number {
  const t = pod.status?.startTime ?? pod.metadata?.creationTimestamp;
  const ms = t ? Date.parse(t) : NaN;
  return Number.isNaN(ms) ? 0 : ms;
}
