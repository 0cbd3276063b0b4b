import { findContainerStatus, runningContainerStatus } from '../podStatus';
import { containerProgram } from '../programs/program';
import { fieldPathOf, isActive, isTurn, specOf, Step } from '../runtime';
import { transition } from './transition';
import type { ContainerStage } from './types';

// Event reasons of pkg/kubelet/events/event.go (v1.32).
export const CreatedContainer = 'Created';
export const StartedContainer = 'Started';

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
  next(pod, rt, c, now) {
    const spec = specOf(pod, c);
    const probed = !!spec.readinessProbe || !!spec.startupProbe;
    const ready = (!c.init || c.sidecar) && !probed;
    const program = containerProgram(pod, spec, c.restarts);
    const cs = runningContainerStatus(findContainerStatus(rt.status, c), spec, c, rt.uid, now, ready, !spec.startupProbe);
    const fieldPath = fieldPathOf(c);
    return {
      runtime: transition(pod, rt, { ...c, step: Step.Running, since: now, runMs: program.runMs, probeAt: undefined, probeFailures: 0 }, now, cs),
      events: [
        { type: 'Normal', reason: CreatedContainer, message: msgCreated(spec.name), fieldPath },
        { type: 'Normal', reason: StartedContainer, message: msgStarted(spec.name), fieldPath },
      ],
    };
  },
};
