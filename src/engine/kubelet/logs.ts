import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../sim/clock';
import { imageName } from './images';
import { argvOf, containerProgram } from './programs/program';
import type { ClusterView } from './programs/clusterDns';
import type { LogLine, Run } from './programs/types';

function findContainer(pod: Pod, name: string): { spec: Container; status?: ContainerStatus } | undefined {
  for (const [specs, statuses] of [
    [pod.spec?.containers, pod.status?.containerStatuses],
    [pod.spec?.initContainers, pod.status?.initContainerStatuses],
  ] as const) {
    const spec = specs?.find((c) => c.name === name);
    if (spec) return { spec, status: statuses?.find((s) => s.name === name) };
  }
  return undefined;
}

/**
 * logUnavailableReason returns why a container has no logs to show, in the words of the kubelet's
 * validateContainerLogStatus (pkg/kubelet/kubelet_pods.go, v1.32) and the API server's pod log
 * location check (pkg/registry/core/pod/strategy.go); undefined when logs can be read.
 */
export function logUnavailableReason(pod: Pod, containerName: string, previous: boolean): string | undefined {
  const podName = pod.metadata?.name ?? '';
  const found = findContainer(pod, containerName);
  if (!found) return `container ${containerName} is not valid for pod ${podName}`;
  if (!pod.spec?.nodeName) return undefined;
  const cs = found.status;
  const prefix = `container "${containerName}" in pod "${podName}"`;
  // Before the kubelet's first status the container is being created.
  if (!cs) return `${prefix} is waiting to start: ContainerCreating`;
  const last = cs.lastState?.terminated;
  if (previous) {
    return last?.containerID ? undefined : `previous terminated container "${containerName}" in pod "${podName}" not found`;
  }
  const s = cs.state ?? {};
  if (s.running) return undefined;
  if (s.terminated) return s.terminated.containerID || last?.containerID ? undefined : `${prefix} is terminated`;
  if (last) return last.containerID ? undefined : `${prefix} is terminated`;
  if (s.waiting) {
    if (s.waiting.reason === 'ErrImagePull') return `${prefix} is waiting to start: image can't be pulled`;
    if (s.waiting.reason === 'ImagePullBackOff') return `${prefix} is waiting to start: trying and failing to pull image`;
    return `${prefix} is waiting to start: ${s.waiting.reason ?? ''}`;
  }
  return `${prefix} is waiting to start - no logs yet`;
}

/** selectRun picks the attempt whose output is read: the previous one, or the current (else the last) one. */
function selectRun(cs: ContainerStatus, previous: boolean): { run: Run; attempt: number; exitCode?: number } | undefined {
  const last = cs.lastState?.terminated;
  const s = cs.state ?? {};
  const ended = (t: NonNullable<typeof last>, attempt: number) => ({
    run: { startMs: parseTime(t.startedAt), endMs: parseTime(t.finishedAt), signalled: false },
    attempt,
    exitCode: t.exitCode,
  });
  // restartCount counts started attempts after the first; while waiting, the last one is the newest.
  const newest = s.waiting ? cs.restartCount : Math.max(0, cs.restartCount - 1);
  if (previous) return last ? ended(last, newest) : undefined;
  if (s.running) return { run: { startMs: parseTime(s.running.startedAt), endMs: Infinity, signalled: false }, attempt: cs.restartCount };
  if (s.terminated?.containerID) return ended(s.terminated, cs.restartCount);
  return last ? ended(last, newest) : undefined;
}

/**
 * containerLogLines is the simulated output of a container in the simulated-time window
 * [fromMs, toMs): pure and deterministic, derived from the container's image, command and start
 * time, so a full read, --tail, --since and a follow that asks for each new window all agree.
 * The first line says that no real process runs.
 */
export function containerLogLines(pod: Pod, containerName: string, previous: boolean, fromMs: number, toMs: number, view?: ClusterView): LogLine[] {
  const found = findContainer(pod, containerName);
  if (!found?.status) return [];
  const selected = selectRun(found.status, previous);
  if (!selected || Number.isNaN(selected.run.startMs)) return [];
  const { run, attempt, exitCode } = selected;
  const program = containerProgram(pod, found.spec, attempt, { ...view, startMs: run.startMs });
  // A run that ended long before its program would have, without being killed, was stopped by SIGTERM.
  run.signalled = run.endMs !== Infinity && exitCode !== 137 && run.endMs - run.startMs < program.runMs - 1000;
  // startedAt and finishedAt keep whole seconds: a run that ended on its own ran its program to the
  // end, though finishedAt may read up to a second before startedAt + the program's run time.
  if (run.endMs !== Infinity && !run.signalled && exitCode !== 137) run.endMs = Math.max(run.endMs, run.startMs + program.runMs);
  const out: LogLine[] = [];
  if (run.startMs >= fromMs && run.startMs < toMs) out.push({ timeMs: run.startMs, line: header(found.spec) });
  program.output(run, Math.max(fromMs, run.startMs), toMs, out);
  return out.sort((a, b) => a.timeMs - b.timeMs);
}

function header(spec: Container): string {
  const argv = argvOf(spec, imageName(spec.image ?? ''));
  return `[kube-playground] simulated container output: image ${spec.image}, command ${argv ? argv.join(' ') : 'none'} — no real process runs`;
}
