import type { Pod } from 'kubernetes-types/core/v1';
import { findContainerStatus, terminatedContainerStatus } from '../podStatus';
import { containerProgram } from '../programs/program';
import { isActive, specOf, Step, withContainer, type ContainerRuntime } from '../runtime';
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
    const { exitCode } = containerProgram(pod, spec, c.restarts, env.clusterView(pod.metadata?.namespace ?? '', c.since));
    const cs = terminatedContainerStatus(findContainerStatus(rt.status, c), spec, c, rt.uid, exitCode, now);
    const step = willRestart(pod, c, exitCode) ? Step.Exited : Step.Done;
    return { runtime: transition(pod, rt, { ...c, step, since: now, exitCode }, now, cs) };
  },
};

/** awaitPollMs is how often a run waiting on DNS names is looked at again (a loop's usual sleep). */
const awaitPollMs = 1000;

/**
 * podAwaitDns follows a run whose script waits for Services in DNS (`until nslookup …`): once they
 * exist the loop ends at its next round, so the run gets a length and podComplete times its end.
 */
export const podAwaitDns: ContainerStage = {
  name: 'pod-await-dns',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Running && c.runMs === Infinity && !!c.awaitsDns,
  delay: () => exactly(awaitPollMs),
  next(pod, rt, c, _now, env) {
    const { runMs } = containerProgram(pod, specOf(pod, c), c.restarts, env.clusterView(pod.metadata?.namespace ?? '', c.since));
    return { runtime: runMs === Infinity ? rt : withContainer(rt, { ...c, runMs }) };
  },
};
