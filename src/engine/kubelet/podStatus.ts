import type { Container, ContainerStatus, Pod, PodCondition, PodStatus } from 'kubernetes-types/core/v1';
import { formatTime } from '../sim/clock';
import { hexDigest } from './hash';
import { imageInfo } from './images';
import type { ContainerRuntime, PodRuntime } from './runtime';

// Condition reasons of pkg/kubelet/status/generate.go (v1.32).
export const PodCompleted = 'PodCompleted';
export const PodFailed = 'PodFailed';
export const ContainersNotReady = 'ContainersNotReady';
export const ContainersNotInitialized = 'ContainersNotInitialized';
export const ReadinessGatesNotReady = 'ReadinessGatesNotReady';

// Waiting reasons of pkg/kubelet/kubelet_pods.go and pkg/kubelet/images (v1.32).
export const ContainerCreating = 'ContainerCreating';
export const PodInitializing = 'PodInitializing';

/** kubeletConditionTypes are the pod conditions the kubelet owns (kubetypes.PodConditionsByKubelet). */
export const kubeletConditionTypes = new Set(['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers']);

/** goList renders a string slice as Go's %s does: [a b]. */
const goList = (names: string[]) => `[${names.join(' ')}]`;

/** containerIDFor is the containerd ID of one attempt of a container. */
export function containerIDFor(podUID: string, name: string, attempt: number): string {
  return `containerd://${hexDigest(`${podUID}/${name}/${attempt}`)}`;
}

function volumeMountStatuses(spec: Container): ContainerStatus['volumeMounts'] {
  if (!spec.volumeMounts?.length) return undefined;
  return spec.volumeMounts.map((m) =>
    m.readOnly ? { mountPath: m.mountPath, name: m.name, readOnly: true, recursiveReadOnly: 'Disabled' } : { mountPath: m.mountPath, name: m.name },
  );
}

function previousTermination(prev: ContainerStatus | undefined): ContainerStatus['lastState'] {
  if (prev?.state?.terminated) return { terminated: prev.state.terminated };
  return prev?.lastState ?? {};
}

/** waitingContainerStatus is a container that has not (re)started: ContainerCreating, ErrImagePull, CrashLoopBackOff… */
export function waitingContainerStatus(
  prev: ContainerStatus | undefined,
  spec: Container,
  c: ContainerRuntime,
  reason: string,
  message?: string,
): ContainerStatus {
  const keepImage = prev?.imageID ? { image: prev.image, imageID: prev.imageID, containerID: prev.containerID } : undefined;
  return {
    name: spec.name,
    state: { waiting: message ? { reason, message } : { reason } },
    lastState: previousTermination(prev),
    ready: false,
    restartCount: c.restarts,
    image: keepImage?.image ?? spec.image ?? '',
    imageID: keepImage?.imageID ?? '',
    ...(keepImage?.containerID ? { containerID: keepImage.containerID } : {}),
    started: false,
    volumeMounts: volumeMountStatuses(spec),
  };
}

/** runningContainerStatus is a started container. */
export function runningContainerStatus(
  prev: ContainerStatus | undefined,
  spec: Container,
  c: ContainerRuntime,
  podUID: string,
  startedAtMs: number,
  ready: boolean,
  started: boolean,
): ContainerStatus {
  const info = imageInfo(spec.image ?? '');
  return {
    name: spec.name,
    state: { running: { startedAt: formatTime(startedAtMs) } },
    lastState: prev?.state?.running ? (prev.lastState ?? {}) : previousTermination(prev),
    ready,
    restartCount: c.restarts,
    image: info.name,
    imageID: info.imageID,
    containerID: containerIDFor(podUID, spec.name, c.restarts),
    started,
    volumeMounts: volumeMountStatuses(spec),
  };
}

/** terminatedContainerStatus is a container whose process ended. */
export function terminatedContainerStatus(
  prev: ContainerStatus | undefined,
  spec: Container,
  c: ContainerRuntime,
  podUID: string,
  exitCode: number,
  finishedAtMs: number,
): ContainerStatus {
  const info = imageInfo(spec.image ?? '');
  const containerID = prev?.containerID ?? containerIDFor(podUID, spec.name, c.restarts);
  const startedAt = prev?.state?.running?.startedAt ?? formatTime(finishedAtMs);
  return {
    name: spec.name,
    state: {
      terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt, finishedAt: formatTime(finishedAtMs), containerID },
    },
    lastState: prev?.lastState ?? {},
    // A regular init container that succeeded counts as ready (prober manager UpdatePodStatus).
    ready: c.init && !c.sidecar && exitCode === 0,
    restartCount: c.restarts,
    image: prev?.imageID ? prev.image : info.name,
    imageID: prev?.imageID || info.imageID,
    containerID,
    started: false,
    volumeMounts: volumeMountStatuses(spec),
  };
}

