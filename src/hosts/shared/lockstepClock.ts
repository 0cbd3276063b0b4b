import type { Clock } from '../../engine/sim/clock';
import type { Sim } from '../../engine/sim/sim';
import type { RemoteKubeletPool } from './remoteKubeletPool';

/** MaxSliceMs bounds how far apart in simulated time the control plane and the kubelets may be while either works. */
export const MaxSliceMs = 100;

/**
 * LockstepClock moves the control plane's Sim and the kubelet Worker's Sim together, in slices:
 * both run their timers up to the slice's end at once, and the next slice starts only when the
 * kubelets have acknowledged and the control plane has settled. A slice lasts at most MaxSliceMs
 * while messages flow between them, so that one reacts to the other at most that late; when
 * nothing was sent to the kubelets since they last reported their next timer, time jumps to the
 * next timer due on either side.
 */
export class LockstepClock {
  private running = false;
  /** sentAtAdvance is the port's message count just after the last advance command. */
  private sentAtAdvance = -1;

  constructor(
    private readonly sim: Sim,
    private readonly kubelets: RemoteKubeletPool,
    /** sent counts the messages sent to the kubelet Worker so far. */
    private readonly sent: () => number,
  ) {}

  get clock(): Clock {
    return this.sim.clock;
  }

  /** advance moves simulated time forward by ms on both sides. */
  async advance(ms: number): Promise<void> {
    if (this.running) throw new Error('lockstep: advance is already running');
    this.running = true;
    try {
      const t = this.sim.clock.now() + ms;
      do await this.slice(this.sliceEnd(t));
      while (this.sim.clock.now() < t);
    } finally {
      this.running = false;
    }
  }

  private sliceEnd(t: number): number {
    let end = this.sim.clock.now() + MaxSliceMs;
    // The kubelets' nextDue is exact only if nothing reached them since they computed it.
    if (this.sent() === this.sentAtAdvance) end = Math.max(end, Math.min(this.sim.timers.nextDue() ?? t, this.kubelets.nextDue ?? t));
    return Math.min(t, end);
  }

  private async slice(end: number): Promise<void> {
    const kubelets = this.kubelets.advanceTo(end);
    this.sentAtAdvance = this.sent();
    await this.sim.runTo(end);
    await kubelets;
    await this.sim.settle();
  }
}
