import { findContainerStatus, runningContainerStatus, waitingContainerStatus } from '../podStatus';
import { resolveEnv } from '../programs/containerEnv';
import { containerProgram } from '../programs/program';
import { fieldPathOf, isActive, isTurn, specOf, Step, type ContainerRuntime } from '../runtime';
import { transition } from './transition';
import type { ContainerStage, StageEvent } from './types';

// Event reasons of pkg/kubelet/events/event.go and the waiting reason of
// pkg/kubelet/kuberuntime/kuberuntime_container.go (v1.32).
export const CreatedContainer = 'Created';
export const StartedContainer = 'Started';
export const FailedToCreateContainer = 'Failed';
export const InvalidEnvironmentVariableNames = 'InvalidEnvironmentVariableNames';
export const CreateContainerConfigError = 'CreateContainerConfigError';

// Messages of pkg/kubelet/kuberuntime/kuberuntime_container.go startContainer (v1.32: "Created container: x").
export const msgCreated = (name: string) => `Created container: ${name}`;
export const msgStarted = (name: string) => `Started container ${name}`;

/**
 * podStart creates and starts a container whose image is on the node. Without readiness or
 * startup probes it is ready at once; a regular init container is never ready while it runs.
 */
export const podStart: ContainerStage = {
  name: 'pod-start',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Pulled && isTurn(rt, c),
  delay: (_pod, _rt, _c, env) => env.timing.start,
  next(pod, rt, c, now, env) {
    const spec = specOf(pod, c);
    const view = env.clusterView(pod.metadata?.namespace ?? '', now);
    const made = resolveEnv(pod, spec, view.objects, view.allocatable);
    // An object the node has not listed yet: the stage runs again shortly.
    if (made.waiting) return { runtime: rt };
    if (made.error) {
      const cs = waitingContainerStatus(findContainerStatus(rt.status, c), spec, c, CreateContainerConfigError, made.error);
      return {
        runtime: transition(pod, rt, { ...c, step: Step.ConfigError, since: now }, now, cs),
        events: [{ type: 'Warning', reason: FailedToCreateContainer, message: `Error: ${made.error}`, fieldPath: fieldPathOf(c) }],
      };
    }
    const probed = !!spec.readinessProbe || !!spec.startupProbe;
    const ready = (!c.init || c.sidecar) && !probed;
    const program = containerProgram(pod, spec, c.restarts, view);
    const cs = runningContainerStatus(findContainerStatus(rt.status, c), spec, c, rt.uid, now, ready, !spec.startupProbe);
    const fieldPath = fieldPathOf(c);
    // The kubelet records these about the pod, not the container.
    const skipped: StageEvent[] = (made.skipped ?? []).map((message) => ({ type: 'Warning', reason: InvalidEnvironmentVariableNames, message }));
    const running: ContainerRuntime = { ...c, step: Step.Running, since: now, runMs: program.runMs, probeAt: undefined, probeFailures: 0 };
    // Set apart, for the few runs that wait on DNS: a conditional spread would give every container another shape.
    if (program.awaits) running.awaitsDns = true;
    return {
      runtime: transition(pod, rt, running, now, cs),
      events: [
        ...skipped,
        { type: 'Normal', reason: CreatedContainer, message: msgCreated(spec.name), fieldPath },
        { type: 'Normal', reason: StartedContainer, message: msgStarted(spec.name), fieldPath },
      ],
    };
  },
};

/**
 * podConfigRetry syncs a pod whose container could not be created again after the pod worker's
 * back-off (10s, jittered by up to half): the image is checked again, then the container created.
 */
export const podConfigRetry: ContainerStage = {
  name: 'pod-config-retry',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.ConfigError,
  delay: (_pod, _rt, _c, env) => ({ ms: env.timing.backOffBaseMs * 1.25, jitterMs: env.timing.backOffBaseMs * 0.25 }),
  next: (pod, rt, c, now) => ({ runtime: transition(pod, rt, { ...c, step: Step.Waiting, since: now }, now) }),
};
