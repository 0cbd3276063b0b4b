import type { Job, JobCondition, JobStatus } from 'kubernetes-types/batch/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { formatTime, parseTime } from '../sim/clock';
import {
  formatIntervals,
  getCompletionIndex,
  isIndexedJob,
  parseIndexesFromString,
  totalIndexes,
  withOrderedIndexes,
  type Interval,
} from './indexedJobUtils';
import { isPodReady } from './util/podUtil';

// Pure parts of the Job controller: pkg/controller/job/utils.go, backoff_utils.go and the
// condition helpers of job_controller.go (v1.32).

/** JobTrackingFinalizer keeps a finished pod until the controller has counted it. */
export const JobTrackingFinalizer = 'batch.kubernetes.io/job-tracking';
/** Job condition reasons and messages (job_controller.go, v1.32). */
export const JobReasonCompletionsReached = 'CompletionsReached';
export const MsgCompletionsReached = 'Reached expected number of succeeded pods';
export const JobReasonBackoffLimitExceeded = 'BackoffLimitExceeded';
export const MsgBackoffLimitExceeded = 'Job has reached the specified backoff limit';
export const JobReasonDeadlineExceeded = 'DeadlineExceeded';
export const MsgDeadlineExceeded = 'Job was active longer than specified deadline';
/** DefaultJobPodFailureBackOffMs doubles per failure since the last success, up to MaxJobPodFailureBackOffMs. */
export const DefaultJobPodFailureBackOffMs = 10_000;
export const MaxJobPodFailureBackOffMs = 10 * 60_000;
/** BackoffRecord counts the failures since the last success of a Job, for its pod re-creation back-off. */
export interface BackoffRecord {
  failuresAfterLastSuccess: number;
  lastFailureTime?: number;
}

/** MaxUncountedPods caps status.uncountedTerminatedPods, keeping it under about 20 kB. */
const MaxUncountedPods = 500;

/** SyncCtx is syncJobCtx: what one sync of a Job knows and decides. */
export interface SyncCtx {
  job: Job;
  status: JobStatus;
  pods: Pod[];
  active: Pod[];
  ready: number;
  terminating: number;
  succeeded: number;
  uncountedSucceeded: Set<string>;
  uncountedFailed: Set<string>;
  expectedRm: Set<string>;
  finished?: JobCondition;
  /** For an Indexed Job: the indexes status.completedIndexes held, and those with this sync's successes added. */
  prevSucceededIndexes?: Interval[];
  succeededIndexes?: Interval[];
}

/**
 * newSyncCtx sorts a Job's pods for one sync: active, ready and terminating ones, and the finished
 * pods not counted yet (those still holding the tracking finalizer, not already in
 * uncountedTerminatedPods, and not expected to lose their finalizer).
 */
export function newSyncCtx(job: Job, pods: Pod[], expectedRm: Set<string>) {
  const status: JobStatus = structuredClone(job.status ?? {});
  const uncounted = (status.uncountedTerminatedPods ??= {});
  const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const active = pods.filter((p) => !terminal(p) && !p.metadata?.deletionTimestamp);
  const c: SyncCtx = {
    job,
    status,
    pods,
    active,
    ready: active.filter(isPodReady).length,
    terminating: pods.filter((p) => p.metadata?.deletionTimestamp && !terminal(p)).length,
    succeeded: 0,
    uncountedSucceeded: new Set(uncounted.succeeded ?? []),
    uncountedFailed: new Set(uncounted.failed ?? []),
    expectedRm,
  };
  const isNew = (p: Pod) => {
    const uid = p.metadata!.uid!;
    return hasTrackingFinalizer(p) && !c.uncountedSucceeded.has(uid) && !c.uncountedFailed.has(uid) && !expectedRm.has(uid);
  };
  const newSucceeded = pods.filter((p) => isNew(p) && p.status?.phase === 'Succeeded');
  const newFailed = pods.filter((p) => isNew(p) && isPodFailed(p, job));
  c.succeeded = (status.succeeded ?? 0) + newSucceeded.length + c.uncountedSucceeded.size;
  if (isIndexedJob(job)) {
    // An index counts once, however many of its pods succeed: the intervals are the count.
    const completions = job.spec?.completions ?? 0;
    c.prevSucceededIndexes = parseIndexesFromString(status.completedIndexes, completions);
    const fresh = newSucceeded.map(getCompletionIndex).filter((ix) => ix >= 0 && ix < completions);
    c.succeededIndexes = withOrderedIndexes(c.prevSucceededIndexes, [...new Set(fresh)].sort((a, b) => a - b));
    c.succeeded = totalIndexes(c.succeededIndexes);
  }
  const failed = (status.failed ?? 0) + newFailed.length + c.uncountedFailed.size;
  return { c, newSucceeded, newFailed, failed };
}

/**
 * collectFinishedPods is the first step of trackJobStatusAndRemoveFinalizers: the pods whose
 * finalizer may go (finished, or every pod once the Job is finished or deleted), each added to
 * status.uncountedTerminatedPods unless already there; at most MaxUncountedPods at a time.
 */
