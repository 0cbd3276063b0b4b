import { Clock, SimEpoch } from './clock';
import { Rng } from './rng';
import { Timers } from './timers';

/** YieldToHost lets queued promise work finish; the host supplies it (setImmediate, a MessageChannel). */
export type YieldToHost = () => Promise<void>;

/**
 * Sim owns simulated time and randomness for one cluster. Components read sim.clock, draw from
 * forks of sim.rng and wait with sim.timers; the host moves time with advance() or runUntilIdle().
 */
export class Sim {
  readonly clock: Clock;
  readonly rng: Rng;
  readonly timers: Timers;
  private running = false;

  constructor(
    readonly seed: number | string,
    private readonly yieldToHost: YieldToHost,
    startMs: number = SimEpoch,
  ) {
    this.clock = new Clock(startMs);
    this.rng = new Rng(seed);
    this.timers = new Timers(this.clock);
  }

  /** settle lets all promise chains started so far run to completion (a few host turns). */
  async settle(turns = 3): Promise<void> {
    for (let i = 0; i < turns; i++) await this.yieldToHost();
  }

  /** advance moves simulated time forward by ms, firing every timer that falls due on the way. */
  async advance(ms: number): Promise<void> {
    await this.runTo(this.clock.now() + ms);
  }

  /**
   * runUntilIdle fires timers as fast as the host allows until none is pending, stop() says so or
   * maxMs of simulated time has passed. This is the "as fast as possible" mode of benchmarks and tests.
   */
  async runUntilIdle(maxMs = 3_600_000, stop?: () => boolean): Promise<void> {
    const limit = this.clock.now() + maxMs;
    await this.settle();
    for (;;) {
      if (stop?.()) return;
      const due = this.timers.nextDue();
      if (due === undefined || due > limit) return;
      await this.runTo(due);
    }
  }

  /** runTo fires every timer due up to t in order, letting the work each one starts finish before the next. */
  async runTo(t: number): Promise<void> {
    if (this.running) throw new Error('sim: advance is already running');
    this.running = true;
    try {
      // Work already started (a rejected sync scheduling its retry) settles before time moves.
      await this.settle();
      for (;;) {
        const timer = this.timers.popDue(t);
        if (!timer) break;
        this.clock.set(timer.due);
        timer.fn();
        // Timers due at the same instant run back to back; work they start settles once.
        const next = this.timers.nextDue();
        if (next === undefined || next > timer.due) await this.settle();
      }
      this.clock.set(t);
      await this.settle();
    } finally {
      this.running = false;
    }
  }
}
