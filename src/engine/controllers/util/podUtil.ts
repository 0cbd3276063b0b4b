import type { Pod, PodCondition } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';

// Pod readiness and activity as pkg/api/v1/pod/util.go and pkg/controller/controller_utils.go (v1.32).

/** getPodReadyCondition returns the pod's Ready condition, if any. */
export function getPodReadyCondition(pod: Pod): PodCondition | undefined {
  const conditions = pod.status?.conditions;
  if (!conditions) return undefined;
  for (const c of conditions) if (c.type === 'Ready') return c;
  return undefined;
}

/** isPodReady reports whether the pod's Ready condition is True. */
export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/**
 * isPodAvailable reports whether the pod has been ready for at least minReadySeconds at nowMs:
 * the Ready condition's lastTransitionTime plus minReadySeconds lies strictly before now.
 */
export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  const c = getPodReadyCondition(pod);
  if (c?.status !== 'True') return false;
  if (!minReadySeconds) return true;
  const since = parseTime(c.lastTransitionTime);
  return !Number.isNaN(since) && since + minReadySeconds * 1000 < nowMs;
}

/** isPodActive is true for a pod neither terminated (Succeeded, Failed) nor being deleted. */
export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata?.deletionTimestamp;
}

/** filterActivePods keeps the active pods. */
export function filterActivePods(pods: Pod[]): Pod[] {
  return pods.filter(isPodActive);
}

/** podKey is the expectations key of a pod: "namespace/name" (controller.PodKey). */
export function podKey(pod: Pod): string {
  return `${pod.metadata?.namespace ?? ''}/${pod.metadata?.name ?? ''}`;
}
