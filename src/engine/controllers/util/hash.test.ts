import { describe, expect, it } from 'vitest';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { canonicalJson, computeHash, fnv32, fnv32a, safeEncodeString } from './hash';

const template: PodTemplateSpec = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
};

describe('fnv32a', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j as FNV-1a 32', (s, want) => {
    expect(fnv32a(new TextEncoder().encode(s))).toBe(want);
  });
});

describe('fnv32', () => {
  it.each([
    ['', 0x811c9dc5],
    ['a', 0x050c5d7e],
    ['foobar', 0x31f0b262],
  ])('hashes %j as FNV-1 32', (s, want) => {
    expect(fnv32(new TextEncoder().encode(s))).toBe(want);
  });
});

describe('safeEncodeString', () => {
  it('maps decimal digits into the safe alphabet as rand.SafeEncodeString does', () => {
    expect(safeEncodeString('0123456789')).toBe('456789bcdf');
  });
});

describe('computeHash', () => {
  it('is deterministic and uses only the characters pod-template-hash values have', () => {
    const h = computeHash(template);
    expect(computeHash(structuredClone(template))).toBe(h);
    expect(h).toMatch(/^[456789bcdf]{1,10}$/);
  });
  it('changes when the template changes', () => {
    const changed = structuredClone(template);
    changed.spec!.containers[0].image = 'nginx:1.28';
    expect(computeHash(changed)).not.toBe(computeHash(template));
  });
  it('ignores key order and empty fields', () => {
    const reordered: PodTemplateSpec = {
      spec: { containers: [{ image: 'nginx:1.27', name: 'nginx', env: [] }] },
      metadata: { annotations: {}, labels: { app: 'web' } },
    };
    expect(computeHash(reordered)).toBe(computeHash(template));
  });
  it('changes with the collision count', () => {
    expect(computeHash(template, 1)).not.toBe(computeHash(template));
    expect(computeHash(template, 1)).not.toBe(computeHash(template, 2));
    expect(computeHash(template, 0)).not.toBe(computeHash(template));
  });
  it('renders canonical JSON with sorted keys', () => {
    expect(canonicalJson({ b: 1, a: [{ d: null, c: 'x' }], e: {} })).toBe('{"a":[{"c":"x"}],"b":1}');
  });
});
