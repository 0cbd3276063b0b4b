import { describe, expect, it } from 'vitest';
import { Sim } from '../sim/sim';
import { WorkQueue } from './workQueue';

const newSim = () => new Sim('queue', () => new Promise((r) => setImmediate(r)));

describe('WorkQueue', () => {
  it('processes a key once however often it was added before it ran', async () => {
    const sim = newSim();
    const q = new WorkQueue(sim.timers);
    const seen: string[] = [];
    q.add('a');
    q.add('a');
    q.add('b');
    q.run(async (k) => void seen.push(k));
    await sim.settle();
    expect(seen).toEqual(['a', 'b']);
  });

  it('re-queues a failed key with exponential backoff on simulated time', async () => {
    const sim = newSim();
    const q = new WorkQueue(sim.timers, 1, 100);
    const attempts: number[] = [];
    q.run(async () => {
      attempts.push(sim.clock.now());
      if (attempts.length < 3) throw new Error('not yet');
    });
    q.add('k');
    await sim.advance(1000);
    expect(attempts.map((t) => t - attempts[0])).toEqual([0, 100, 300]);
    expect(q.numRequeues('k')).toBe(0);
  });

  it('gathers the adds of a batch window into one sync', async () => {
    const sim = newSim();
    const q = new WorkQueue(sim.timers, 1, 5, 1000, 250);
    let syncs = 0;
    q.run(async () => void syncs++);
    for (let i = 0; i < 10; i++) {
      q.add('rs');
      await sim.advance(20);
    }
    await sim.advance(500);
    expect(syncs).toBe(1);
  });
});
