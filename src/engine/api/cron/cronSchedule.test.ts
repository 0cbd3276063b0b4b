import { describe, expect, it } from 'vitest';
import { CronParseError, nextCronTime, parseGoDuration, parseStandardCron } from './cronSchedule';

function parseError(spec: string): string {
  try {
    parseStandardCron(spec, (tz) => tz === 'UTC');
  } catch (e) {
    if (e instanceof CronParseError) return e.message;
    throw e;
  }
  return '';
}

describe('parseStandardCron', () => {
  it.each([
    ['*/5 * * * *'],
    ['0 0 1 jan,JUL mon-fri'],
    ['@hourly'],
    ['@every 1h30m'],
    ['15 3 ? * sun'],
  ])('accepts %s', (spec) => {
    expect(parseError(spec)).toBe('');
  });

  it.each([
    ['', 'empty spec string'],
    ['* * *', 'expected exactly 5 fields, found 3: [* * *]'],
    ['* * * * * *', 'expected exactly 5 fields, found 6: [* * * * * *]'],
    ['60 * * * *', 'end of range (60) above maximum (59): 60'],
    ['* * 0 * *', 'beginning of range (0) below minimum (1): 0'],
    ['* * * * 7', 'end of range (7) above maximum (6): 7'],
    ['5-2 * * * *', 'beginning of range (5) beyond end of range (2): 5-2'],
    ['*/0 * * * *', 'step of range should be a positive number: */0'],
    ['x * * * *', 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax'],
    ['1-2-3 * * * *', 'too many hyphens: 1-2-3'],
    ['1/2/3 * * * *', 'too many slashes: 1/2/3'],
    ['@fortnightly', 'unrecognized descriptor: @fortnightly'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['@every 5q', 'failed to parse duration @every 5q: time: unknown unit "q" in duration "5q"'],
    ['TZ=Mars/Olympus * * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
  ])('rejects %j with %j', (spec, want) => {
    expect(parseError(spec)).toBe(want);
  });
});

describe('parseGoDuration', () => {
  it.each([
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['-2m', -120_000],
    ['0', 0],
  ])('parses %s', (s, ms) => {
    expect(parseGoDuration(s)).toBe(ms);
  });

  it('rejects a duration without digits', () => {
    expect(() => parseGoDuration('h')).toThrow('time: invalid duration "h"');
  });
});

describe('nextCronTime', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    ['*/15 * * * *', '2025-01-01T10:07:30Z', '2025-01-01T10:15:00Z'],
    ['0 0 * * *', '2025-01-01T10:07:30Z', '2025-01-02T00:00:00Z'],
    // Day of month and day of week are ORed when neither is "*": the 13th or any Friday.
    ['0 0 13 * 5', '2025-06-01T00:00:00Z', '2025-06-06T00:00:00Z'],
    ['0 12 29 2 *', '2025-01-01T00:00:00Z', '2028-02-29T12:00:00Z'],
  ])('%s after %s is %s', (spec, after, want) => {
    expect(new Date(nextCronTime(parseStandardCron(spec), at(after))!).toISOString()).toBe(new Date(want).toISOString());
  });

  it('never fires on a date that does not exist', () => {
    expect(nextCronTime(parseStandardCron('0 0 30 2 *'), at('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});
