import { describe, expect, it } from 'vitest';
import { goJson } from './goJson';

describe('goJson', () => {
  it('sorts keys at every level and drops undefined members', () => {
    expect(goJson({ b: 1, a: { d: [1, { z: true, y: null }], c: 'x' }, u: undefined })).toBe('{"a":{"c":"x","d":[1,{"y":null,"z":true}]},"b":1}');
  });

  it('escapes as encoding/json does: HTML characters, line separators, \\b and \\f as \\u', () => {
    expect(goJson('<a href="x">&</a>\u2028\b\f\n\t')).toBe('"\\u003ca href=\\"x\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u0008\\u000c\\n\\t"');
  });
});
