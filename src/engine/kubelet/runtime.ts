import type { Container, Pod, PodStatus } from 'kubernetes-types/core/v1';

/** Step is where one container is in its simulated life on the node (the container runtime's view). */
export const Step = {
  /** Waiting: not started; its image is checked or pulled next. */
  Waiting: 'Waiting',
  Pulling: 'Pulling',
  /** PullFailed: the pull failed and ErrImagePull shows; the back-off is reported next. */
  PullFailed: 'PullFailed',
  /** PullBackOff: ImagePullBackOff shows until the next pull attempt. */
  PullBackOff: 'PullBackOff',
  /** Pulled: the image is on the node; the container is created and started next. */
  Pulled: 'Pulled',
  /** ConfigError: the container could not be created (CreateContainerConfigError); the pod is synced again after a back-off. */
  ConfigError: 'ConfigError',
  Running: 'Running',
  /** Stopping: a failed liveness or startup probe had it killed; it exits at stopAt (stop signal or grace period). */
  Stopping: 'Stopping',
  /** Exited: the process ended; the restart policy decides what follows. */
  Exited: 'Exited',
  /** CrashBackOff: CrashLoopBackOff shows until the next restart. */
  CrashBackOff: 'CrashBackOff',
  /** Done: exited and never restarted. */
  Done: 'Done',
} as const;
export type Step = (typeof Step)[keyof typeof Step];

/** ContainerRuntime is one container as containerd on the node knows it. */
export interface ContainerRuntime {
  name: string;
  init: boolean;
  /** sidecar marks an init container with restartPolicy Always. */
  sidecar: boolean;
  step: Step;
  /** since is when the current step began, in simulated ms. */
  since: number;
  restarts: number;
  pullFailures: number;
  crashes: number;
  /** pullMs is the planned length of the current pull; pullWaitMs the part spent queued behind other pulls. */
  pullMs?: number;
  pullWaitMs?: number;
  /** runMs is how long the current attempt runs on its own (Infinity for servers). */
  runMs?: number;
  /** awaitsDns marks a run whose length waits on DNS names (`until nslookup …`): it is looked at again as Services appear. */
  awaitsDns?: boolean;
  /** backOffMs is the length of the current ImagePullBackOff or CrashLoopBackOff. */
  backOffMs?: number;
  exitCode?: number;
  /** stopAt is when a container being killed (Stopping) exits. */
  stopAt?: number;
  /** probeAt is when the prober next runs the probes of a running container that did not succeed. */
  probeAt?: number;
  /** probeFailures counts consecutive liveness (or startup) failures towards failureThreshold. */
  probeFailures?: number;
}

/** PodRuntime is the kubelet's in-memory record of one pod: its containers and the status it reports. */
export interface PodRuntime {
  uid: string;
  hostIP: string;
  podIP: string;
  /** created is set once the first status was computed (the pod worker picked the pod up). */
  created: boolean;
  sandboxReadyAt?: number;
  /** mountFailures counts failed set-ups of the pod's volumes; the next is tried at mountRetryAt. */
  mountFailures?: number;
  mountRetryAt?: number;
  containers: ContainerRuntime[];
  /** stopping is set while containers get their grace period after a deletion; done once they stopped. */
  stopping?: { since: number; durationMs: number; killed: boolean; done?: boolean };
  /** status is what the kubelet reports for the pod; a new object whenever it changes. */
  status: PodStatus;
}

/** specOf returns the spec of a runtime container. */
export function specOf(pod: Pod, c: ContainerRuntime): Container {
  const list = c.init ? pod.spec?.initContainers : pod.spec?.containers;
  return list?.find((s) => s.name === c.name) ?? { name: c.name };
}

/** fieldPathOf is the event fieldPath of a container: spec.containers{nginx}. */
export function fieldPathOf(c: Pick<ContainerRuntime, 'name' | 'init'>): string {
  return `spec.${c.init ? 'initContainers' : 'containers'}{${c.name}}`;
}

/** newContainerRuntimes lists a pod's init containers, then its regular containers, all Waiting. */
export function newContainerRuntimes(pod: Pod, now: number): ContainerRuntime[] {
  const mk = (c: Container, init: boolean): ContainerRuntime => ({
    name: c.name,
    init,
    sidecar: init && c.restartPolicy === 'Always',
    step: Step.Waiting,
    since: now,
    restarts: 0,
    pullFailures: 0,
    crashes: 0,
  });
  return [...(pod.spec?.initContainers ?? []).map((c) => mk(c, true)), ...(pod.spec?.containers ?? []).map((c) => mk(c, false))];
}

/** initDone reports whether an init container no longer holds back the ones after it. */
export function initDone(c: ContainerRuntime): boolean {
  if (c.sidecar) return c.step === Step.Running || c.restarts > 0;
  return c.step === Step.Done && c.exitCode === 0;
}

/**
 * isTurn reports whether c may start now: init containers run one at a time in order after the
 * sandbox exists; regular containers start in order once every init container is done.
 */
export function isTurn(rt: PodRuntime, c: ContainerRuntime): boolean {
  for (const o of rt.containers) {
    if (o === c) return true;
    if (o.init && !initDone(o)) return false;
    if (!o.init && !c.init && (o.step === Step.Waiting || o.step === Step.Pulling || o.step === Step.Pulled)) return false;
  }
  return false;
}

/** withContainer returns rt with one container replaced. */
export function withContainer(rt: PodRuntime, c: ContainerRuntime): PodRuntime {
  return { ...rt, containers: rt.containers.map((o) => (o.name === c.name && o.init === c.init ? c : o)) };
}

/** isActive reports whether the pod still runs on the node: neither stopping nor finished. */
export function isActive(pod: Pod, rt: PodRuntime): boolean {
  const phase = rt.status.phase;
  return rt.created && !rt.stopping && !pod.metadata?.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed';
}