export function collectFinishedPods(c: SyncCtx): { toRemove: Pod[]; reachedMax: boolean; added: boolean } {
  const uncounted = c.status.uncountedTerminatedPods!;
  const toRemove: Pod[] = [];
  let added = false;
  for (const pod of c.pods) {
    const uid = pod.metadata!.uid!;
    if (!hasTrackingFinalizer(pod) || c.expectedRm.has(uid)) continue;
    const failed = isPodFailed(pod, c.job);
    if (!c.job.metadata?.deletionTimestamp && !c.finished && pod.status?.phase !== 'Succeeded' && !failed) continue;
    toRemove.push(pod);
    if (pod.status?.phase === 'Succeeded' && !c.uncountedFailed.has(uid)) {
      // An Indexed Job counts its successes by index (below), not by pod UID.
      if (c.succeededIndexes) continue;
      if (!c.uncountedSucceeded.has(uid)) {
        (uncounted.succeeded ??= []).push(uid);
        added = true;
      }
    } else if ((failed || (c.finished && c.finished.type !== 'SuccessCriteriaMet')) && !c.uncountedFailed.has(uid)) {
      // Once the Job is finished, every pod not succeeded counts as failed.
      (uncounted.failed ??= []).push(uid);
      added = true;
    }
    if ((uncounted.succeeded?.length ?? 0) + (uncounted.failed?.length ?? 0) >= MaxUncountedPods)
      return { toRemove, reachedMax: true, added: recordSucceededIndexes(c) || added };
  }
  return { toRemove, reachedMax: false, added: recordSucceededIndexes(c) || added };
}

/** recordSucceededIndexes writes an Indexed Job's succeeded count and completedIndexes; it reports a change. */
function recordSucceededIndexes(c: SyncCtx): boolean {
  if (!c.succeededIndexes) return false;
  const text = formatIntervals(c.succeededIndexes);
  const changed = text !== (c.status.completedIndexes ?? '');
  c.status.completedIndexes = text || undefined;
  c.status.succeeded = totalIndexes(c.succeededIndexes) || undefined;
  return changed;
}

/** hasTrackingFinalizer reports whether the pod still waits to be counted. */
export function hasTrackingFinalizer(pod: Pod): boolean {
  return pod.metadata?.finalizers?.includes(JobTrackingFinalizer) ?? false;
}

/** isJobFinished is util.IsJobFinished: a Complete or Failed condition is True. */
export function isJobFinished(job: Job): boolean {
  return (job.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/**
 * isPodFailed is isPodFailed: phase Failed; also, unless only failed pods are replaced, a pod
 * deleted before it succeeded (an orphan that will never reach Failed).
 */
export function isPodFailed(pod: Pod, job: Job): boolean {
  if (pod.status?.phase === 'Failed') return true;
  if (job.spec?.podReplacementPolicy === 'Failed' || job.spec?.podFailurePolicy) return false;
  return !!pod.metadata?.deletionTimestamp && pod.status?.phase !== 'Succeeded';
}

/** pastBackoffLimitOnFailure: for restartPolicy OnFailure, container restarts count against backoffLimit. */
export function pastBackoffLimitOnFailure(job: Job, pods: Pod[]): boolean {
  if (job.spec?.template.spec?.restartPolicy !== 'OnFailure') return false;
  let restarts = 0;
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue;
    for (const s of [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])]) restarts += s.restartCount;
  }
  const limit = job.spec?.backoffLimit ?? 6;
  return limit === 0 ? restarts > 0 : restarts >= limit;
}

/** cleanUncounted moves the uncounted pods whose finalizer is gone into the counters. */
export function cleanUncounted(status: JobStatus, withFinalizer: Set<string>): boolean {
  const u = status.uncountedTerminatedPods!;
  let updated = false;
  const keepS = (u.succeeded ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepS.length !== (u.succeeded?.length ?? 0)) {
    status.succeeded = (status.succeeded ?? 0) + (u.succeeded!.length - keepS.length) || undefined;
    u.succeeded = keepS.length > 0 ? keepS : undefined;
    updated = true;
  }
  const keepF = (u.failed ?? []).filter((uid) => withFinalizer.has(uid));
  if (keepF.length !== (u.failed?.length ?? 0)) {
    status.failed = (status.failed ?? 0) + (u.failed!.length - keepF.length) || undefined;
    u.failed = keepF.length > 0 ? keepF : undefined;
    updated = true;
  }
  return updated;
}

/**
 * newBackoffRecord is backoffStore.newBackoffRecord: failures since the last success, and when the
 * last of them finished.
 */
