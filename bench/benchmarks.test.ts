import { describe, expect, it } from 'vitest';
import { benchmarks } from './benchmarks';

// A smoke run of every benchmark at a tiny size: it must produce figures, not meet targets
// (timings on a shared machine are no test).
describe('benchmarks', () => {
  it.each(Object.keys(benchmarks))('%s produces finite, non-negative figures at a tiny scale', async (name) => {
    const figures = await (await benchmarks[name]())(0.001);
    expect(figures.length).toBeGreaterThan(0);
    for (const f of figures) {
      expect(Number.isFinite(f.value), f.name).toBe(true);
      // Zero is a real reading for some (no long task at all); not for all of them at once.
      expect(f.value, f.name).toBeGreaterThanOrEqual(0);
    }
    expect(figures.some((f) => f.value > 0)).toBe(true);
  });
});
