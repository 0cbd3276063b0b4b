import type { CronJob, Job } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { formatRfc3339InZone } from '../../api/cron/timeZone';
import { parseTime } from '../../sim/clock';
import { newControllerRef } from '../util/controllerRef';

// Job bookkeeping of pkg/controller/cronjob/utils.go (v1.32).

export const controllerKind = { apiVersion: 'batch/v1', kind: 'CronJob' };

/** CronJobScheduledTimestampAnnotation records, on each Job, the time it was scheduled for. */
export const CronJobScheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** getJobName names a scheduled Job after its CronJob and the scheduled minute, so a time never gets two Jobs. */
export function getJobName(cj: CronJob, scheduledMs: number): string {
  return `${cj.metadata!.name}-${Math.floor(scheduledMs / 60_000)}`;
}

/** jobFromTemplate is getJobFromTemplate2: the Job for one scheduled time. */
export function jobFromTemplate(cj: CronJob, scheduledMs: number): Job {
  const template = cj.spec!.jobTemplate;
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: getJobName(cj, scheduledMs),
      namespace: cj.metadata!.namespace,
      labels: { ...template.metadata?.labels },
      annotations: { ...template.metadata?.annotations, [CronJobScheduledTimestampAnnotation]: formatRfc3339InZone(cj.spec?.timeZone, scheduledMs) },
      ownerReferences: [newControllerRef(cj, controllerKind)],
    },
    spec: structuredClone(template.spec),
  };
}

/** jobRef is the status.active entry of a Job. */
export function jobRef(job: Job): ObjectReference {
  const m = job.metadata!;
  return { kind: 'Job', namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: 'batch/v1', resourceVersion: m.resourceVersion };
}

export function inActiveList(cj: CronJob, uid: string | undefined): boolean {
  return (cj.status?.active ?? []).some((r) => r.uid === uid);
}

export function inActiveListByName(cj: CronJob, name: string): boolean {
  return (cj.status?.active ?? []).some((r) => r.name === name && r.namespace === cj.metadata?.namespace);
}

/** deleteFromActiveList drops the Job with uid from status.active (cj is the controller's own copy). */
export function deleteFromActiveList(cj: CronJob, uid: string | undefined): void {
  if (!cj.status?.active) return;
  cj.status.active = cj.status.active.filter((r) => r.uid !== uid);
}

/** finishedCondition is the type of the Job's True Complete or Failed condition, if it has one. */
export function finishedCondition(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  }
  return undefined;
}

/** byJobStartTime orders Jobs by status.startTime, unstarted last, then by name. */
export function byJobStartTime(a: Job, b: Job): number {
  const sa = parseTime(a.status?.startTime);
  const sb = parseTime(b.status?.startTime);
  if (Number.isNaN(sa) !== Number.isNaN(sb)) return Number.isNaN(sa) ? 1 : -1;
  if (sa === sb || (Number.isNaN(sa) && Number.isNaN(sb))) return (a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1;
  return sa - sb;
}
