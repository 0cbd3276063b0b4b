import { describe, expect, it } from 'vitest';
import { compactCopy } from './compactObject';

describe('compactCopy', () => {
  it('copies an object of more than four members, in order and without its undefined ones', () => {
    const o = { a: 1, b: 'two', c: null, gone: undefined, d: { x: 1 }, e: [5], f: false };
    const copy = compactCopy(o, 6)!;
    expect(copy).not.toBe(o);
    expect(Object.keys(copy)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(copy).toEqual({ a: 1, b: 'two', c: null, d: { x: 1 }, e: [5], f: false });
    expect(copy.d).toBe(o.d);
    expect(compactCopy({ ...o }, 6)).toEqual(copy);
  });

  it('leaves small objects and a "__proto__" member alone', () => {
    expect(compactCopy({ a: 1, b: 2 }, 2)).toBeUndefined();
    const withProto = JSON.parse('{"a":1,"b":2,"c":3,"d":4,"__proto__":{"polluted":true}}') as Record<string, unknown>;
    expect(compactCopy(withProto, 5)).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
