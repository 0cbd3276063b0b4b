import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { KeyedHeap } from './heap';

describe('KeyedHeap', () => {
  it('pops in order through random adds, updates and deletes', () => {
    const rng = new Rng('heap');
    const h = new KeyedHeap<{ k: string; v: number }>((x) => x.k, (a, b) => a.v < b.v);
    const model = new Map<string, number>();
    for (let i = 0; i < 2000; i++) {
      const k = `k${rng.int(300)}`;
      const op = rng.int(3);
      if (op === 0 && model.has(k)) {
        h.delete(k);
        model.delete(k);
      } else {
        const v = rng.int(1000);
        h.addOrUpdate({ k, v });
        model.set(k, v);
      }
    }
    const out: number[] = [];
    for (let x = h.pop(); x; x = h.pop()) out.push(x.v);
    expect(out).toEqual([...model.values()].sort((a, b) => a - b));
  });
});
