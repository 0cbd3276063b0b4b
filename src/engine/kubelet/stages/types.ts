import type { Pod } from 'kubernetes-types/core/v1';
import type { EventType } from '../../client/eventRecorder';
import type { ClusterView } from '../programs/clusterDns';
import type { ContainerRuntime, PodRuntime } from '../runtime';

/** Delay is how long a stage waits once it matches: ms plus or minus up to jitterMs, drawn from the seeded RNG. */
export interface Delay {
  ms: number;
  jitterMs: number;
}

/** StageEvent is one Event the kubelet records; fieldPath points at a container (spec.containers{nginx}). */
export interface StageEvent {
  type: EventType;
  reason: string;
  message: string;
  fieldPath?: string;
}

/** NodeEnv is what stages may read about the node beyond the pod: a snapshot, never mutated by a stage. */
export interface NodeEnv {
  nodeName: string;
  /** imagePresent reports whether containerd on this node already holds the image. */
  imagePresent(image: string): boolean;
  /** pullQueueFreeAt is when the node's image puller is free again (serializeImagePulls: true). */
  pullQueueFreeAt: number;
  /** clusterView is what a run started at startMs may read: the ConfigMaps and Secrets of the namespace that the node's pods reference, and the Services their scripts look up. */
  clusterView(namespace: string, startMs: number): Required<Omit<ClusterView, 'network' | 'servicesFor' | 'writable'>>;
  timing: Timing;
}

/** StageResult is a stage's outcome: the pod's new runtime record (with its status), events and effects. */
export interface StageResult {
  runtime: PodRuntime;
  events?: StageEvent[];
  /** pulled names an image that is now on the node. */
  pulled?: string;
  /** pullBusyUntil moves the node's image puller queue. */
  pullBusyUntil?: number;
  /** deletePod asks the interpreter to remove the pod from the API once its final status is written. */
  deletePod?: boolean;
}

/** PodStage is a stage about the whole pod (creation, deletion). */
export interface PodStage {
  readonly name: string;
  readonly scope: 'pod';
  match(pod: Pod, rt: PodRuntime): boolean;
  delay(pod: Pod, rt: PodRuntime, env: NodeEnv, now: number): Delay;
  next(pod: Pod, rt: PodRuntime, now: number, env: NodeEnv): StageResult;
}

/** ContainerChannel: '' is a container's life, '/probe' its prober; each has its own pending stage. */
export type ContainerChannel = '' | '/probe';

/** ContainerStage is a stage about one container (pull, start, ready, exit, restart, probe). */
export interface ContainerStage {
  readonly name: string;
  readonly scope: 'container';
  readonly channel?: ContainerChannel;
  match(pod: Pod, rt: PodRuntime, c: ContainerRuntime): boolean;
  delay(pod: Pod, rt: PodRuntime, c: ContainerRuntime, env: NodeEnv, now: number): Delay;
  next(pod: Pod, rt: PodRuntime, c: ContainerRuntime, now: number, env: NodeEnv): StageResult;
}

/**
 * Stage is one KWOK-style step of a pod's life: a predicate, a delay and a pure transition. Unlike
 * KWOK's, a stage also sees the kubelet's runtime record, because what containerd is doing (pulling,
 * backing off) is not visible in the API object.
 */
export type Stage = PodStage | ContainerStage;

/** Timing holds the delays a profile gives the stages. */
export interface Timing {
  /** create: from binding to the first status. */
  create: Delay;
  /** sandbox: creating the pod sandbox and its network before the first image check. */
  sandbox: Delay;
  /** imageCheck: looking an image up before pulling it or starting the container. */
  imageCheck: Delay;
  /** pullSpeed scales pull durations (1 = ~40 MB/s). */
  pullSpeed: number;
  /** start: creating and starting a container. */
  start: Delay;
  /** resync: the next pod sync after a failure (ErrImagePull → ImagePullBackOff, exit → restart). */
  resync: Delay;
  /** kill: from deletionTimestamp to SIGTERM. */
  kill: Delay;
  /** backOffBaseMs and backOffMaxMs bound image pull and crash loop back-off (10s doubling to 5m). */
  backOffBaseMs: number;
  backOffMaxMs: number;
}
