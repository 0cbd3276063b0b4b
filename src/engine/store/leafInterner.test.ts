import { describe, expect, it } from 'vitest';
import { LeafInterner } from './leafInterner';

describe('LeafInterner', () => {
  it('returns the first leaf it was given for equal members and values, telling types and member names apart', () => {
    const leaves = new LeafInterner();
    const a = leaves.intern({ ip: '10.0.0.1' });
    expect(leaves.intern({ ip: '10.0.0.1', unset: undefined })).toBe(a);
    expect(leaves.intern({ ip: '10.0.0.2' })).not.toBe(a);
    expect(leaves.intern({ n: 1 })).not.toBe(leaves.intern({ n: '1' }));
    expect(leaves.intern({ b: null })).not.toBe(leaves.intern({ b: 'null' }));
  });

  it('tells apart leaves whose members only run together alike', () => {
    const leaves = new LeafInterner();
    const a = leaves.intern({ a: 'xb', b: 'y' });
    const b = leaves.intern({ a: 'x', b: 'by' });
    expect(b).not.toBe(a);
    expect(b).toEqual({ a: 'x', b: 'by' });
  });

  it('forgets leaves unused for two generations of its capacity', () => {
    const leaves = new LeafInterner(2);
    const intern = (v: number) => leaves.intern({ v });
    const one = intern(1);
    intern(2);
    intern(3);
    expect(intern(1)).toBe(one);
    intern(4);
    intern(5);
    intern(6);
    expect(intern(1)).not.toBe(one);
  });
});
