import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { isKnownTimeZone } from '../../api/cron/timeZone';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { formatTime, parseTime } from '../../sim/clock';
import { QueueController, type ControllerContext } from '../controller';
import { isJobFinished } from '../jobUtil';
import { ControllerUIDIndex, ensureControllerUIDIndex, getControllerOf } from '../util/controllerRef';
import { hasStatusCause, NamespaceTerminatingCause } from '../util/podControl';
import {
  byJobStartTime,
  controllerKind,
  deleteFromActiveList,
  finishedCondition,
  getJobName,
  inActiveList,
  inActiveListByName,
  jobFromTemplate,
  jobRef,
} from './cronJobUtils';
import { mostRecentScheduleTime, nextScheduleTimeDuration, parseSchedule, type Schedule } from './scheduleTimes';

// The CronJob controller of pkg/controller/cronjob/cronjob_controllerv2.go (v1.32): each CronJob
// is requeued for just after its next scheduled time, then creates that time's Job, keeps
// status.active, lastScheduleTime and lastSuccessfulTime, applies the concurrency policy and the
// starting deadline, and prunes finished Jobs beyond the history limits.

/** RFC 1123 with a numeric zone, as Go's time.RFC1123Z writes it in UTC. */
function rfc1123z(ms: number): string {
  return new Date(ms).toUTCString().replace('GMT', '+0000');
}

/** SyncResult is what one sync leaves: when to look again, and whether status changed. */
interface SyncResult {
  requeueAfterMs?: number;
  updateStatus: boolean;
}