/** findContainerStatus returns the status of a runtime container. */
export function findContainerStatus(status: PodStatus, c: Pick<ContainerRuntime, 'name' | 'init'>): ContainerStatus | undefined {
  return (c.init ? status.initContainerStatuses : status.containerStatuses)?.find((s) => s.name === c.name);
}

/** withContainerStatus returns status with one container status replaced (phase and conditions not yet updated). */
export function withContainerStatus(status: PodStatus, init: boolean, cs: ContainerStatus): PodStatus {
  const key = init ? 'initContainerStatuses' : 'containerStatuses';
  return { ...status, [key]: (status[key] ?? []).map((s) => (s.name === cs.name ? cs : s)) };
}

/** initialStatus is the first status the kubelet reports for a pod bound to its node. */
export function initialStatus(pod: Pod, rt: PodRuntime, now: number): PodStatus {
  const hasInit = (pod.spec?.initContainers?.length ?? 0) > 0;
  const reason = hasInit ? PodInitializing : ContainerCreating;
  const waiting = (init: boolean) => (spec: Container) =>
    waitingContainerStatus(undefined, spec, rt.containers.find((c) => c.name === spec.name && c.init === init)!, reason);
  const status: PodStatus = {
    phase: 'Pending',
    conditions: [],
    hostIP: rt.hostIP,
    hostIPs: [{ ip: rt.hostIP }],
    startTime: pod.status?.startTime ?? formatTime(now),
    ...(hasInit ? { initContainerStatuses: pod.spec!.initContainers!.map(waiting(true)) } : {}),
    containerStatuses: (pod.spec?.containers ?? []).map(waiting(false)),
    qosClass: pod.status?.qosClass,
  };
  if (!status.qosClass) delete status.qosClass;
  return finalizeStatus(pod, rt, status, now, false, pod.status?.conditions);
}

/** withSandbox adds what a ready sandbox gives a pod: its IP. */
export function withSandbox(status: PodStatus, rt: PodRuntime): PodStatus {
  if (status.podIP === rt.podIP || !rt.podIP) return status;
  return { ...status, podIP: rt.podIP, podIPs: [{ ip: rt.podIP }] };
}

/** getPhase is the kubelet's getPhase (kubelet_pods.go, v1.32) over init and regular container statuses. */
export function getPhase(pod: Pod, status: PodStatus, podIsTerminal: boolean): NonNullable<PodStatus['phase']> {
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  let pendingInit = 0;
  let failedInit = 0;
  for (const spec of pod.spec?.initContainers ?? []) {
    if (spec.restartPolicy === 'Always') continue;
    const s = status.initContainerStatuses?.find((x) => x.name === spec.name);
    if (!s || s.state?.running) pendingInit++;
    else if (s.state?.terminated) failedInit += s.state.terminated.exitCode !== 0 ? 1 : 0;
    else if (s.lastState?.terminated) failedInit += s.lastState.terminated.exitCode !== 0 ? 1 : 0;
    else pendingInit++;
  }
  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  let anyStarted = false;
  for (const spec of pod.spec?.containers ?? []) {
    const s = status.containerStatuses?.find((x) => x.name === spec.name);
    if (!s) unknown++;
    else if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.lastState?.terminated) stopped++;
    else waiting++;
    if (s && (s.state?.running || s.state?.terminated || s.lastState?.terminated)) anyStarted = true;
  }
  if (failedInit > 0 && restartPolicy === 'Never') return 'Failed';
  if ((pendingInit > 0 && !anyStarted) || waiting > 0) return 'Pending';
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (restartPolicy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    return restartPolicy === 'Never' ? 'Failed' : 'Running';
  }
  return 'Pending';
}

/**
 * finalizeStatus recomputes phase and the kubelet-owned conditions of a status, keeping a
 * condition's lastTransitionTime while its status stays the same (status manager's merge).
 */
