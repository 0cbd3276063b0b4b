import { describe, expect, it } from 'vitest';
import { nextCronTime, parseStandardCron } from './cronSchedule';
import { formatRfc3339InZone, isKnownTimeZone, nextInZone, zoneOffsetMs } from './timeZone';

const at = (iso: string) => Date.parse(iso);

describe('time zones', () => {
  it('knows IANA zones and UTC/Local, not made-up ones', () => {
    expect(isKnownTimeZone('Europe/Berlin')).toBe(true);
    expect(isKnownTimeZone('Local')).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
  });

  it('finds the wall-clock offset, summer and winter', () => {
    expect(zoneOffsetMs('Europe/Berlin', at('2026-01-15T12:00:00Z'))).toBe(3_600_000);
    expect(zoneOffsetMs('Europe/Berlin', at('2026-07-15T12:00:00Z'))).toBe(7_200_000);
    expect(zoneOffsetMs('America/New_York', at('2026-01-15T12:00:00Z'))).toBe(-5 * 3_600_000);
    expect(zoneOffsetMs(undefined, at('2026-01-15T12:00:00Z'))).toBe(0);
  });

  it('runs a cron schedule on the zone wall clock', () => {
    const nine = parseStandardCron('0 9 * * *');
    const next = (ms: number) => nextCronTime(nine, ms);
    expect(new Date(nextInZone('Europe/Berlin', at('2026-01-15T12:00:00Z'), next)!).toISOString()).toBe('2026-01-16T08:00:00.000Z');
    expect(new Date(nextInZone('Europe/Berlin', at('2026-07-15T05:00:00Z'), next)!).toISOString()).toBe('2026-07-15T07:00:00.000Z');
    expect(new Date(nextInZone(undefined, at('2026-07-15T05:00:00Z'), next)!).toISOString()).toBe('2026-07-15T09:00:00.000Z');
  });

  it('does not fire twice in the hour the clocks go back', () => {
    const half = parseStandardCron('30 2 * * *');
    const next = (ms: number) => nextCronTime(half, ms);
    // Berlin 2026-10-25: 03:00 CEST goes back to 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    const first = nextInZone('Europe/Berlin', at('2026-10-25T00:00:00Z'), next)!;
    expect(new Date(first).toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(new Date(nextInZone('Europe/Berlin', first, next)!).toISOString()).toBe('2026-10-26T01:30:00.000Z');
  });

  it('writes RFC 3339 with the zone offset', () => {
    expect(formatRfc3339InZone('Europe/Berlin', at('2026-01-16T08:00:00Z'))).toBe('2026-01-16T09:00:00+01:00');
    expect(formatRfc3339InZone('America/New_York', at('2026-01-16T08:00:00Z'))).toBe('2026-01-16T03:00:00-05:00');
    expect(formatRfc3339InZone(undefined, at('2026-01-16T08:00:00Z'))).toBe('2026-01-16T08:00:00Z');
  });
});
