import { describe, expect, it } from 'vitest';
import { visibleRows } from './visibleRows';

describe('visibleRows', () => {
  it.each([
    ['the top of the list', 100_000, 0, { start: 0, end: 14, offset: 0 }],
    ['a scrolled list, with overscan either side', 100_000, 2400, { start: 96, end: 114, offset: 2304 }],
    ['the end of the list', 105, 2400, { start: 96, end: 105, offset: 2304 }],
    ['an empty list', 0, 0, { start: 0, end: 0, offset: 0 }],
    ['a list shorter than the scroll position', 10, 5000, { start: 10, end: 10, offset: 240 }],
  ])('%s', (_name, count, scrollTop, want) => {
    expect(visibleRows(count, 24, scrollTop, 240)).toEqual(want);
  });
});
