/** SimEpoch is where simulated time starts: a fixed instant, so that timestamps are reproducible. */
export const SimEpoch = Date.UTC(2025, 0, 1, 0, 0, 0);

/** Clock is the simulated wall clock every component reads; only the Sim driver moves it. */
export class Clock {
  private ms: number;
  private lastNanos = 0n;

  constructor(startMs: number = SimEpoch) {
    this.ms = startMs;
  }

  /** now returns simulated milliseconds since the Unix epoch. */
  now(): number {
    return this.ms;
  }

  /** rfc3339 renders now as metav1.Time does on the wire (second precision). */
  rfc3339(): string {
    return formatTime(this.ms);
  }

  /** rfc3339Micro renders now as metav1.MicroTime does (microsecond precision). */
  rfc3339Micro(): string {
    return new Date(this.ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  /**
   * uniqueNanos is now in nanoseconds, strictly increasing across calls: things that happen at one
   * simulated instant still happen one after another, as on a real clock (Event names use it).
   */
  uniqueNanos(): bigint {
    // A real-time driver moves the clock by fractions of a millisecond: keep them, as nanoseconds.
    const whole = Math.floor(this.ms);
    const now = BigInt(whole) * 1_000_000n + BigInt(Math.floor((this.ms - whole) * 1_000_000));
    this.lastNanos = now > this.lastNanos ? now : this.lastNanos + 1n;
    return this.lastNanos;
  }

  /** set moves the clock; the driver calls it, never a component. Time never goes backwards. */
  set(ms: number): void {
    if (ms > this.ms) this.ms = ms;
  }
}

/** formatTime renders milliseconds as metav1.Time's RFC 3339 form, second precision. */
export function formatTime(ms: number): string {
  // Components stamp many objects at one simulated instant: remember the last rendering.
  if (ms !== lastFormatted.ms) lastFormatted = { ms, text: new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  return lastFormatted.text;
}

let lastFormatted = { ms: NaN, text: '' };

/** parseTime reads a metav1.Time; NaN when absent or malformed. */
export function parseTime(s: string | undefined): number {
  return s ? Date.parse(s) : NaN;
}
