import type { ContainerStatus, Pod, Probe } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';
import { findContainerStatus, terminatedContainerStatus } from '../podStatus';
import { probeEventMessage, runProbe, type ProbeResult, type ProbeType } from '../prober';
import { containerProgram } from '../programs/program';
import { fieldPathOf, isActive, specOf, Step, type ContainerRuntime, type PodRuntime } from '../runtime';
import { willRestart } from './podComplete';
import { exactly, transition } from './transition';
import type { ContainerStage, StageEvent } from './types';

// Event reasons of pkg/kubelet/events/event.go (v1.32).
export const ContainerUnhealthy = 'Unhealthy';
export const KillingContainer = 'Killing';

/** msgKilling is computePodActions' message for a container a probe failed (kuberuntime_manager.go). */
export const msgKilling = (name: string, type: ProbeType, restart: boolean) =>
  `Container ${name} failed ${type.toLowerCase()} probe${restart ? ', will be restarted' : ''}`;

/** Unhealthy is one probe of a container that did not succeed. */
interface Unhealthy {
  type: ProbeType;
  probe: Probe;
  outcome: Exclude<ProbeResult, { result: 'success' }>;
}

/**
 * unhealthyProbes runs the probes the kubelet runs on a running container now (the startup probe
 * until it succeeds, then liveness and readiness) and returns those that did not succeed.
 */
export function unhealthyProbes(pod: Pod, rt: PodRuntime, c: ContainerRuntime): Unhealthy[] {
  const spec = specOf(pod, c);
  if (!spec.startupProbe && !spec.livenessProbe && !spec.readinessProbe) return [];
  const cs = findContainerStatus(rt.status, c);
  const active: [ProbeType, Probe | undefined][] =
    spec.startupProbe && !cs?.started ? [['Startup', spec.startupProbe]] : [['Liveness', spec.livenessProbe], ['Readiness', spec.readinessProbe]];
  const program = containerProgram(pod, spec, c.restarts);
  const out: Unhealthy[] = [];
  for (const [type, probe] of active) {
    if (!probe) continue;
    const outcome = runProbe(probe, spec, program, rt.podIP);
    if (outcome.result !== 'success') out.push({ type, probe, outcome });
  }
  return out;
}

/** probeSucceeds reports whether a probe of the container succeeds (true when there is none). */
export function probeSucceeds(pod: Pod, rt: PodRuntime, c: ContainerRuntime, probe: Probe | undefined): boolean {
  if (!probe) return true;
  const spec = specOf(pod, c);
  return runProbe(probe, spec, containerProgram(pod, spec, c.restarts), rt.podIP).result === 'success';
}

/** firstProbeAt is when the first of these probes runs: the container's start plus its initial delay. */
function firstProbeAt(cs: ContainerStatus | undefined, unhealthy: Unhealthy[]): number {
  const startedAt = parseTime(cs?.state?.running?.startedAt);
  return startedAt + Math.min(...unhealthy.map((u) => (u.probe.initialDelaySeconds ?? 0) * 1000));
}

/**
 * podProbe is the prober on a running container whose probes do not all succeed: every period it
 * records an Unhealthy event for each; a readiness failure keeps the container unready (podReady
 * waits for success), and after failureThreshold consecutive liveness or startup failures the
 * container is killed: it exits at once with the code its image's stop signal gives (137 when it
 * would outlive the grace period) and restarts as the restart policy says (crash.ts backs off
 * repeated restarts into CrashLoopBackOff).
 */
export const podProbe: ContainerStage = {
  name: 'pod-probe',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Running && (!c.init || c.sidecar) && unhealthyProbes(pod, rt, c).length > 0,
  delay(pod, rt, c, _env, now) {
    const at = c.probeAt ?? firstProbeAt(findContainerStatus(rt.status, c), unhealthyProbes(pod, rt, c));
    return exactly(at - now);
  },
  next(pod, rt, c, now) {
    const unhealthy = unhealthyProbes(pod, rt, c);
    const spec = specOf(pod, c);
    const fieldPath = fieldPathOf(c);
    const events: StageEvent[] = unhealthy.map((u) => ({ type: 'Warning', reason: ContainerUnhealthy, message: probeEventMessage(u.type, u.outcome), fieldPath }));
    // An errored probe's result is thrown away; only failures count towards a kill.
    const killer = unhealthy.find((u) => u.type !== 'Readiness' && u.outcome.result === 'failure');
    const failures = killer ? (c.probeFailures ?? 0) + 1 : 0;
    if (!killer || failures < (killer.probe.failureThreshold ?? 3)) {
      const periodMs = Math.min(...unhealthy.map((u) => (u.probe.periodSeconds ?? 10) * 1000));
      return { runtime: transition(pod, rt, { ...c, probeAt: now + periodMs, probeFailures: failures }, now), events };
    }
    const program = containerProgram(pod, spec, c.restarts);
    const graceMs = (killer.probe.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
    const exitCode = program.stopMs > graceMs ? 137 : program.stopExitCode;
    const restart = willRestart(pod, c, exitCode);
    events.push({ type: 'Normal', reason: KillingContainer, message: msgKilling(spec.name, killer.type, restart), fieldPath });
    const cs = terminatedContainerStatus(findContainerStatus(rt.status, c), spec, c, rt.uid, exitCode, now);
    // runMs becomes the length of the run that ended, which the crash loop's back-off looks at.
    const next: ContainerRuntime = { ...c, step: restart ? Step.Exited : Step.Done, since: now, runMs: now - c.since, exitCode, probeAt: undefined, probeFailures: 0 };
    return { runtime: transition(pod, rt, next, now, cs), events };
  },
};
