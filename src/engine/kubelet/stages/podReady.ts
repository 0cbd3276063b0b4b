import type { Container, Probe } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';
import { findContainerStatus } from '../podStatus';
import { isActive, specOf, Step } from '../runtime';
import { probeSucceeds } from './podProbe';
import { transition } from './transition';
import type { ContainerStage } from './types';

/** firstSuccessMs is when a probe first succeeds after the container started: its initial delay, then a prober tick. */
function firstSuccessMs(p: Probe | undefined): number {
  if (!p) return 0;
  return (p.initialDelaySeconds ?? 0) * 1000 + Math.min(1000, (p.periodSeconds ?? 10) * 1000) / 2;
}

/**
 * podReady is the first successful startup and readiness probe of a running container: started
 * and ready turn true, and with them the pod's ContainersReady and Ready conditions. A startup
 * probe that fails holds both back; a readiness probe that fails holds back ready (podProbe.ts
 * reports them and kills on liveness).
 */
export const podReady: ContainerStage = {
  name: 'pod-ready',
  scope: 'container',
  match(pod, rt, c) {
    if (!isActive(pod, rt) || c.step !== Step.Running || (c.init && !c.sidecar)) return false;
    const cs = findContainerStatus(rt.status, c);
    if (!cs?.state?.running) return false;
    const spec = specOf(pod, c);
    // Probes are judged at the first success this stage would report.
    const at = c.since + dueMs(spec);
    if (!cs.started) return probeSucceeds(pod, rt, c, spec.startupProbe, at);
    return !cs.ready && probeSucceeds(pod, rt, c, spec.readinessProbe, at);
  },
  delay(pod, rt, c, _env, now) {
    const startedAt = parseTime(findContainerStatus(rt.status, c)?.state?.running?.startedAt);
    return { ms: Math.max(0, startedAt + dueMs(specOf(pod, c)) - now), jitterMs: 200 };
  },
  next(pod, rt, c, now) {
    const cs = findContainerStatus(rt.status, c)!;
    const ready = probeSucceeds(pod, rt, c, specOf(pod, c).readinessProbe, now);
    return { runtime: transition(pod, rt, c, now, { ...cs, ready, started: true }) };
  },
};

/** dueMs is when, into the run, the startup and readiness probes first succeed. */
function dueMs(spec: Container): number {
  return Math.max(firstSuccessMs(spec.startupProbe), firstSuccessMs(spec.readinessProbe));
}
