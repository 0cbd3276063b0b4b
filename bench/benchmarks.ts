import type { Benchmark } from './stats';

/**
 * benchmarks name each benchmark (`npm run bench -- store`) and load it lazily, so that one whose
 * engine code does not build yet fails alone.
 */
export const benchmarks: Record<string, () => Promise<Benchmark>> = {
  store: async () => (await import('./storeWrites')).storeWrites,
  list: async () => (await import('./listPods')).listPods,
  scheduler: async () => (await import('./scheduler')).schedulerThroughput,
  deployment: async () => (await import('./deployment30k')).deployment30k,
  browser: async () => (await import('./browser/browserFigures')).browserFigures,
};
