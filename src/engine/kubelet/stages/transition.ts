import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { finalizeStatus, withContainerStatus, withSandbox } from '../podStatus';
import { withContainer, type ContainerRuntime, type PodRuntime } from '../runtime';

/** jitterless is a Delay of exactly ms. */
export const exactly = (ms: number) => ({ ms: Math.max(0, ms), jitterMs: 0 });

/**
 * transition returns the runtime record after container c moved on: c replaced and, when cs is
 * given, its status written into the pod status with phase and conditions recomputed. Any status
 * written after the sandbox exists carries the pod IP.
 */
export function transition(pod: Pod, rt: PodRuntime, c: ContainerRuntime, now: number, cs?: ContainerStatus): PodRuntime {
  const next = withContainer(rt, c);
  if (!cs) return next;
  let status = withContainerStatus(rt.status, c.init, cs);
  if (next.sandboxReadyAt !== undefined) status = withSandbox(status, next);
  return { ...next, status: finalizeStatus(pod, next, status, now) };
}

/** backOffMs is the kubelet's back-off for the n-th failure (n from 1): base doubling up to max. */
export function backOffMs(n: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, n - 1));
}