export class CronJobController extends QueueController {
  readonly name = 'cronjob-controller';
  protected readonly queue: WorkQueue;
  private readonly cronJobs: Informer<CronJob>;
  private readonly jobs: Informer<Job>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers, 5);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'cronjob-controller');
    this.cronJobs = ctx.informers.for<CronJob>(Resources.cronjobs);
    this.jobs = ctx.informers.for<Job>(Resources.jobs);
    ensureControllerUIDIndex(this.jobs);
    this.cronJobs.addEventHandler({
      onAdd: (cj) => this.queue.add(keyOf(cj)),
      onUpdate: (old, cj) => this.updateCronJob(old, cj),
      onDelete: (cj) => this.queue.add(keyOf(cj)),
    });
    this.jobs.addEventHandler({
      onAdd: (job) => this.enqueueControllerOf(job),
      onUpdate: (old, job) => {
        if (old.metadata?.resourceVersion === job.metadata?.resourceVersion) return;
        if (getControllerOf(old)?.uid !== getControllerOf(job)?.uid) this.enqueueControllerOf(old);
        this.enqueueControllerOf(job);
      },
      onDelete: (job) => this.enqueueControllerOf(job),
    });
  }

  /** updateCronJob requeues for the new next time when the schedule or zone changed, at once otherwise. */
  private updateCronJob(old: CronJob, cj: CronJob): void {
    if (old.spec?.schedule !== cj.spec?.schedule || old.spec?.timeZone !== cj.spec?.timeZone) {
      let schedule: Schedule;
      try {
        schedule = parseSchedule(cj);
      } catch {
        // The sync reports an unparseable schedule.
        return this.queue.add(keyOf(cj));
      }
      return this.queue.addAfter(keyOf(cj), nextScheduleTimeDuration(cj, this.ctx.sim.clock.now(), schedule));
    }
    this.queue.add(keyOf(cj));
  }

  /** enqueueControllerOf queues the CronJob that controls job, when it is the one in the cache. */
  private enqueueControllerOf(job: Job): void {
    const ref = getControllerOf(job);
    if (!ref || ref.kind !== controllerKind.kind) return;
    const cj = this.cronJobs.lister.get(job.metadata?.namespace, ref.name);
    if (cj?.metadata?.uid === ref.uid) this.queue.add(keyOf(cj));
  }

  /** sync is ControllerV2.sync with its requeue: the CronJob comes back just after its next time. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.cronJobs.lister.get(namespace, name);
    if (!cached) return;
    const jobs = [...this.jobs.lister.byIndex(ControllerUIDIndex, cached.metadata!.uid!)];
    // One copy gathers every status change, written once at the end.
    const cj = structuredClone(cached);
    const cleaned = await this.cleanupFinishedJobs(cj, jobs);
    const { requeueAfterMs, updateStatus } = await this.syncCronJob(cj, jobs);
    if (cleaned || updateStatus) await this.ctx.client.updateStatus<CronJob>(Resources.cronjobs, cj);
    if (requeueAfterMs !== undefined) this.queue.addAfter(key, requeueAfterMs);
  }

  /** syncCronJob works on cj, the sync's own copy of the CronJob, and says whether its status changed. */
  private async syncCronJob(cj: CronJob, jobs: Job[]): Promise<SyncResult> {
    const now = this.ctx.sim.clock.now();
    let updateStatus = false;
    const children = new Set<string>();
    for (const j of jobs) {
      children.add(j.metadata!.uid!);
      const found = inActiveList(cj, j.metadata?.uid);
      if (!found && !isJobFinished(j)) {
        const fresh = await this.ctx.client.get<CronJob>(Resources.cronjobs, cj.metadata?.namespace, cj.metadata!.name!);
        // The status write that listed it may just not have reached the cache.
        if (inActiveList(fresh, j.metadata?.uid)) {
          Object.assign(cj, fresh);
          continue;
        }
        this.recorder.event(cj, EventType.Warning, 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata?.name}`);
      } else if (found && isJobFinished(j)) {
        deleteFromActiveList(cj, j.metadata?.uid);
        this.recorder.event(cj, EventType.Normal, 'SawCompletedJob', `Saw completed job: ${j.metadata?.name}, condition: ${finishedCondition(j)}`);
        updateStatus = true;
      } else if (finishedCondition(j) === 'Complete') {
        // A Job need not be active to count: its completion time is what matters.
        const completed = j.status?.completionTime;
        if (completed && (!cj.status?.lastSuccessfulTime || parseTime(completed) > parseTime(cj.status.lastSuccessfulTime))) {
          (cj.status ??= {}).lastSuccessfulTime = completed;
          updateStatus = true;
        }
      }
    }
    // An active Job the cache does not hold may only be slow to arrive: ask the API server.
    for (const ref of [...(cj.status?.active ?? [])]) {
      if (children.has(ref.uid!)) continue;
      try {
        await this.ctx.client.get(Resources.jobs, ref.namespace, ref.name!);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
        this.recorder.event(cj, EventType.Normal, 'MissingJob', `Active job went missing: ${ref.name}`);
        deleteFromActiveList(cj, ref.uid);
        updateStatus = true;
      }
    }
    if (cj.metadata?.deletionTimestamp) return { updateStatus };
    const tz = cj.spec?.timeZone;
    if (tz !== undefined && tz !== null && !isKnownTimeZone(tz)) {
      this.recorder.event(cj, EventType.Warning, 'UnknownTimeZone', `invalid timeZone: "${tz}": unknown time zone ${tz}`);
      return { updateStatus };
    }
    if (cj.spec?.suspend) return { updateStatus };
    let schedule: Schedule;
    try {
      schedule = parseSchedule(cj);
    } catch (e) {
      this.recorder.event(cj, EventType.Warning, 'UnparseableSchedule', `unparseable schedule: "${cj.spec?.schedule}" : ${(e as Error).message}`);
      return { updateStatus };
    }
    let scheduledMs: number | undefined;
    try {
      const recent = mostRecentScheduleTime(cj, now, schedule, true);
      scheduledMs = recent.mostRecentMs;
      if (scheduledMs !== undefined && recent.missed === 'many') {
        this.recorder.event(cj, EventType.Warning, 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew');
      }
    } catch (e) {
      this.recorder.event(cj, EventType.Warning, 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule} : ${(e as Error).message}`);
      return { updateStatus };
    }
    const requeue = (): SyncResult => ({ requeueAfterMs: nextScheduleTimeDuration(cj, now, schedule), updateStatus });
    if (scheduledMs === undefined) return requeue();
    const deadline = cj.spec?.startingDeadlineSeconds;
    if (deadline !== undefined && deadline !== null && scheduledMs + deadline * 1000 < now) {
      this.recorder.event(cj, EventType.Warning, 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduledMs)}`);
      return requeue();
    }
    if (inActiveListByName(cj, getJobName(cj, scheduledMs)) || parseTime(cj.status?.lastScheduleTime) === scheduledMs) return requeue();
    if (cj.spec?.concurrencyPolicy === 'Forbid' && (cj.status?.active?.length ?? 0) > 0) {
      this.recorder.event(cj, EventType.Normal, 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid');
      return requeue();
    }
    if (cj.spec?.concurrencyPolicy === 'Replace') {
      for (const ref of [...(cj.status?.active ?? [])]) {
        let job: Job;
        try {
          job = await this.ctx.client.get<Job>(Resources.jobs, ref.namespace, ref.name!);
        } catch (e) {
          this.recorder.event(cj, EventType.Warning, 'FailedGet', `Get job: ${(e as Error).message}`);
          throw e;
        }
        if (!(await this.deleteJob(cj, job))) throw new Error(`could not replace job ${job.metadata?.namespace}/${job.metadata?.name}`);
        updateStatus = true;
      }
    }
    const want = jobFromTemplate(cj, scheduledMs);
    let job: Job;
    try {
      job = await this.ctx.client.create<Job>(Resources.jobs, want);
      this.recorder.event(cj, EventType.Normal, 'SuccessfulCreate', `Created job ${job.metadata?.name}`);
    } catch (e) {
      if (hasStatusCause(e, NamespaceTerminatingCause)) throw e;
      if (!isApiError(e, 'AlreadyExists')) {
        this.recorder.event(cj, EventType.Warning, 'FailedCreate', `Error creating job: ${(e as Error).message}`);
        throw e;
      }
      // Created by someone else: ours only if this CronJob controls it, and then only if not yet listed.
      job = await this.ctx.client.get<Job>(Resources.jobs, want.metadata?.namespace, want.metadata!.name!);
      if (getControllerOf(job)?.uid !== cj.metadata?.uid || inActiveList(cj, job.metadata?.uid)) return { updateStatus };
    }
    const status = (cj.status ??= {});
    status.active = [...(status.active ?? []), jobRef(job)];
    status.lastScheduleTime = formatTime(scheduledMs);
    updateStatus = true;
    return requeue();
  }

  /** cleanupFinishedJobs deletes the oldest finished Jobs beyond the history limits. */
  private async cleanupFinishedJobs(cj: CronJob, jobs: Job[]): Promise<boolean> {
    const successfulLimit = cj.spec?.successfulJobsHistoryLimit;
    const failedLimit = cj.spec?.failedJobsHistoryLimit;
    if (successfulLimit === undefined && failedLimit === undefined) return false;
    const successful = jobs.filter((j) => finishedCondition(j) === 'Complete');
    const failed = jobs.filter((j) => finishedCondition(j) === 'Failed');
    let changed = false;
    if (successfulLimit !== undefined && (await this.removeOldestJobs(cj, successful, successfulLimit))) changed = true;
    if (failedLimit !== undefined && (await this.removeOldestJobs(cj, failed, failedLimit))) changed = true;
    return changed;
  }

  private async removeOldestJobs(cj: CronJob, jobs: Job[], max: number): Promise<boolean> {
    const excess = jobs.length - max;
    if (excess <= 0) return false;
    let changed = false;
    for (const job of jobs.sort(byJobStartTime).slice(0, excess)) if (await this.deleteJob(cj, job)) changed = true;
    return changed;
  }

  /** deleteJob deletes a Job (its pods in the background) and drops it from status.active. */
  private async deleteJob(cj: CronJob, job: Job): Promise<boolean> {
    try {
      await this.ctx.client.delete(Resources.jobs, job.metadata?.namespace, job.metadata!.name!, { propagationPolicy: 'Background' });
    } catch (e) {
      this.recorder.event(cj, EventType.Warning, 'FailedDelete', `Deleted job: ${(e as Error).message}`);
      return false;
    }
    deleteFromActiveList(cj, job.metadata?.uid);
    this.recorder.event(cj, EventType.Normal, 'SuccessfulDelete', `Deleted job ${job.metadata?.name}`);
    return true;
  }
}
