import type { Pod } from 'kubernetes-types/core/v1';
import { formatGoDuration } from '../../api/goDuration';
import { findContainerStatus, waitingContainerStatus } from '../podStatus';
import { fieldPathOf, isActive, specOf, Step } from '../runtime';
import { backOffMs, exactly, transition } from './transition';
import type { ContainerStage } from './types';

// Reasons of pkg/kubelet/events/event.go and kubecontainer.ErrCrashLoopBackOff (v1.32).
export const BackOffStartContainer = 'BackOff';
export const CrashLoopBackOff = 'CrashLoopBackOff';

/** formatPod is format.Pod: name_namespace(uid). */
const formatPod = (pod: Pod) => `${pod.metadata?.name}_${pod.metadata?.namespace}(${pod.metadata?.uid})`;

// Messages of kuberuntime_manager.go doBackOff (v1.32).
export const msgBackOffRestart = (name: string, pod: Pod) => `Back-off restarting failed container ${name} in pod ${formatPod(pod)}`;
export const msgCrashLoop = (backOff: number, name: string, pod: Pod) =>
  `back-off ${formatGoDuration(backOff)} restarting failed container=${name} pod=${formatPod(pod)}`;

/** stableRunMs is how long a container must have run for its back-off to start over (10 minutes). */
const stableRunMs = 10 * 60_000;

/**
 * crashLoop handles an exited container that the restart policy restarts. The first exit restarts
 * at the next sync; later ones wait out a back-off of 10s, 20s, 40s … capped at 5m, shown as
 * CrashLoopBackOff with a BackOff event, as the kubelet's doBackOff does.
 */
export const crashLoop: ContainerStage = {
  name: 'crash-loop',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Exited,
  delay: (_pod, _rt, _c, env) => env.timing.resync,
  next(pod, rt, c, now, env) {
    const ranMs = now - c.since + (c.runMs ?? 0);
    const crashes = ranMs >= stableRunMs ? 0 : c.crashes;
    if (crashes === 0 && (c.restarts === 0 || ranMs >= stableRunMs)) {
      return { runtime: transition(pod, rt, { ...c, step: Step.Waiting, since: now, restarts: c.restarts + 1, crashes: 1 }, now) };
    }
    const spec = specOf(pod, c);
    const wait = backOffMs(crashes, env.timing.backOffBaseMs, env.timing.backOffMaxMs);
    const cs = waitingContainerStatus(findContainerStatus(rt.status, c), spec, c, CrashLoopBackOff, msgCrashLoop(wait, spec.name, pod));
    return {
      runtime: transition(pod, rt, { ...c, step: Step.CrashBackOff, since: now, backOffMs: wait, crashes: crashes + 1 }, now, cs),
      events: [{ type: 'Warning', reason: BackOffStartContainer, message: msgBackOffRestart(spec.name, pod), fieldPath: fieldPathOf(c) }],
    };
  },
};

/** crashRestart restarts a crash-looping container when its back-off has passed. */
export const crashRestart: ContainerStage = {
  name: 'crash-restart',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.CrashBackOff,
  delay: (_pod, _rt, c, _env, now) => exactly(c.since + (c.backOffMs ?? 0) - now),
  next: (pod, rt, c, now) => ({ runtime: transition(pod, rt, { ...c, step: Step.Waiting, since: now, restarts: c.restarts + 1 }, now) }),
};
