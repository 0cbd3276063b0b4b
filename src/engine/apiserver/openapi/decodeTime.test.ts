import { describe, expect, it } from 'vitest';
import { timeParseError } from './decodeTime';
import { GoTimeLayouts } from './fieldTypes';

const rfc3339 = GoTimeLayouts.RFC3339;

describe('timeParseError', () => {
  it.each(['2024-05-01T10:00:00Z', '2024-05-01T10:00:00+02:00', '2024-05-01T10:00:00.5Z', '2024-02-29T23:59:59-07:00'])('accepts %s', (v) => {
    expect(timeParseError(rfc3339, v)).toBeUndefined();
  });

  it.each([
    ['yesterday', 'parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"'],
    ['2024-05-01', 'parsing time "2024-05-01" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "T"'],
    ['2024-05-01 10:00:00Z', 'parsing time "2024-05-01 10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00:00Z" as "T"'],
    ['2024-5-01T10:00:00Z', 'parsing time "2024-5-01T10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse "5-01T10:00:00Z" as "01"'],
    ['2024-05-01T10:00:00', 'parsing time "2024-05-01T10:00:00" as "2006-01-02T15:04:05Z07:00": cannot parse "" as "Z07:00"'],
    ['2024-13-01T10:00:00Z', 'parsing time "2024-13-01T10:00:00Z": month out of range'],
    ['2023-02-29T10:00:00Z', 'parsing time "2023-02-29T10:00:00Z": day out of range'],
    ['2024-05-01T25:00:00Z', 'parsing time "2024-05-01T25:00:00Z": hour out of range'],
    ['2024-05-01T10:00:00Zjunk', 'parsing time "2024-05-01T10:00:00Zjunk": extra text: "junk"'],
  ])('rejects %j as time.Parse does', (v, want) => {
    expect(timeParseError(rfc3339, v)).toBe(want);
  });

  it('requires exactly six fraction digits for MicroTime', () => {
    expect(timeParseError(GoTimeLayouts.RFC3339Micro, '2024-05-01T10:00:00.123456Z')).toBeUndefined();
    expect(timeParseError(GoTimeLayouts.RFC3339Micro, '2024-05-01T10:00:00.123Z')).toBe(
      'parsing time "2024-05-01T10:00:00.123Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse ".123Z" as ".000000"',
    );
  });
});
