import { imagePullPolicyFor } from '../../apiserver/defaults/image';
import { formatGoDuration } from '../../api/goDuration';
import { imageInfo, pullDurationMs } from '../images';
import { mountRetryMs, mountVolumes } from '../volumeMounts';
import { findContainerStatus, waitingContainerStatus } from '../podStatus';
import { fieldPathOf, isActive, isTurn, specOf, Step } from '../runtime';
import { backOffMs, exactly, transition } from './transition';
import type { ContainerStage, StageEvent } from './types';

// Event reasons of pkg/kubelet/events/event.go and waiting reasons of pkg/kubelet/images (v1.32).
export const PullingImage = 'Pulling';
export const PulledImage = 'Pulled';
export const FailedToPullImage = 'Failed';
export const BackOffPullImage = 'BackOff';
export const ErrImageNeverPullPolicy = 'ErrImageNeverPull';
export const ErrImagePull = 'ErrImagePull';
export const ErrImagePullBackOff = 'ImagePullBackOff';
export const FailedMountVolume = 'FailedMount';

// Messages of pkg/kubelet/images/image_manager.go (v1.32).
export const msgPulling = (image: string) => `Pulling image "${image}"`;
export const msgAlreadyPresent = (image: string) => `Container image "${image}" already present on machine`;
export const msgNeverPull = (image: string) => `Container image "${image}" is not present with pull policy of Never`;
export const msgPulled = (image: string, pullMs: number, totalMs: number, size: number) =>
  `Successfully pulled image "${image}" in ${formatGoDuration(pullMs)} (${formatGoDuration(totalMs)} including waiting). Image size: ${size} bytes.`;
export const msgFailedPull = (image: string, err: string) => `Failed to pull image "${image}": ${err}`;
export const msgBackOffPull = (image: string) => `Back-off pulling image "${image}"`;

/**
 * podPullStart is EnsureImageExists deciding whether to pull: an image already on the node is used
 * as is (IfNotPresent, Never), anything else is pulled behind the node's earlier pulls. The first
 * container's turn creates the pod sandbox, once the pod's volumes are set up: a missing ConfigMap
 * or Secret keeps the pod in ContainerCreating, with FailedMount events at the volume manager's
 * back-off.
 */
export const podPullStart: ContainerStage = {
  name: 'pod-pull-start',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Waiting && isTurn(rt, c),
  delay: (_pod, rt, _c, env, now) =>
    rt.sandboxReadyAt !== undefined ? env.timing.imageCheck : rt.mountRetryAt !== undefined && rt.mountRetryAt > now ? exactly(rt.mountRetryAt - now) : env.timing.sandbox,
  next(pod, rt, c, now, env) {
    if (rt.sandboxReadyAt === undefined) {
      const mount = mountVolumes(pod, env.clusterView(pod.metadata?.namespace ?? '', now).objects);
      // An object the node has not listed yet: the stage runs again shortly.
      if (mount.waiting) return { runtime: rt };
      if (mount.errors.length) {
        const failures = (rt.mountFailures ?? 0) + 1;
        return {
          runtime: { ...rt, mountFailures: failures, mountRetryAt: now + mountRetryMs(failures) },
          events: mount.errors.map((message) => ({ type: 'Warning', reason: FailedMountVolume, message })),
        };
      }
    }
    const spec = specOf(pod, c);
    const image = spec.image ?? '';
    const fieldPath = fieldPathOf(c);
    const base = rt.sandboxReadyAt === undefined ? { ...rt, sandboxReadyAt: now } : rt;
    const policy = spec.imagePullPolicy ?? imagePullPolicyFor(image);
    const present = env.imagePresent(image);
    if (policy !== 'Always' && present) {
      return {
        runtime: transition(pod, base, { ...c, step: Step.Pulled, since: now }, now),
        events: [{ type: 'Normal', reason: PulledImage, message: msgAlreadyPresent(image), fieldPath }],
      };
    }
    if (policy === 'Never') {
      const cs = waitingContainerStatus(findContainerStatus(rt.status, c), spec, c, ErrImageNeverPullPolicy, msgNeverPull(image));
      const failures = c.pullFailures + 1;
      const wait = backOffMs(failures, env.timing.backOffBaseMs, env.timing.backOffMaxMs);
      return {
        runtime: transition(pod, base, { ...c, step: Step.PullBackOff, since: now, pullFailures: failures, backOffMs: wait }, now, cs),
        events: [{ type: 'Warning', reason: ErrImageNeverPullPolicy, message: msgNeverPull(image), fieldPath }],
      };
    }
    const info = imageInfo(image);
    // With imagePullPolicy Always an image already on the node only costs the manifest check.
    const full = pullDurationMs(info, `${rt.uid}/${c.name}/${c.pullFailures}`);
    const pullMs = Math.round((present ? Math.min(full, 400 + (full % 300)) : full) / env.timing.pullSpeed);
    const waitMs = Math.max(0, env.pullQueueFreeAt - now);
    return {
      runtime: transition(pod, base, { ...c, step: Step.Pulling, since: now, pullMs, pullWaitMs: waitMs }, now),
      events: [{ type: 'Normal', reason: PullingImage, message: msgPulling(image), fieldPath }],
      pullBusyUntil: now + waitMs + pullMs,
    };
  },
};

