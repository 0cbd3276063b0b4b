import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../api/deepCopy';
import { isApiError } from '../../apiserver/errors';
import type { ApiClient } from '../../client/apiClient';
import type { Clock } from '../../sim/clock';
import { sortControllerRevisions, type ControllerHistory } from '../history/controllerHistory';
import { aggregate } from '../util/aggregate';
import { applyRevision, getStatefulSetRevisions, truncateHistory } from './revisions';
import type { StatefulPodControl } from './statefulPodControl';
import {
  allowsBurst,
  descendingOrdinal,
  getOrdinal,
  getPodRevision,
  getStartOrdinal,
  identityMatches,
  isCreated,
  isFailed,
  isHealthy,
  isPending,
  isRunningAndAvailable,
  isRunningAndReady,
  isSucceeded,
  isTerminating,
  newVersionedStatefulSetPod,
  podInOrdinalRange,
  replicasOf,
  storageMatches,
} from './statefulSetUtils';
import { updateStatefulSetStatus, updateStatus } from './status';

// defaultStatefulSetControl of pkg/controller/statefulset/stateful_set_control.go (v1.32), with the
// default feature gates: StatefulSetAutoDeletePVC on, MaxUnavailableStatefulSet off (one pod at a
// time in a rolling update).

/** MaxBatchSize caps the pods a Parallel set creates or deletes in one batch. */
export const MaxBatchSize = 500;

/**
 * StatefulSetControl reconciles one set with its pods: it creates missing pods (in ordinal order,
 * one at a time and only after their predecessors are Running, Ready and available, unless the
 * set is Parallel), deletes condemned pods from the highest ordinal down, rolls pods to the update
 * revision from the highest ordinal down to the partition, and writes status.
 */
export class StatefulSetControl {
  constructor(
    private readonly client: ApiClient,
    private readonly podControl: StatefulPodControl,
    private readonly history: ControllerHistory,
    private readonly clock: Clock,
  ) {}

  /**
   * updateStatefulSet is UpdateStatefulSet: revisions, pods and status for set, then the history
   * trimmed to revisionHistoryLimit. revisions are the set's (owned or orphaned) ControllerRevisions.
   */
  async updateStatefulSet(set: StatefulSet, pods: Pod[], revisions: ControllerRevision[]): Promise<StatefulSetStatus> {
    sortControllerRevisions(revisions);
    let current: ControllerRevision | undefined;
    let update: ControllerRevision | undefined;
    let status: StatefulSetStatus | undefined;
    let err: unknown;
    try {
      const r = await getStatefulSetRevisions(this.history, set, revisions);
      current = r.currentRevision;
      update = r.updateRevision;
      status = await this.performUpdate(set, pods, r.currentRevision, r.updateRevision, r.collisionCount);
    } catch (e) {
      err = e;
    }
    let truncateErr: unknown;
    try {
      await truncateHistory(this.history, set, pods, revisions, current, update);
    } catch (e) {
      truncateErr = e;
    }
    const failed = aggregate([err, truncateErr]);
    if (failed) throw failed;
    return status!;
  }

  /** performUpdate runs updateStatefulSet and writes the status it computed, even when it failed part way. */
  private async performUpdate(
    set: StatefulSet,
    pods: Pod[],
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    collisionCount: number,
  ): Promise<StatefulSetStatus> {
    const status: StatefulSetStatus = {
      observedGeneration: set.metadata?.generation,
      currentRevision: currentRevision.metadata?.name,
      updateRevision: updateRevision.metadata?.name,
      collisionCount,
      replicas: 0,
    };
    let err: unknown;
    try {
      await this.updateStatefulSetPods(set, currentRevision, updateRevision, pods, status);
    } catch (e) {
      err = e;
    }
    try {
      await updateStatefulSetStatus(this.client, set, status);
    } catch (statusErr) {
      if (err === undefined) throw statusErr;
    }
    if (err !== undefined) throw err;
    return status;
  }

