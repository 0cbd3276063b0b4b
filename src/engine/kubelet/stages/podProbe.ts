import type { Pod, Probe } from 'kubernetes-types/core/v1';
import { findContainerStatus, terminatedContainerStatus } from '../podStatus';
import { probeEventMessage, probeVaries, runProbe, type ProbeResult, type ProbeType } from '../prober';
import { containerProgram } from '../programs/program';
import { stopWithin, type ContainerProgram } from '../programs/types';
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

/** Probed is one of a container's probes the prober runs now. */
interface Probed {
  type: ProbeType;
  probe: Probe;
}

/** activeProbes are the probes the kubelet runs on a running container: the startup probe until it succeeds, then liveness and readiness. */
function activeProbes(pod: Pod, rt: PodRuntime, c: ContainerRuntime): Probed[] {
  const spec = specOf(pod, c);
  if (spec.startupProbe && !findContainerStatus(rt.status, c)?.started) return [{ type: 'Startup', probe: spec.startupProbe }];
  const out: Probed[] = [];
  if (spec.livenessProbe) out.push({ type: 'Liveness', probe: spec.livenessProbe });
  if (spec.readinessProbe) out.push({ type: 'Readiness', probe: spec.readinessProbe });
  return out;
}

/** run runs one probe of the container now (its run began at c.since). */
function run(pod: Pod, rt: PodRuntime, c: ContainerRuntime, program: ContainerProgram, probe: Probe, now: number): ProbeResult {
  return runProbe(probe, specOf(pod, c), program, rt.podIP, now - c.since);
}

/** probeSucceeds reports whether a probe of the container succeeds now (true when there is none). */
export function probeSucceeds(pod: Pod, rt: PodRuntime, c: ContainerRuntime, probe: Probe | undefined, now: number): boolean {
  if (!probe) return true;
  return run(pod, rt, c, containerProgram(pod, specOf(pod, c), c.restarts), probe, now).result === 'success';
}

/**
 * needsProber: a running container gets periodic probe runs while one of its probes can change its
 * result (an exec probe of a scripted process) or does not succeed; a container whose probes all
 * pass for good is left to podReady.
 */
function needsProber(pod: Pod, rt: PodRuntime, c: ContainerRuntime, now: number): boolean {
  const probes = activeProbes(pod, rt, c);
  if (probes.length === 0) return false;
  const program = containerProgram(pod, specOf(pod, c), c.restarts);
  return probes.some((p) => probeVaries(p.probe, specOf(pod, c), program) || run(pod, rt, c, program, p.probe, now).result !== 'success');
}

/** nextProbeAt is the prober's next run: scheduled by the last one, or the start plus the shortest initial delay. */
function nextProbeAt(pod: Pod, rt: PodRuntime, c: ContainerRuntime): number {
  return c.probeAt ?? c.since + Math.min(...activeProbes(pod, rt, c).map((p) => (p.probe.initialDelaySeconds ?? 0) * 1000));
}

/**
 * podProbe is the kubelet's probe workers on a running container, on a channel of their own: each
 * period they run the probes whose initial delay has passed. A failure records an Unhealthy event;
 * readiness sets the container ready or not; the startup probe's first success marks it started;
 * failureThreshold consecutive liveness or startup failures kill it: it stops as its image does on
 * its stop signal, or is killed (137) at the end of the grace period, and restarts as the restart
 * policy says (crash.ts backs repeated restarts off into CrashLoopBackOff).
 */
export const podProbe: ContainerStage = {
  name: 'pod-probe',
  scope: 'container',
  channel: '/probe',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Running && (!c.init || c.sidecar) && needsProber(pod, rt, c, c.probeAt ?? c.since),
  delay: (pod, rt, c, _env, now) => exactly(nextProbeAt(pod, rt, c) - now),
  next(pod, rt, c, now, env) {
    // A timer armed in an earlier run of the container finds the new run not due yet.
    if (now < nextProbeAt(pod, rt, c)) return { runtime: rt };
    const spec = specOf(pod, c);
    const program = containerProgram(pod, spec, c.restarts, env.clusterView(pod.metadata?.namespace ?? '', c.since));
    const fieldPath = fieldPathOf(c);
    const cs = findContainerStatus(rt.status, c)!;
    const events: StageEvent[] = [];
    let { started = false, ready } = cs;
    let killer: Probed | undefined;
    let failures = c.probeFailures ?? 0;
    const probes = activeProbes(pod, rt, c);
    for (const p of probes) {
      if (now - c.since < (p.probe.initialDelaySeconds ?? 0) * 1000) continue;
      const r = run(pod, rt, c, program, p.probe, now);
      if (r.result !== 'success') events.push({ type: 'Warning', reason: ContainerUnhealthy, message: probeEventMessage(p.type, r), fieldPath });
      // An errored probe's result is thrown away.
      if (r.result === 'error') continue;
      const ok = r.result === 'success';
      if (p.type === 'Readiness') ready = ok;
      else if (ok) {
        failures = 0;
        if (p.type === 'Startup') started = true;
      } else if (++failures >= (p.probe.failureThreshold ?? 3)) killer = p;
    }
    if (killer) return kill(pod, rt, c, program, killer, now, events);
    const periodMs = Math.min(...probes.map((p) => (p.probe.periodSeconds ?? 10) * 1000));
    const next: ContainerRuntime = { ...c, probeAt: now + periodMs, probeFailures: failures };
    const changed = started !== (cs.started ?? false) || ready !== cs.ready;
    return { runtime: transition(pod, rt, next, now, changed ? { ...cs, started, ready: ready && started } : undefined), events };
  },
};

/** kill has a container its liveness or startup probe failed stopped: with its stop signal, or SIGKILL once the grace period is over. */
function kill(pod: Pod, rt: PodRuntime, c: ContainerRuntime, program: ContainerProgram, killer: Probed, now: number, events: StageEvent[]) {
  const spec = specOf(pod, c);
  const graceMs = (killer.probe.terminationGracePeriodSeconds ?? pod.spec?.terminationGracePeriodSeconds ?? 30) * 1000;
  const { ms, exitCode } = stopWithin(program, graceMs);
  events.push({ type: 'Normal', reason: KillingContainer, message: msgKilling(spec.name, killer.type, willRestart(pod, c, exitCode)), fieldPath: fieldPathOf(c) });
  const next: ContainerRuntime = { ...c, step: Step.Stopping, stopAt: now + ms, exitCode, probeAt: undefined, probeFailures: 0 };
  return { runtime: transition(pod, rt, next, now), events };
}

/** podProbeKilled is a killed container exiting; the restart policy decides what follows (crash.ts). */
export const podProbeKilled: ContainerStage = {
  name: 'pod-probe-killed',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Stopping,
  delay: (_pod, _rt, c, _env, now) => exactly((c.stopAt ?? now) - now),
  next(pod, rt, c, now) {
    const exitCode = c.exitCode ?? 137;
    const cs = terminatedContainerStatus(findContainerStatus(rt.status, c), specOf(pod, c), c, rt.uid, exitCode, now);
    // runMs becomes the length of the run that ended, which the crash loop's back-off looks at.
    const step = willRestart(pod, c, exitCode) ? Step.Exited : Step.Done;
    return { runtime: transition(pod, rt, { ...c, step, since: now, runMs: now - c.since, stopAt: undefined }, now, cs) };
  },
};
