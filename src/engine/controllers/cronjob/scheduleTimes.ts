import type { CronJob } from 'kubernetes-types/batch/v1';
import { nextCronTime, parseStandardCron, type CronSchedule } from '../../api/cron/cronSchedule';
import { isKnownTimeZone, nextInZone } from '../../api/cron/timeZone';
import { parseTime } from '../../sim/clock';

// The schedule arithmetic of pkg/controller/cronjob/utils.go (v1.32): which scheduled time is due,
// how many were missed, and when to look again.

/** Schedule is cron.Schedule: Next is the first activation strictly after a time (undefined: none within five years). */
export interface Schedule {
  next(afterMs: number): number | undefined;
}

/** nextScheduleDeltaMs is added to a requeue so the sync runs just after the scheduled time. */
const nextScheduleDeltaMs = 100;

/** MissedSchedules is missedSchedulesType: none, a few, or more than 100. */
export type MissedSchedules = 'none' | 'few' | 'many';

/**
 * parseSchedule is cron.ParseStandard(formatSchedule(cj)): the schedule, run on the wall clock of
 * spec.timeZone (or of a TZ= prefix, which v1.32 warns about), UTC otherwise.
 */
export function parseSchedule(cj: CronJob): Schedule {
  const spec = cj.spec?.schedule ?? '';
  const parsed: CronSchedule = parseStandardCron(spec, isKnownTimeZone);
  const prefix = /^(?:CRON_)?TZ=(\S+)/.exec(spec)?.[1];
  const tz = prefix ?? (cj.spec?.timeZone && isKnownTimeZone(cj.spec.timeZone) ? cj.spec.timeZone : undefined);
  return { next: (afterMs) => nextInZone(tz, afterMs, (wall) => nextCronTime(parsed, wall)) };
}

/** MostRecent is what mostRecentScheduleTime finds. */
export interface MostRecent {
  earliestMs: number;
  mostRecentMs?: number;
  missed: MissedSchedules;
}

/** ScheduleError is the error mostRecentScheduleTime returns for a schedule that never fires twice. */
export class ScheduleError extends Error {}

/**
 * mostRecentScheduleTime is mostRecentScheduleTime: the latest scheduled time not after now since
 * the last one (or creation, or now − startingDeadlineSeconds when asked), and how many were missed.
 */
export function mostRecentScheduleTime(cj: CronJob, nowMs: number, schedule: Schedule, includeStartingDeadline: boolean): MostRecent {
  let earliestMs = parseTime(cj.status?.lastScheduleTime ?? cj.metadata?.creationTimestamp);
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (includeStartingDeadline && deadline !== undefined && deadline !== null) {
    // The controller is not going to schedule anything before this point.
    earliestMs = Math.max(earliestMs, nowMs - deadline * 1000);
  }
  const t1 = schedule.next(earliestMs);
  const t2 = t1 === undefined ? undefined : schedule.next(t1);
  if (t1 !== undefined && nowMs < t1) return { earliestMs, missed: 'none' };
  if (t1 !== undefined && t2 !== undefined && nowMs < t2) return { earliestMs, mostRecentMs: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) throw new ScheduleError('time difference between two schedules is less than 1 second');
  // A rough count of the missed times, as upstream makes it: how many intervals fit since t1.
  const missedCount = Math.trunc(Math.trunc((nowMs - t1!) / 1000) / between) + 1;
  let mostRecentMs: number | undefined;
  const potentialEarliest = t1! + (missedCount - 2) * between * 1000;
  for (let t = schedule.next(potentialEarliest); t !== undefined && t <= nowMs; t = schedule.next(t)) mostRecentMs = t;
  const missed: MissedSchedules = missedCount > 100 ? 'many' : missedCount > 1 ? 'few' : 'none';
  return { earliestMs, mostRecentMs, missed };
}

/** nextScheduleTimeDuration is how long until the sync after the next scheduled time. */
export function nextScheduleTimeDuration(cj: CronJob, nowMs: number, schedule: Schedule): number {
  let from: number;
  try {
    const r = mostRecentScheduleTime(cj, nowMs, schedule, false);
    from = r.mostRecentMs ?? r.earliestMs;
  } catch {
    // Requeue at some point anyway: aim for the next slot from now.
    from = nowMs;
  }
  const next = schedule.next(from);
  // A schedule with no next time (none within five years) is looked at again in a day.
  return next === undefined ? 24 * 3_600_000 : next + nextScheduleDeltaMs - nowMs;
}
