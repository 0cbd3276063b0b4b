import { describe, expect, it } from 'vitest';
import { base64Error, utf8Bytes } from './decodeBytes';

describe('base64Error', () => {
  it.each(['', 'aGk=', 'aGVsbG8=', 'aHVudGVyMg==', 'aGVs\nbG8=', 'YWJj', 'YW\r\nJj'])('accepts %j', (s) => {
    expect(base64Error(s)).toBeUndefined();
  });

  it.each([
    ['hunter2', 4],
    ['a', 0],
    ['ab', 0],
    ['abc', 0],
    ['abc*', 3],
    ['a===', 1],
    ['ab=', 3],
    ['ab=x', 2],
    ['aGk=x', 4],
    ['aGk= ', 4],
    ['pässword', 1],
  ])('rejects %j at byte %i, as encoding/base64 does', (s, offset) => {
    expect(base64Error(s)).toBe(`illegal base64 data at input byte ${offset}`);
  });
});

describe('utf8Bytes', () => {
  it('encodes one to four byte sequences', () => {
    expect(utf8Bytes('aé€😀')).toEqual([0x61, 0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });
});
