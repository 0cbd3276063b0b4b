import type { Job, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { EventRecorder, EventType } from '../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { formatTime, parseTime } from '../sim/clock';
import type { Controller, ControllerContext } from './controller';
import { sortActivePodsWithRanks } from './util/activePods';
import { ControllerUIDIndex, ensureControllerUIDIndex, getControllerOf, newControllerRef } from './util/controllerRef';
import { ControllerExpectations } from './util/expectations';
import { hasStatusCause, NamespaceTerminatingCause, PodControl } from './util/podControl';
import {
  cleanUncounted,
  collectFinishedPods,
  ensureCondition,
  finishedCondition,
  hasTrackingFinalizer,
  isJobFinished,
  JobReasonCompletionsReached,
  JobTrackingFinalizer,
  MsgCompletionsReached,
  newBackoffRecord,
  newCondition,
  newSyncCtx,
  recordInterimCondition,
  remainingBackoffMs,
  type BackoffRecord,
  type SyncCtx,
} from './jobUtil';
import { isPodReady, podKey } from './util/podUtil';
import {
  activePodsForRemoval,
  addCompletionIndexEnvVariables,
  firstPendingIndexes,
  indexedPodTemplate,
  isIndexedJob,
  podGenerateNameWithIndex,
} from './indexedJobUtils';

// The Job controller of pkg/controller/job/job_controller.go (v1.32) for NonIndexed and Indexed
// Jobs, with the v1.32 default gates: JobPodReplacementPolicy (status.terminating, and
// SuccessCriteriaMet / FailureTarget before Complete / Failed) and PodIndexLabel on. Not simulated:
// podFailurePolicy, successPolicy, backoffLimitPerIndex, managedBy, and adopting orphan pods.

/** MaxPodCreateDeletePerSync caps one sync's pod writes. */
const MaxPodCreateDeletePerSync = 500;
/** syncJobBatchPeriodMs batches the syncs pod changes cause. */
const syncJobBatchPeriodMs = 1000;
const jobKind = { apiVersion: 'batch/v1', kind: 'Job' };

/**
 * JobController runs each Job's pods to completion: it keeps up to parallelism pods running until
 * completions succeed, replaces failed ones after a growing back-off until backoffLimit is passed,
 * counts finished pods through status.uncountedTerminatedPods and the job-tracking finalizer, and
 * marks the Job SuccessCriteriaMet then Complete, or FailureTarget then Failed.
 */
export class JobController implements Controller {
  readonly name = 'job-controller';
  readonly expectations: ControllerExpectations;
  private readonly queue: WorkQueue;
  private readonly jobs: Informer<Job>;
  private readonly pods: Informer<Pod>;
  private readonly podControl: PodControl;
  private readonly recorder: EventRecorder;
  private readonly backoff = new Map<string, BackoffRecord>();
  /** finalizerExpectations are the pods whose finalizer removal the cache has not shown yet, per Job. */
  private readonly finalizerExpectations = new Map<string, Set<string>>();
  private readonly batched = new Set<string>();
  /** orphanQueue holds pods whose Job is gone but whose tracking finalizer remains. */
  private readonly orphanQueue: WorkQueue;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers, 5);
    this.orphanQueue = new WorkQueue(ctx.sim.timers);
    this.expectations = new ControllerExpectations(ctx.sim.clock);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, this.name);
    this.podControl = new PodControl(ctx.client, this.recorder);
    this.jobs = ctx.informers.for<Job>(Resources.jobs);
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    ensureControllerUIDIndex(this.pods);
    this.jobs.addEventHandler({
      onAdd: (job) => this.queue.add(keyOf(job)),
      onUpdate: (_old, job) => this.queue.add(keyOf(job)),
      onDelete: (job) => {
        this.queue.add(keyOf(job));
        for (const pod of this.pods.lister.byIndex(ControllerUIDIndex, job.metadata!.uid!)) this.enqueueIfOrphan(pod);
      },
    });
    this.pods.addEventHandler({
      onAdd: (pod) => {
        const key = this.jobKeyOf(pod);
        if (!key) return this.enqueueIfOrphan(pod);
        if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, podKey(pod));
        else this.expectations.creationObserved(key);
        this.enqueueBatched(key);
      },
      onUpdate: (old, pod) => {
        const key = this.jobKeyOf(pod);
        if (old.metadata?.resourceVersion === pod.metadata?.resourceVersion) return;
        if (!key) return this.enqueueIfOrphan(pod);
        if (pod.metadata?.deletionTimestamp) this.expectations.deletionObserved(key, podKey(pod));
        if (!hasTrackingFinalizer(pod)) this.finalizerExpectations.get(key)?.delete(pod.metadata!.uid!);
        this.enqueueBatched(key);
      },
      onDelete: (pod) => {
        const key = this.jobKeyOf(pod);
        if (!key) return;
        this.expectations.deletionObserved(key, podKey(pod));
        this.finalizerExpectations.get(key)?.delete(pod.metadata!.uid!);
        this.enqueueBatched(key);
      },
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.orphanQueue.run((key) => this.syncOrphanPod(key));
  }

  stop(): void {
    this.queue.shutdown();
    this.orphanQueue.shutdown();
  }

  /** sync is syncJob. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const job = this.jobs.lister.get(namespace, name);
    if (!job) {
      this.expectations.deleteExpectations(key);
      this.finalizerExpectations.delete(key);
      this.backoff.delete(key);
      return;
    }
    if (isJobFinished(job)) {
      this.backoff.delete(key);
      return;
    }
    const satisfied = this.expectations.satisfiedExpectations(key);
    const pods = this.pods.lister.byIndex(ControllerUIDIndex, job.metadata!.uid!);
    const { c, newSucceeded, newFailed, failed } = newSyncCtx(job, pods, this.finalizerExpectations.get(key) ?? new Set());
    const { status, active } = c;
    const now = this.ctx.sim.clock.now();
    if (!status.startTime && !job.spec?.suspend) status.startTime = formatTime(now);
    const backoff = newBackoffRecord(this.backoff.get(key), newSucceeded, newFailed);

    c.finished = finishedCondition(job, status, failed, pods, now);
    if (!c.finished && job.spec?.activeDeadlineSeconds !== undefined && !job.spec.suspend) {
      this.queue.addAfter(key, job.spec.activeDeadlineSeconds * 1000 - (now - parseTime(status.startTime)));
    }

    let activeCount = active.length;
    let manageErr: Error | undefined;
    let suspendChanged = false;
    if (c.finished) {
      const { deleted, deletedReady, err } = await this.deletePods(job, active, false);
      if (deleted !== activeCount || !satisfied) c.finished = undefined;
      activeCount -= deleted;
      c.terminating += deleted;
      c.ready -= deletedReady;
      manageErr = err;
    } else {
      let managed = false;
      if (satisfied && !job.metadata?.deletionTimestamp) {
        try {
          activeCount = await this.manageJob(key, c, backoff);
        } catch (e) {
          manageErr = e as Error;
          activeCount = c.active.length;
        }
        managed = true;
      }
      // Without completions, any success completes the Job once nothing runs.
      if (activeCount === 0 && c.succeeded >= (job.spec?.completions ?? 1)) {
        c.finished = newCondition('SuccessCriteriaMet', JobReasonCompletionsReached, MsgCompletionsReached, now);
      } else if (managed) {
        suspendChanged = this.updateSuspendedCondition(job, status, now);
      }
    }
    const needsUpdate =
      suspendChanged || activeCount !== (status.active ?? 0) || c.ready !== status.ready || c.terminating !== status.terminating;
    status.active = activeCount || undefined;
    status.ready = c.ready;
    status.terminating = c.terminating;
    await this.trackJobStatusAndRemoveFinalizers(key, c, needsUpdate);
    this.backoff.set(key, backoff);
    if (manageErr) throw manageErr;
  }

  /** manageJob creates or deletes pods toward min(parallelism, remaining completions) and returns the active count. */
  private async manageJob(key: string, c: SyncCtx, backoff: BackoffRecord): Promise<number> {
    const job = c.job;
    let active = c.active.length;
    if (job.spec?.suspend) {
      this.expectations.expectDeletions(key, c.active.map(podKey));
      const { deleted, deletedReady, err } = await this.deletePods(job, c.active, true);
      c.terminating += deleted;
      c.ready -= deletedReady;
      if (err) throw err;
      return active - deleted;
    }
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions;
    let wantActive: number;
    if (completions === undefined || completions === null) wantActive = c.succeeded > 0 ? active : parallelism;
    else wantActive = Math.max(0, Math.min(completions - c.succeeded, parallelism));
    const now = this.ctx.sim.clock.now();
    // An Indexed Job also removes pods without a valid index and duplicates of an index.
    const surplus = isIndexedJob(job)
      ? activePodsForRemoval(job, c.active, Math.max(0, active - wantActive), now)
      : active > wantActive
        ? sortActivePodsWithRanks(c.active, [], now).slice(0, active - wantActive)
        : [];
    if (surplus.length > 0) {
      const toDelete = surplus.slice(0, MaxPodCreateDeletePerSync);
      this.expectations.expectDeletions(key, toDelete.map(podKey));
      const { deleted, deletedReady, err } = await this.deletePods(job, toDelete, true);
      c.terminating += deleted;
      c.ready -= deletedReady;
      if (err) throw err;
      return active - deleted;
    }
    // With podReplacementPolicy Failed, a pod still terminating keeps its place.
    const terminating = job.spec?.podReplacementPolicy === 'Failed' ? c.terminating : 0;
    let diff = Math.min(wantActive - terminating - active, MaxPodCreateDeletePerSync);
    if (diff <= 0) return active;
    const indexes = isIndexedJob(job) ? firstPendingIndexes(c.succeededIndexes ?? [], c.active, diff, completions ?? 0) : undefined;
    if (indexes) diff = indexes.length;
    if (diff <= 0) return active;
    const remaining = remainingBackoffMs(backoff, this.ctx.sim.clock.now());
    if (remaining > 0) {
      this.queue.addAfter(key, remaining);
      return 0;
    }
    this.expectations.expectCreations(key, diff);
    const template = structuredClone(job.spec!.template);
    const meta = (template.metadata ??= {});
    if (!meta.finalizers?.includes(JobTrackingFinalizer)) meta.finalizers = [...(meta.finalizers ?? []), JobTrackingFinalizer];
    if (indexes) addCompletionIndexEnvVariables(template);
    const ref = newControllerRef(job, jobKind);
    const ns = job.metadata!.namespace!;
    const create = (k: number) => {
      if (!indexes) return this.podControl.createPods(ns, template, job, ref);
      const ix = indexes[k];
      return this.podControl.createPods(ns, indexedPodTemplate(job, template, ix), job, ref, podGenerateNameWithIndex(job.metadata!.name!, ix));
    };
    // Slow start: batches of 1, 2, 4... so a failing create does not repeat a hundred times.
    for (let batch = 1, next = 0; diff > 0; batch = Math.min(2 * batch, diff)) {
      const size = Math.min(batch, diff);
      const results = await Promise.allSettled(Array.from({ length: size }, () => create(next++)));
      const errs = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
      for (const e of errs) {
        if (hasStatusCause(e, NamespaceTerminatingCause)) continue;
        this.expectations.creationObserved(key);
        active--;
      }
      active += size;
      diff -= size;
      const real = errs.filter((e) => !hasStatusCause(e, NamespaceTerminatingCause));
      if (real.length > 0) {
        for (let i = 0; i < diff; i++) this.expectations.creationObserved(key);
        throw real[0];
      }
    }
    return active;
  }

  /** deletePods deletes pods keeping their finalizers (dropping them first when removeFinalizer, as deleteJobPods does). */
  private async deletePods(job: Job, pods: Pod[], removeFinalizer: boolean) {
    let deleted = 0;
    let deletedReady = 0;
    let err: Error | undefined;
    for (const pod of pods) {
      try {
        if (removeFinalizer && hasTrackingFinalizer(pod)) await this.removeFinalizer(pod);
        await this.podControl.deletePod(job.metadata!.namespace!, pod.metadata!.name!, job);
        deleted++;
      } catch (e) {
        if (isApiError(e, 'NotFound')) deleted++;
        else err = e as Error;
        if (removeFinalizer) this.expectations.deletionObserved(keyOf(job), podKey(pod));
      }
      if (isPodReady(pod)) deletedReady++;
    }
    return { deleted, deletedReady, err };
  }

  /**
   * trackJobStatusAndRemoveFinalizers records finished pods in uncountedTerminatedPods (flushed
   * first, with any interim SuccessCriteriaMet or FailureTarget condition), removes their finalizers,
   * moves them into the counters, and finally adds Complete or Failed once no pod is left uncounted
   * or terminating.
   */
  private async trackJobStatusAndRemoveFinalizers(key: string, c: SyncCtx, needsFlush: boolean): Promise<void> {
    const withFinalizer = new Set(
      c.pods.filter((p) => hasTrackingFinalizer(p) && !c.expectedRm.has(p.metadata!.uid!)).map((p) => p.metadata!.uid!),
    );
    if (cleanUncounted(c.status, withFinalizer)) needsFlush = true;
    const { toRemove, reachedMax, added } = collectFinishedPods(c);
    if (added) needsFlush = true;
    if (recordInterimCondition(c, this.ctx.sim.clock.now())) needsFlush = true;
    let job = c.job;
    if (needsFlush) {
      job = await this.updateStatus(job, c.status);
      needsFlush = false;
    }
    let rmErr: Error | undefined;
    if (toRemove.length > 0) {
      let expected = this.finalizerExpectations.get(key);
      if (!expected) this.finalizerExpectations.set(key, (expected = new Set()));
      for (const pod of toRemove) {
        expected.add(pod.metadata!.uid!);
        try {
          await this.removeFinalizer(pod);
          withFinalizer.delete(pod.metadata!.uid!);
        } catch (e) {
          expected.delete(pod.metadata!.uid!);
          if (isApiError(e, 'NotFound')) withFinalizer.delete(pod.metadata!.uid!);
          else rmErr = e as Error;
        }
      }
    }
    if (cleanUncounted(c.status, withFinalizer)) needsFlush = true;
    if (rmErr) {
      if (needsFlush) await this.updateStatus(job, c.status);
      throw rmErr;
    }
    const finished = !reachedMax && this.enactJobFinished(c);
    if (finished || needsFlush) job = await this.updateStatus(job, c.status);
    if (finished && c.finished?.type === 'Complete') {
      const completions = job.spec?.completions;
      if (completions !== undefined && completions !== null && (c.status.succeeded ?? 0) > completions) {
        this.recorder.event(
          job,
          EventType.Warning,
          'TooManySucceededPods',
          'Too many succeeded pods running after completion count reached',
        );
      }
      this.recorder.event(job, EventType.Normal, 'Completed', 'Job completed');
    } else if (finished && c.finished) {
      this.recorder.event(job, EventType.Warning, c.finished.reason!, c.finished.message!);
    }
  }

  /** enactJobFinished adds the Complete or Failed condition once no pod is uncounted or terminating. */
  private enactJobFinished(c: SyncCtx): boolean {
    const u = c.status.uncountedTerminatedPods!;
    if (!c.finished || (u.succeeded?.length ?? 0) + (u.failed?.length ?? 0) > 0 || c.terminating > 0) return false;
    c.status.conditions = ensureCondition(c.status.conditions ?? [], c.finished);
    if (c.finished.type === 'Complete') c.status.completionTime = c.finished.lastTransitionTime;
    return true;
  }

  private updateSuspendedCondition(job: Job, status: JobStatus, now: number): boolean {
    const before = status.conditions ?? [];
    const cond = job.spec?.suspend
      ? newCondition('Suspended', 'JobSuspended', 'Job suspended', now)
      : { ...newCondition('Suspended', 'JobResumed', 'Job resumed', now), status: 'False' };
    const after = ensureCondition(before, cond);
    if (after === before) return false;
    status.conditions = after;
    if (job.spec?.suspend) this.recorder.event(job, EventType.Normal, 'Suspended', 'Job suspended');
    else {
      this.recorder.event(job, EventType.Normal, 'Resumed', 'Job resumed');
      // A resumed Job's activeDeadlineSeconds counts from now.
      status.startTime = formatTime(now);
    }
    return true;
  }

  private async updateStatus(job: Job, status: JobStatus): Promise<Job> {
    // The status goes on changing after this write: send a snapshot.
    const updated = await this.ctx.client.updateStatus<Job>(Resources.jobs, { ...job, status: structuredClone(status) });
    return { ...job, metadata: { ...job.metadata, resourceVersion: updated.metadata?.resourceVersion } };
  }

  private async removeFinalizer(pod: Pod): Promise<void> {
    const patch = { metadata: { '$deleteFromPrimitiveList/finalizers': [JobTrackingFinalizer] } };
    await this.ctx.client.patch(Resources.pods, pod.metadata!.namespace, pod.metadata!.name!, 'strategic', patch);
  }

  /** syncOrphanPod is handleOrphanPod: drop the tracking finalizer of a pod whose Job is gone. */
  private async syncOrphanPod(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.lister.get(namespace, name);
    if (!pod || !hasTrackingFinalizer(pod)) return;
    // A pod of a finished Job will not be counted any more either.
    const job = this.jobOf(pod);
    if (job && !isJobFinished(job)) return;
    try {
      await this.removeFinalizer(pod);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  private enqueueIfOrphan(pod: Pod): void {
    if (hasTrackingFinalizer(pod)) this.orphanQueue.add(keyOf(pod));
  }

  /** jobKeyOf is the key of the unfinished Job controlling the pod, if any. */
  private jobKeyOf(pod: Pod): string | undefined {
    const job = this.jobOf(pod);
    return job && !isJobFinished(job) ? keyOf(job) : undefined;
  }

  private jobOf(pod: Pod): Job | undefined {
    const ref = getControllerOf(pod);
    if (ref?.kind !== 'Job' || !ref.apiVersion.startsWith('batch/')) return undefined;
    const job = this.jobs.lister.get(pod.metadata!.namespace, ref.name);
    return job?.metadata?.uid === ref.uid ? job : undefined;
  }

  /** enqueueBatched syncs the Job a second after the first pod change, however many follow meanwhile. */
  private enqueueBatched(key: string): void {
    if (this.batched.has(key)) return;
    this.batched.add(key);
    this.ctx.sim.timers.after(syncJobBatchPeriodMs, () => {
      this.batched.delete(key);
      this.queue.add(key);
    });
  }
}
