import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Target is the bound a figure must meet: at least (>=) or at most (<=) value. */
export interface Target {
  op: '>=' | '<=';
  value: number;
}

/** Figure is one measured number of a benchmark, with the target the issue sets for it, if any. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: Target;
  note?: string;
}

/** Benchmark measures its figures at a scale: 1 is the size, 0.01 a smoke run. */
export type Benchmark = (scale: number) => Promise<Figure[]>;

/** met says whether a figure meets its target; undefined when it has none. */
export function met(f: Figure): boolean | undefined {
  if (!f.target) return undefined;
  return f.target.op === '>=' ? f.value >= f.target.value : f.value <= f.target.value;
}

/** scaled sizes a benchmark input, never below min. */
export function scaled(n: number, scale: number, min = 1): number {
  return Math.max(min, Math.round(n * scale));
}

/** median of the samples (they are sorted in place). */
export function median(xs: number[]): number {
  return percentile(xs, 50);
}

/** percentile p (0–100) of the samples by nearest rank (they are sorted in place). */
export function percentile(xs: number[] | Float64Array, p: number): number {
  const s = xs.sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

// gc is V8's full collection; enabling the flag at run time makes it reachable from a fresh
// context, so heap figures need no --expose-gc on the command line (vitest runs them too).
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** collectGarbage runs full collections until the heap settles, before a heap reading. */
export function collectGarbage(): void {
  gc();
  gc();
}

/** yieldToHost lets queued I/O and promise work run, as the cluster's hosts do. */
export const yieldToHost = (): Promise<void> => new Promise((r) => setImmediate(r));