export function newBackoffRecord(prev: BackoffRecord | undefined, succeeded: Pod[], failed: Pod[]): BackoffRecord {
  const rec: BackoffRecord = { ...(prev ?? { failuresAfterLastSuccess: 0 }) };
  const failedTimes = failed.map(finishedTime).sort((a, b) => a - b);
  if (succeeded.length === 0) {
    if (failed.length === 0) return rec;
    return { failuresAfterLastSuccess: rec.failuresAfterLastSuccess + failed.length, lastFailureTime: failedTimes[failedTimes.length - 1] };
  }
  const lastSuccess = Math.max(...succeeded.map(finishedTime));
  const after = failedTimes.filter((t) => t > lastSuccess);
  return { failuresAfterLastSuccess: after.length, lastFailureTime: after.length > 0 ? after[after.length - 1] : undefined };
}

/** remainingBackoffMs is getRemainingTime: 10s doubling per failure, at most 10 minutes, from the last failure. */
export function remainingBackoffMs(rec: BackoffRecord, now: number): number {
  if (rec.failuresAfterLastSuccess === 0 || rec.lastFailureTime === undefined) return 0;
  let d = DefaultJobPodFailureBackOffMs;
  for (let i = 1; i < rec.failuresAfterLastSuccess && d < MaxJobPodFailureBackOffMs; i++) d = Math.min(d * 2, MaxJobPodFailureBackOffMs);
  return Math.max(0, d - (now - rec.lastFailureTime));
}

/** finishedTime is getFinishedTime: the last container termination, else the deletion, else creation. */
export function finishedTime(pod: Pod): number {
  let t = NaN;
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const f = parseTime(s.state?.terminated?.finishedAt);
    if (!Number.isNaN(f) && !(f <= t)) t = f;
  }
  if (!Number.isNaN(t)) return t;
  const d = parseTime(pod.metadata?.deletionTimestamp);
  return Number.isNaN(d) ? parseTime(pod.metadata?.creationTimestamp) || 0 : d;
}

/** newCondition is newCondition: a True condition probed and changed now. */
export function newCondition(type: string, reason: string, message: string, nowMs: number): JobCondition {
  const t = formatTime(nowMs);
  return { type, status: 'True', lastProbeTime: t, lastTransitionTime: t, reason, message };
}

/**
 * ensureCondition is ensureJobConditionStatus: replace a condition of the type whose status, reason
 * or message differ, or add it unless it is False; the same array comes back when nothing changed.
 */
export function ensureCondition(list: JobCondition[], cond: JobCondition): JobCondition[] {
  const i = list.findIndex((x) => x.type === cond.type);
  if (i >= 0) {
    const prev = list[i];
    if (prev.status === cond.status && prev.reason === cond.reason && prev.message === cond.message) return list;
    return list.map((x, j) => (j === i ? cond : x));
  }
  return cond.status === 'False' ? list : [...list, cond];
}

/** pastActiveDeadline is pastActiveDeadline: a running Job has been active activeDeadlineSeconds. */
export function pastActiveDeadline(job: Job, status: JobStatus, now: number): boolean {
  const seconds = job.spec?.activeDeadlineSeconds;
  if (seconds === undefined || !status.startTime || job.spec?.suspend) return false;
  return now - parseTime(status.startTime) >= seconds * 1000;
}

/**
 * finishedCondition is how syncJob decides a Job is done before counting this sync's pods: a
 * SuccessCriteriaMet or FailureTarget condition already recorded (the latter turning into Failed),
 * else a FailureTarget for too many failures or a passed active deadline.
 */
export function finishedCondition(job: Job, status: JobStatus, failed: number, pods: Pod[], now: number): JobCondition | undefined {
  const conditions = status.conditions ?? [];
  const successCriteriaMet = conditions.find((x) => x.type === 'SuccessCriteriaMet' && x.status === 'True');
  if (successCriteriaMet) return successCriteriaMet;
  const failureTarget = conditions.find((x) => x.type === 'FailureTarget' && x.status === 'True');
  if (failureTarget) return newCondition('Failed', failureTarget.reason!, failureTarget.message!, now);
  if (failed > (job.spec?.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) {
    return newCondition('FailureTarget', JobReasonBackoffLimitExceeded, MsgBackoffLimitExceeded, now);
  }
  if (pastActiveDeadline(job, status, now)) return newCondition('FailureTarget', JobReasonDeadlineExceeded, MsgDeadlineExceeded, now);
  return undefined;
}

/**
 * recordInterimCondition appends the interim FailureTarget or SuccessCriteriaMet condition to the
 * status before finalizers go, and turns c.finished into the Failed or Complete condition to add
 * once every pod is counted. It reports whether the status changed.
 */
export function recordInterimCondition(c: SyncCtx, now: number): boolean {
  const conditions = c.status.conditions ?? [];
  const f = c.finished;
  if (f?.type !== 'FailureTarget' && f?.type !== 'SuccessCriteriaMet') return false;
  const changed = f.type === 'FailureTarget' || !conditions.some((x) => x.type === 'SuccessCriteriaMet');
  if (changed) c.status.conditions = [...conditions, f];
  c.finished = newCondition(f.type === 'FailureTarget' ? 'Failed' : 'Complete', f.reason!, f.message!, now);
  return changed;
}
