import type { Pod } from 'kubernetes-types/core/v1';
import { findContainerStatus, terminatedContainerStatus } from '../podStatus';
import { containerProgram } from '../programs/program';
import { isActive, specOf, Step, type ContainerRuntime } from '../runtime';
import { exactly, transition } from './transition';
import type { ContainerStage } from './types';

/** willRestart applies the restart policy (the container's own for sidecars) to an exit code. */
export function willRestart(pod: Pod, c: ContainerRuntime, exitCode: number): boolean {
  if (c.sidecar) return true;
  const policy = pod.spec?.restartPolicy ?? 'Always';
  if (c.init) return exitCode !== 0 && policy !== 'Never';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/**
 * podComplete is a container's process exiting on its own, after the run time its image and
 * command give it (`echo hi` at once, `sleep 5` after 5s, perl's pi after a few seconds). It is
 * terminated with Completed or Error; the restart policy decides whether crash.ts restarts it.
 */
export const podComplete: ContainerStage = {
  name: 'pod-complete',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Running && Number.isFinite(c.runMs ?? Infinity),
  delay: (_pod, _rt, c, _env, now) => exactly(c.since + (c.runMs ?? 0) - now),
  next(pod, rt, c, now, env) {
    const spec = specOf(pod, c);
    const { exitCode } = containerProgram(pod, spec, c.restarts, env.configObjects(pod.metadata?.namespace ?? ''));
    const cs = terminatedContainerStatus(findContainerStatus(rt.status, c), spec, c, rt.uid, exitCode, now);
    const step = willRestart(pod, c, exitCode) ? Step.Exited : Step.Done;
    return { runtime: transition(pod, rt, { ...c, step, since: now, exitCode }, now, cs) };
  },
};
