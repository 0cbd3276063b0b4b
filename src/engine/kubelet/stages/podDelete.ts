import type { Pod } from 'kubernetes-types/core/v1';
import { finalizeStatus, findContainerStatus, terminatedContainerStatus, withContainerStatus } from '../podStatus';
import { containerProgram } from '../programs/program';
import { stopWithin } from '../programs/types';
import { fieldPathOf, specOf, Step, type ContainerRuntime, type PodRuntime } from '../runtime';
import { exactly } from './transition';
import type { PodStage, StageEvent } from './types';

// Reason of pkg/kubelet/events/event.go and message of kuberuntime_container.go killContainer (v1.32).
export const KillingContainer = 'Killing';
export const msgStopping = (name: string) => `Stopping container ${name}`;

/** gracePeriodMs is the pod's remaining grace: deletionGracePeriodSeconds, else its spec's, else 30s. */
function gracePeriodMs(pod: Pod): number {
  return (pod.metadata?.deletionGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
}

/** isRunning: the container's process is up, including one a failed probe is having stopped. */
const isRunning = (c: ContainerRuntime) => c.step === Step.Running || c.step === Step.Stopping;

function running(rt: PodRuntime) {
  return rt.containers.filter(isRunning);
}

/**
 * podKill starts graceful termination once a pod has a deletionTimestamp: SIGTERM to every
 * running container. Each exits after its program's shutdown time, or is killed when the grace
 * period runs out first (a shell or sleep as PID 1 ignores SIGTERM).
 */
export const podKill: PodStage = {
  name: 'pod-kill',
  scope: 'pod',
  match: (pod, rt) => !!pod.metadata?.deletionTimestamp && !rt.stopping,
  delay: (_pod, _rt, env) => env.timing.kill,
  next(pod, rt, now, env) {
    const grace = gracePeriodMs(pod);
    const namespace = pod.metadata?.namespace ?? '';
    let durationMs = 0;
    let killed = false;
    const events: StageEvent[] = [];
    for (const c of running(rt)) {
      const stop = stopWithin(containerProgram(pod, specOf(pod, c), c.restarts, env.clusterView(namespace, c.since)), grace);
      durationMs = Math.max(durationMs, stop.ms);
      killed ||= stop.killed;
      events.push({ type: 'Normal', reason: KillingContainer, message: msgStopping(c.name), fieldPath: fieldPathOf(c) });
    }
    return { runtime: { ...rt, created: true, stopping: { since: now, durationMs, killed } }, events };
  },
};

/**
 * podTerminated ends graceful termination: containers are terminated (exit 0 after a clean
 * shutdown, 137 when killed), the pod reaches Succeeded or Failed, and the kubelet removes it
 * from the API with a zero grace period.
 */
export const podTerminated: PodStage = {
  name: 'pod-terminated',
  scope: 'pod',
  match: (_pod, rt) => !!rt.stopping && !rt.stopping.done,
  delay: (_pod, rt, _env, now) => exactly(rt.stopping!.since + rt.stopping!.durationMs - now),
  next(pod, rt, now, env) {
    const grace = gracePeriodMs(pod);
    const namespace = pod.metadata?.namespace ?? '';
    let status = rt.status;
    const containers = rt.containers.map((c) => {
      if (!isRunning(c)) return c;
      const spec = specOf(pod, c);
      const { exitCode } = stopWithin(containerProgram(pod, spec, c.restarts, env.clusterView(namespace, c.since)), grace);
      const prev = findContainerStatus(status, c);
      if (prev) status = withContainerStatus(status, c.init, terminatedContainerStatus(prev, spec, c, rt.uid, exitCode, now));
      return { ...c, step: Step.Done, since: now, exitCode };
    });
    const next: PodRuntime = { ...rt, containers, stopping: { ...rt.stopping!, done: true } };
    // A pod with nothing running has no new status to report; it is only removed.
    if (running(rt).length > 0) next.status = finalizeStatus(pod, next, status, now, true);
    return { runtime: next, deletePod: true };
  },
};
