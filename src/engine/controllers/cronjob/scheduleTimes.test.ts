import { describe, expect, it } from 'vitest';
import type { CronJob } from 'kubernetes-types/batch/v1';
import { mostRecentScheduleTime, nextScheduleTimeDuration, parseSchedule, ScheduleError } from './scheduleTimes';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function cronJob(schedule: string, spec: Partial<CronJob['spec']> = {}, status: CronJob['status'] = {}): CronJob {
  return {
    metadata: { name: 'tick', namespace: 'default', creationTimestamp: '2026-01-01T10:00:30Z' },
    spec: { schedule, jobTemplate: { spec: { template: {} } }, ...spec },
    status,
  };
}

describe('mostRecentScheduleTime', () => {
  it('finds nothing due before the first scheduled time', () => {
    const cj = cronJob('*/5 * * * *');
    const r = mostRecentScheduleTime(cj, at('2026-01-01T10:04:00Z'), parseSchedule(cj), true);
    expect(r.mostRecentMs).toBeUndefined();
    expect(r.missed).toBe('none');
  });

  it('finds the one due time between two activations', () => {
    const cj = cronJob('*/5 * * * *');
    const r = mostRecentScheduleTime(cj, at('2026-01-01T10:07:00Z'), parseSchedule(cj), true);
    expect(iso(r.mostRecentMs)).toBe('2026-01-01T10:05:00.000Z');
    expect(r.missed).toBe('none');
  });

  it('takes the latest of several missed times and counts them, from lastScheduleTime', () => {
    const cj = cronJob('*/5 * * * *', {}, { lastScheduleTime: '2026-01-01T10:05:00Z' });
    const r = mostRecentScheduleTime(cj, at('2026-01-01T10:31:00Z'), parseSchedule(cj), true);
    expect(iso(r.mostRecentMs)).toBe('2026-01-01T10:30:00.000Z');
    expect(r.missed).toBe('few');
    expect(mostRecentScheduleTime(cj, at('2026-01-02T10:31:00Z'), parseSchedule(cj), true).missed).toBe('many');
  });

  it('does not look further back than startingDeadlineSeconds', () => {
    const cj = cronJob('*/5 * * * *', { startingDeadlineSeconds: 60 }, { lastScheduleTime: '2026-01-01T10:05:00Z' });
    const r = mostRecentScheduleTime(cj, at('2026-01-01T10:33:00Z'), parseSchedule(cj), true);
    expect(r.mostRecentMs).toBeUndefined();
    expect(iso(mostRecentScheduleTime(cj, at('2026-01-01T10:33:00Z'), parseSchedule(cj), false).mostRecentMs)).toBe('2026-01-01T10:30:00.000Z');
  });

  it('rejects a schedule that never fires, as upstream does', () => {
    const cj = cronJob('0 0 30 2 *');
    expect(() => mostRecentScheduleTime(cj, at('2026-03-01T00:00:00Z'), parseSchedule(cj), true)).toThrow(ScheduleError);
  });

  it('runs on the wall clock of spec.timeZone', () => {
    const cj = cronJob('0 9 * * *', { timeZone: 'America/New_York' });
    const r = mostRecentScheduleTime(cj, at('2026-01-01T14:30:00Z'), parseSchedule(cj), true);
    expect(iso(r.mostRecentMs)).toBe('2026-01-01T14:00:00.000Z');
  });
});

describe('nextScheduleTimeDuration', () => {
  it('is the time until just after the next activation', () => {
    const cj = cronJob('*/5 * * * *', {}, { lastScheduleTime: '2026-01-01T10:05:00Z' });
    expect(nextScheduleTimeDuration(cj, at('2026-01-01T10:06:00Z'), parseSchedule(cj))).toBe(4 * 60_000 + 100);
  });
});