/** podPullDone ends a pull: the image is on the node, or the registry said no (ErrImagePull). */
export const podPullDone: ContainerStage = {
  name: 'pod-pull-done',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.Pulling,
  delay: (_pod, _rt, c, _env, now) => exactly(c.since + (c.pullWaitMs ?? 0) + (c.pullMs ?? 0) - now),
  next(pod, rt, c, now) {
    const spec = specOf(pod, c);
    const image = spec.image ?? '';
    const info = imageInfo(image);
    const fieldPath = fieldPathOf(c);
    const pullMs = c.pullMs ?? 0;
    if (info.pullError) {
      const cs = waitingContainerStatus(findContainerStatus(rt.status, c), spec, c, ErrImagePull, info.pullError);
      const events: StageEvent[] = [
        { type: 'Warning', reason: FailedToPullImage, message: msgFailedPull(image, info.pullError), fieldPath },
        { type: 'Warning', reason: FailedToPullImage, message: `Error: ${ErrImagePull}`, fieldPath },
      ];
      return { runtime: transition(pod, rt, { ...c, step: Step.PullFailed, since: now, pullFailures: c.pullFailures + 1 }, now, cs), events };
    }
    return {
      runtime: transition(pod, rt, { ...c, step: Step.Pulled, since: now }, now),
      events: [{ type: 'Normal', reason: PulledImage, message: msgPulled(image, pullMs, pullMs + (c.pullWaitMs ?? 0), info.sizeBytes), fieldPath }],
      pulled: image,
    };
  },
};

/** podPullBackOff is the next sync after a failed pull: ImagePullBackOff until the back-off expires. */
export const podPullBackOff: ContainerStage = {
  name: 'pod-pull-backoff',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.PullFailed,
  delay: (_pod, _rt, _c, env) => env.timing.resync,
  next(pod, rt, c, now, env) {
    const spec = specOf(pod, c);
    const image = spec.image ?? '';
    const fieldPath = fieldPathOf(c);
    const cs = waitingContainerStatus(findContainerStatus(rt.status, c), spec, c, ErrImagePullBackOff, msgBackOffPull(image));
    const wait = backOffMs(c.pullFailures, env.timing.backOffBaseMs, env.timing.backOffMaxMs);
    return {
      runtime: transition(pod, rt, { ...c, step: Step.PullBackOff, since: now, backOffMs: wait }, now, cs),
      events: [
        { type: 'Normal', reason: BackOffPullImage, message: msgBackOffPull(image), fieldPath },
        { type: 'Warning', reason: FailedToPullImage, message: `Error: ${ErrImagePullBackOff}`, fieldPath },
      ],
    };
  },
};

/** podPullRetry tries the image again once the back-off (10s, 20s, … 5m) has passed. */
export const podPullRetry: ContainerStage = {
  name: 'pod-pull-retry',
  scope: 'container',
  match: (pod, rt, c) => isActive(pod, rt) && c.step === Step.PullBackOff,
  delay: (_pod, _rt, c, _env, now) => exactly(c.since + (c.backOffMs ?? 0) - now),
  next: (pod, rt, c, now) => ({ runtime: transition(pod, rt, { ...c, step: Step.Waiting, since: now }, now) }),
};
