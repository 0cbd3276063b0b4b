import type { ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../sim/clock';
import { finalizeStatus } from './podStatus';
import { containerProgram } from './programs/program';
import { newContainerRuntimes, specOf, Step, type ContainerRuntime, type PodRuntime } from './runtime';
import { willRestart } from './stages/podComplete';

function stepFrom(pod: Pod, c: ContainerRuntime, cs: ContainerStatus | undefined): Partial<ContainerRuntime> {
  const s = cs?.state;
  if (s?.running) {
    return { step: Step.Running, since: parseTime(s.running.startedAt), runMs: containerProgram(pod, specOf(pod, c), c.restarts).runMs };
  }
  if (s?.terminated) {
    const exitCode = s.terminated.exitCode;
    return { step: willRestart(pod, c, exitCode) ? Step.Exited : Step.Done, exitCode };
  }
  switch (s?.waiting?.reason) {
    case 'ErrImagePull':
      return { step: Step.PullFailed, pullFailures: 1 };
    case 'ImagePullBackOff':
    case 'ErrImageNeverPull':
      return { step: Step.PullBackOff, pullFailures: 1, backOffMs: 0 };
    case 'CrashLoopBackOff':
      return { step: Step.CrashBackOff, crashes: 1, backOffMs: 0 };
    default:
      return { step: Step.Waiting };
  }
}

/**
 * recoverRuntime rebuilds the kubelet's record of a pod it already reported on, after a kubelet
 * restart: containers keep running (containerd outlived the kubelet) and each resumes from the
 * state its status shows. The status is recomputed, so readiness lost while the node was
 * unreachable comes back.
 */
export function recoverRuntime(pod: Pod, hostIP: string, podIP: string, now: number): PodRuntime {
  const status = pod.status ?? {};
  const containers = newContainerRuntimes(pod, now).map((c) => {
    const list = c.init ? status.initContainerStatuses : status.containerStatuses;
    const cs = list?.find((s) => s.name === c.name);
    const restarts = cs?.restartCount ?? 0;
    return { ...c, restarts, ...stepFrom(pod, { ...c, restarts }, cs) };
  });
  const sandbox = status.conditions?.some((c) => c.type === 'PodReadyToStartContainers' && c.status === 'True') || !!status.podIP;
  const rt: PodRuntime = { uid: pod.metadata?.uid ?? '', hostIP, podIP, created: true, containers, status };
  if (sandbox) rt.sandboxReadyAt = now;
  const terminal = status.phase === 'Succeeded' || status.phase === 'Failed';
  return terminal ? rt : { ...rt, status: finalizeStatus(pod, rt, status, now) };
}
