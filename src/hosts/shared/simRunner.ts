import type { Sim } from '../../engine/sim/sim';

/** SimulatedTime is what a SimRunner drives: a Sim, or a LockstepClock over two Workers' Sims. */
export type SimulatedTime = Pick<Sim, 'clock' | 'advance'>;

/** ClockState is what the simulation controls report and accept. */
export interface ClockState {
  now: string;
  speed: number;
  paused: boolean;
}

const tickMs = 50;

/**
 * SimRunner drives simulated time from real time in a host (Node or a Worker): every tick it advances
 * simulated time by speed × elapsed wall time, unless paused. The engine itself owns no timers.
 */
export class SimRunner {
  private handle?: ReturnType<typeof setInterval>;
  private last = 0;
  private busy = false;
  speed: number;
  paused = false;

  constructor(
    private readonly sim: SimulatedTime,
    speed = 1,
  ) {
    this.speed = speed;
  }

  start(): void {
    if (this.handle) return;
    this.last = performance.now();
    this.handle = setInterval(() => void this.tick(), tickMs);
  }

  stop(): void {
    if (this.handle) clearInterval(this.handle);
    this.handle = undefined;
  }

  state(): ClockState {
    return { now: new Date(this.sim.clock.now()).toISOString(), speed: this.speed, paused: this.paused };
  }

  /** set changes speed and/or paused; invalid speeds are refused by the caller. */
  set(patch: { speed?: number; paused?: boolean }): ClockState {
    if (patch.speed !== undefined) this.speed = patch.speed;
    if (patch.paused !== undefined) this.paused = patch.paused;
    this.last = performance.now();
    return this.state();
  }

  /** advance steps simulated time by seconds at once, whatever the speed (also while paused). */
  async advance(seconds: number): Promise<ClockState> {
    while (this.busy) await new Promise((r) => setTimeout(r, 1));
    this.busy = true;
    try {
      await this.sim.advance(seconds * 1000);
    } finally {
      this.busy = false;
    }
    return this.state();
  }

  private async tick(): Promise<void> {
    const now = performance.now();
    const elapsed = now - this.last;
    this.last = now;
    if (this.paused || this.busy || this.speed <= 0) return;
    this.busy = true;
    try {
      await this.sim.advance(elapsed * this.speed);
    } finally {
      this.busy = false;
    }
  }
}