  /**
   * updateStatefulSetPods is upstream's (private) updateStatefulSet: it fills status and takes the
   * one step (or the burst of steps, for a Parallel set) the set's pods allow.
   */
  private async updateStatefulSetPods(
    set: StatefulSet,
    currentRevision: ControllerRevision,
    updateRevision: ControllerRevision,
    pods: Pod[],
    status: StatefulSetStatus,
  ): Promise<void> {
    const currentSet = applyRevision(set, currentRevision);
    const updateSet = applyRevision(set, updateRevision);
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    const now = this.clock.now();
    const recount = (...lists: Pod[][]) => updateStatus(status, minReadySeconds, currentRevision, updateRevision, now, ...lists);
    recount(pods);

    const start = getStartOrdinal(set);
    const replicas: Pod[] = new Array(replicasOf(set));
    const condemned: Pod[] = [];
    for (const pod of pods) {
      if (podInOrdinalRange(pod, set)) replicas[getOrdinal(pod) - start] = pod;
      else if (getOrdinal(pod) >= 0) condemned.push(pod);
    }
    for (let i = 0; i < replicas.length; i++) {
      replicas[i] ??= newVersionedStatefulSetPod(currentSet, updateSet, currentRevision.metadata!.name!, updateRevision.metadata!.name!, start + i);
    }
    condemned.sort(descendingOrdinal);
    // The first unhealthy pod: the lowest replica, else the lowest condemned one.
    const firstUnhealthyPod = replicas.find((p) => !isHealthy(p)) ?? [...condemned].reverse().find((p) => !isHealthy(p));

    if (set.metadata?.deletionTimestamp) return;
    const monotonic = !allowsBurst(set);

    // A pass that stops (or fails) leaves status counting the pods as this sync left them.
    const exitEarly = async (fn: (i: number) => Promise<boolean>, list: Pod[]): Promise<boolean> => {
      let exit = true;
      try {
        exit = await runForAll(list, fn, monotonic);
      } finally {
        if (exit) recount(replicas, condemned);
      }
      return exit;
    };
    if (await exitEarly((i) => this.processReplica(set, updateSet, monotonic, replicas, i, now), replicas)) return;
    const fixPodClaim = async (i: number) => {
      if (!this.podControl.claimsMatchRetentionPolicy(updateSet, condemned[i])) await this.podControl.updatePodClaimForRetentionPolicy(updateSet, condemned[i]);
      return false;
    };
    if (await exitEarly(fixPodClaim, condemned)) return;
    if (await exitEarly((i) => this.processCondemned(set, firstUnhealthyPod, monotonic, condemned, i, now), condemned)) return;
    recount(replicas, condemned);

    // OnDelete: pods are updated when someone deletes them.
    if (set.spec?.updateStrategy?.type === 'OnDelete') return;
    const updateMin = set.spec?.updateStrategy?.rollingUpdate?.partition ?? 0;
    // Delete the highest-ordinal pod not at the update revision; wait for any unhealthy one above it.
    for (let target = replicas.length - 1; target >= updateMin; target--) {
      const pod = replicas[target];
      if (getPodRevision(pod) !== updateRevision.metadata?.name && !isTerminating(pod)) {
        try {
          await this.podControl.deleteStatefulPod(set, pod);
        } catch (e) {
          if (!isApiError(e, 'NotFound')) throw e;
        }
        status.currentReplicas = (status.currentReplicas ?? 0) - 1;
        return;
      }
      if (!isHealthy(pod)) return;
    }
  }

  /**
   * processReplica handles replicas[i]: a finished pod is deleted (and made again once it is gone),
   * a missing one created; in monotonic mode it stops at any pod not yet Running, Ready and
   * available. It returns true to stop processing.
   */
  private async processReplica(set: StatefulSet, updateSet: StatefulSet, monotonic: boolean, replicas: Pod[], i: number, now: number): Promise<boolean> {
    const pod = replicas[i];
    if (isFailed(pod) || isSucceeded(pod)) {
      if (!pod.metadata?.deletionTimestamp) await this.podControl.deleteStatefulPod(set, pod);
      return true;
    }
    if (!isCreated(pod)) {
      if (this.podControl.podClaimIsStale(set, pod)) return true;
      await this.podControl.createStatefulPod(set, pod);
      if (monotonic) return true;
    }
    if (isPending(pod)) await this.podControl.createMissingPersistentVolumeClaims(set, pod);
    if (monotonic && isTerminating(pod)) return true;
    if (monotonic && !isRunningAndReady(pod)) return true;
    if (monotonic && !isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now)) return true;
    if (identityMatches(set, pod) && storageMatches(set, pod) && this.podControl.claimsMatchRetentionPolicy(updateSet, pod)) return false;
    await this.podControl.updateStatefulPod(updateSet, deepCopy(pod));
    return false;
  }

  /**
   * processCondemned deletes condemned[i]; in monotonic mode it first waits for a terminating pod to
   * go and for every other pod to be healthy (the first unhealthy pod itself may be deleted).
   */
  private async processCondemned(
    set: StatefulSet,
    firstUnhealthyPod: Pod | undefined,
    monotonic: boolean,
    condemned: Pod[],
    i: number,
    now: number,
  ): Promise<boolean> {
    const pod = condemned[i];
    if (isTerminating(pod)) return monotonic;
    if (monotonic && pod !== firstUnhealthyPod) {
      if (!isRunningAndReady(pod)) return true;
      if (!isRunningAndAvailable(pod, set.spec?.minReadySeconds ?? 0, now)) return true;
    }
    await this.podControl.deleteStatefulPod(set, pod);
    return true;
  }
}

/**
 * runForAll applies fn to each pod: in order, stopping at the first that asks to (monotonic), or
 * in slow-start batches (burst). It reports whether to stop; errors are thrown.
 */
export async function runForAll(pods: Pod[], fn: (i: number) => Promise<boolean>, monotonic: boolean): Promise<boolean> {
  if (monotonic) {
    for (let i = 0; i < pods.length; i++) if (await fn(i)) return true;
    return false;
  }
  const { error } = await slowStartBatch(1, pods.length, fn);
  if (error) throw error;
  return false;
}

/**
 * slowStartBatch calls fn for indexes 0..remaining-1 in batches of 1, 2, 4, … (at most MaxBatchSize),
 * concurrently within a batch, stopping after the first batch with a failure.
 */
export async function slowStartBatch(
  initialBatchSize: number,
  remaining: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ successes: number; error?: Error }> {
  let successes = 0;
  let j = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining, MaxBatchSize)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn(j++)));
    const errs = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason);
    successes += batch - errs.length;
    if (errs.length > 0) return { successes, error: aggregate(errs) };
    remaining -= batch;
  }
  return { successes };
}
