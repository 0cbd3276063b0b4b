import { describe, expect, it } from 'vitest';
import { formatSimTime, formatSpeed, speedOptions } from './clockFormat';

describe('clock formatting', () => {
  it('offers the standard speeds and keeps an unusual current one selectable', () => {
    expect(speedOptions(1)).toEqual([0.5, 1, 2, 5, 10, 50]);
    expect(speedOptions(100)).toEqual([0.5, 1, 2, 5, 10, 50, 100]);
    expect(speedOptions(0)).toEqual([0, 0.5, 1, 2, 5, 10, 50]);
  });

  it('prints speed and time', () => {
    expect(formatSpeed(0.5)).toBe('0.5×');
    expect(formatSimTime('2025-01-01T00:03:12.345Z')).toBe('2025-01-01 00:03:12');
    expect(formatSimTime('not a time')).toBe('not a time');
  });
});