export function finalizeStatus(
  pod: Pod,
  rt: PodRuntime,
  status: PodStatus,
  now: number,
  podIsTerminal = false,
  previous: PodCondition[] | undefined = status.conditions,
): PodStatus {
  let phase = getPhase(pod, status, podIsTerminal);
  // A pod never leaves a terminal phase.
  if (status.phase === 'Succeeded' || status.phase === 'Failed') phase = status.phase;
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const all = [...(status.initContainerStatuses ?? []), ...(status.containerStatuses ?? [])];
  const byName = new Map(all.map((s) => [s.name, s]));
  const cond = (type: string, ok: boolean, reason?: string, message?: string, at = now): PodCondition => {
    const old = previous?.find((c) => c.type === type);
    const s = ok ? 'True' : 'False';
    const c: PodCondition = { type, status: s, lastProbeTime: null as unknown as string, lastTransitionTime: old?.status === s ? old.lastTransitionTime : formatTime(at) };
    if (reason) c.reason = reason;
    if (message) c.message = message;
    return c;
  };
  const initSpecs = pod.spec?.initContainers ?? [];
  const incomplete = initSpecs.filter((s) => {
    const cs = byName.get(s.name);
    return s.restartPolicy === 'Always' ? !cs?.started : !cs?.ready;
  });
  const regularStarted = (pod.spec?.containers ?? []).some((s) => {
    const cs = byName.get(s.name);
    return !!(cs?.state?.running || cs?.state?.terminated || cs?.lastState?.terminated);
  });
  const initialized =
    phase === 'Succeeded'
      ? cond('Initialized', true, PodCompleted)
      : regularStarted || incomplete.length === 0
        ? cond('Initialized', true)
        : cond('Initialized', false, ContainersNotInitialized, `containers with incomplete status: ${goList(incomplete.map((s) => s.name))}`);
  const readyNames = [...initSpecs.filter((s) => s.restartPolicy === 'Always'), ...(pod.spec?.containers ?? [])].map((s) => s.name);
  const unready = readyNames.filter((n) => !byName.get(n)?.ready);
  let containersReady: PodCondition;
  if (terminal) containersReady = cond('ContainersReady', false, phase === 'Succeeded' ? PodCompleted : PodFailed);
  else if (unready.length) containersReady = cond('ContainersReady', false, ContainersNotReady, `containers with unready status: ${goList(unready)}`);
  else containersReady = cond('ContainersReady', true);
  let ready = cond('Ready', containersReady.status === 'True', containersReady.reason, containersReady.message);
  if (containersReady.status === 'True') {
    const gates = (pod.spec?.readinessGates ?? []).flatMap((g) => {
      const c = status.conditions?.find((x) => x.type === g.conditionType);
      if (!c) return [`corresponding condition of pod readiness gate "${g.conditionType}" does not exist.`];
      return c.status === 'True' ? [] : [`the status of pod readiness gate "${g.conditionType}" is not "True", but ${c.status}`];
    });
    if (gates.length) ready = cond('Ready', false, ReadinessGatesNotReady, gates.join(', '));
  }
  const scheduled = previous?.find((c) => c.type === 'PodScheduled') ?? cond('PodScheduled', true);
  const sandboxUp = rt.sandboxReadyAt !== undefined && !terminal && !rt.stopping;
  const sandbox = cond('PodReadyToStartContainers', sandboxUp, undefined, undefined, sandboxUp ? rt.sandboxReadyAt : now);
  const foreign = (status.conditions ?? []).filter((c) => !kubeletConditionTypes.has(c.type));
  return canonical({ ...status, phase, conditions: [...foreign, sandbox, initialized, ready, containersReady, scheduled] });
}

/** statusFieldOrder is v1.PodStatus's field order, which JSON output follows. */
const statusFieldOrder = [
  'phase',
  'conditions',
  'message',
  'reason',
  'nominatedNodeName',
  'hostIP',
  'hostIPs',
  'podIP',
  'podIPs',
  'startTime',
  'initContainerStatuses',
  'containerStatuses',
  'qosClass',
  'ephemeralContainerStatuses',
  'resize',
  'resourceClaimStatuses',
] as const;

function canonical(status: PodStatus): PodStatus {
  const out: Record<string, unknown> = {};
  for (const k of statusFieldOrder) if (status[k] !== undefined) out[k] = status[k];
  return out as PodStatus;
}
