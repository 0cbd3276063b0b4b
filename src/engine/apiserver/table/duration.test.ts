import { describe, expect, it } from 'vitest';
import { humanDuration, shortHumanDuration, translateTimestampSince } from './duration';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration', () => {
  it.each([
    [0, '0s'],
    [-1 * s, '0s'],
    [-1.5 * s, '0s'],
    [-2 * s, '<invalid>'],
    [1 * s, '1s'],
    [119 * s, '119s'],
    [120 * s, '2m'],
    [121 * s, '2m1s'],
    [3 * m + 2 * s, '3m2s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m + 30 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [3 * h + 5 * m, '3h5m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h + 30 * m, '8h'],
    [47 * h, '47h'],
    [48 * h, '2d'],
    [49 * h, '2d1h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d + 5 * h, '8d'],
    [729 * d, '729d'],
    [730 * d, '2y'],
    [731 * d, '2y1d'],
    [8 * 365 * d + 3 * d, '8y'],
  ])('%d ms renders as %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

describe('shortHumanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1 * s, '0s'],
    [59 * s, '59s'],
    [60 * s, '1m'],
    [59 * m + 59 * s, '59m'],
    [60 * m, '1h'],
    [23 * h, '23h'],
    [24 * h, '1d'],
    [364 * d, '364d'],
    [365 * d, '1y'],
  ])('%d ms renders as %s', (ms, want) => {
    expect(shortHumanDuration(ms)).toBe(want);
  });
});

describe('translateTimestampSince', () => {
  const now = Date.parse('2025-01-01T12:00:00Z');
  it('renders the age of an RFC 3339 timestamp', () => {
    expect(translateTimestampSince('2025-01-01T11:55:00Z', now)).toBe('5m');
  });
  it('prints <unknown> for an unset timestamp', () => {
    expect(translateTimestampSince(undefined, now)).toBe('<unknown>');
    expect(translateTimestampSince(null, now)).toBe('<unknown>');
  });
});
