import type { Job } from 'kubernetes-types/batch/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { parseTime } from '../sim/clock';
import { QueueController, type ControllerContext } from './controller';
import { isJobFinished } from './jobUtil';

// The TTL-after-finished controller of pkg/controller/ttlafterfinished (v1.32): a finished Job
// with spec.ttlSecondsAfterFinished is deleted (foreground, so its pods go first) that many seconds
// after its Complete or Failed condition turned True. It records no events, as upstream.

/** needsCleanup says whether job has a TTL and has finished. */
function needsCleanup(job: Job): boolean {
  const ttl = job.spec?.ttlSecondsAfterFinished;
  return ttl !== undefined && ttl !== null && isJobFinished(job);
}

/** finishTime is when the Job's Complete or Failed condition turned True. */
function finishTime(job: Job): number {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return parseTime(c.lastTransitionTime);
  }
  return NaN;
}

/** timeLeftMs is how long until job expires: ≤ 0 once expired, undefined if it cannot tell. */
function timeLeftMs(job: Job, now: number): number | undefined {
  const finished = finishTime(job);
  if (Number.isNaN(finished)) return undefined;
  // A Job finished in the future (clock skew) waits until its expiry as seen from then.
  return finished + job.spec!.ttlSecondsAfterFinished! * 1000 - now;
}

export class TTLAfterFinishedController extends QueueController {
  readonly name = 'ttl-after-finished-controller';
  protected readonly queue: WorkQueue;
  private readonly jobs: Informer<Job>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers, 5);
    this.jobs = ctx.informers.for<Job>(Resources.jobs);
    const enqueue = (job: Job) => {
      if (!job.metadata?.deletionTimestamp && needsCleanup(job)) this.queue.add(keyOf(job));
    };
    this.jobs.addEventHandler({ onAdd: enqueue, onUpdate: (_old, job) => enqueue(job) });
  }

  /** sync is processJob: requeue until the TTL runs out, then re-read the Job and delete it if still expired. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.jobs.lister.get(namespace, name);
    if (!cached || cached.metadata?.deletionTimestamp || !needsCleanup(cached) || !this.expired(key, cached)) return;
    // The cache may be stale (the TTL changed, the Job was re-run): decide on what the API server holds.
    let fresh: Job;
    try {
      fresh = await this.ctx.client.get<Job>(Resources.jobs, namespace, name);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return;
      throw e;
    }
    if (fresh.metadata?.deletionTimestamp || !needsCleanup(fresh) || !this.expired(key, fresh)) return;
    try {
      await this.ctx.client.delete(Resources.jobs, namespace, name, {
        propagationPolicy: 'Foreground',
        preconditions: { uid: fresh.metadata?.uid, resourceVersion: fresh.metadata?.resourceVersion },
      });
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }

  /** expired says whether job's TTL has run out, and requeues the key for when it will if not. */
  private expired(key: string, job: Job): boolean {
    const left = timeLeftMs(job, this.ctx.sim.clock.now());
    if (left === undefined) return false;
    if (left > 0) this.queue.addAfter(key, left);
    return left <= 0;
  }
}
