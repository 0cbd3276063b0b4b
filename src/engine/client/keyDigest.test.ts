import { describe, expect, it } from 'vitest';
import { keyDigest } from './keyDigest';
import { LruCache } from './lruCache';

describe('keyDigest', () => {
  it('gives a stable safe integer, distinct for strings that differ in one character', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `Pod\0default\0web-${i}\0Normal\0Pulled`);
    const digests = new Set(keys.map(keyDigest));
    expect(digests.size).toBe(keys.length);
    expect([...digests].every((d) => Number.isSafeInteger(d) && d >= 0)).toBe(true);
    expect(keyDigest('a\0b')).toBe(keyDigest('a\0b'));
    expect(keyDigest('a\0b')).not.toBe(keyDigest('ab\0'));
  });
});

describe('LruCache', () => {
  it('drops the least recently used entry when full', () => {
    const c = new LruCache<string, number>(2);
    c.add('a', 1);
    c.add('b', 2);
    expect(c.get('a')).toBe(1);
    c.add('c', 3);
    expect([c.get('a'), c.get('b'), c.get('c'), c.size]).toEqual([1, undefined, 3, 2]);
  });
});
