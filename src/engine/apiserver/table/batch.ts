import type { CronJob, Job, JobCondition } from 'kubernetes-types/batch/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { humanDuration, parseTime, translateTimestampSince } from './duration';
import { formatLabelSelector, layoutContainerCells, none, printBoolPtr } from './format';
import type { Printer } from './types';

// batch/v1 printers of pkg/printers/internalversion/printers.go (v1.32). The Job STATUS column exists
// since v1.30; "SuccessCriteriaMet" only shows from v1.34 on, so it is not a status here.

function hasJobCondition(conditions: readonly JobCondition[] | undefined, type: string): boolean {
  for (const c of conditions ?? []) if (c.type === type) return c.status === 'True';
  return false;
}

/** jobStatus is the STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(job: Job): string {
  const conditions = job.status?.conditions;
  if (hasJobCondition(conditions, 'Complete')) return 'Complete';
  if (hasJobCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasJobCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasJobCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** jobCompletions is the COMPLETIONS cell: "1/3", or "0/1 of 5" for a work queue with parallelism 5. */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function jobDuration(job: Job, now: number): string {
  const status = job.status;
  if (!status?.startTime) return '';
  const end = status.completionTime ? parseTime(status.completionTime) : now;
  return humanDuration(end - parseTime(status.startTime));
}

/** jobPrinter: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
export const jobPrinter: Printer<Job> = {
  columns: [
    nameColumn,
    column('Status', 'string', 'Status of the job.'),
    column('Completions', 'string', docs.jobSucceeded),
    column('Duration', 'string', 'Time required to complete the job.'),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.jobSelector),
  ],
  cells(job, now) {
    const [names, images] = layoutContainerCells(job.spec?.template.spec?.containers);
    return [
      job.metadata?.name ?? '',
      jobStatus(job),
      jobCompletions(job),
      jobDuration(job, now),
      translateTimestampSince(job.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(job.spec?.selector),
    ];
  },
};

/** cronJobPrinter: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide CONTAINERS IMAGES SELECTOR. */
export const cronJobPrinter: Printer<CronJob> = {
  columns: [
    nameColumn,
    column('Schedule', 'string', docs.cronJobSchedule),
    column('Timezone', 'string', docs.cronJobTimeZone),
    column('Suspend', 'boolean', docs.cronJobSuspend),
    column('Active', 'integer', docs.cronJobActive),
    column('Last Schedule', 'string', docs.cronJobLastScheduleTime),
    ageColumn,
    wideColumn('Containers', 'string', containersDescription),
    wideColumn('Images', 'string', imagesDescription),
    wideColumn('Selector', 'string', docs.jobSelector),
  ],
  cells(cj, now) {
    const jobSpec = cj.spec?.jobTemplate.spec;
    const [names, images] = layoutContainerCells(jobSpec?.template.spec?.containers);
    const last = cj.status?.lastScheduleTime;
    return [
      cj.metadata?.name ?? '',
      cj.spec?.schedule ?? '',
      cj.spec?.timeZone ?? none,
      printBoolPtr(cj.spec?.suspend),
      cj.status?.active?.length ?? 0,
      last ? translateTimestampSince(last, now) : none,
      translateTimestampSince(cj.metadata?.creationTimestamp, now),
      names,
      images,
      formatLabelSelector(jobSpec?.selector),
    ];
  },
};
