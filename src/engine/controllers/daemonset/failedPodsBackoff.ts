import type { Clock } from '../../sim/clock';

// client-go's flowcontrol.Backoff as kube-controller-manager builds it for the DaemonSet controller
// (flowcontrol.NewBackOff(1*time.Second, 15*time.Minute), no jitter), on simulated time.

/** FailedPodsBackoffInitialMs is the first delay before deleting a node's failed daemon pod again. */
export const FailedPodsBackoffInitialMs = 1000;
/** FailedPodsBackoffMaxMs caps the delay. */
export const FailedPodsBackoffMaxMs = 15 * 60 * 1000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

/**
 * FailedPodsBackoff spaces out deleting failed daemon pods per DaemonSet generation and node: the
 * delay doubles up to 15 minutes, and an entry quiet for twice that starts over (and is collected).
 */
export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>();
  private gcAt: number;

  constructor(
    clock: Clock,
    private readonly initialMs = FailedPodsBackoffInitialMs,
    private readonly maxMs = FailedPodsBackoffMaxMs,
  ) {
    this.gcAt = clock.now();
  }

  /** get is the current delay of id (0 when unknown). */
  get(id: string): number {
    return this.entries.get(id)?.backoffMs ?? 0;
  }

  /** next records an attempt at now: the delay starts at the initial one or doubles. */
  next(id: string, now: number): void {
    this.gc(now);
    const e = this.entries.get(id);
    const backoffMs = !e || this.hasExpired(now, e) ? this.initialMs : Math.min(e.backoffMs * 2, this.maxMs);
    this.entries.set(id, { backoffMs, lastUpdate: now });
  }

  /** isInBackOffSinceUpdate is true while less than the delay has passed since the last attempt. */
  isInBackOffSinceUpdate(id: string, now: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(now, e)) return false;
    return now - e.lastUpdate < e.backoffMs;
  }

  private hasExpired(now: number, e: Entry): boolean {
    return now - e.lastUpdate > 2 * this.maxMs;
  }

  /** gc drops expired entries, at most once a simulated minute (BackoffGCInterval). */
  private gc(now: number): void {
    if (now - this.gcAt < 60_000) return;
    this.gcAt = now;
    for (const [id, e] of this.entries) if (this.hasExpired(now, e)) this.entries.delete(id);
  }
}

/** failedPodsBackoffKey is failedPodsBackoffKey: one back-off per DaemonSet, observed generation and node. */
export function failedPodsBackoffKey(uid: string, observedGeneration: number, nodeName: string): string {
  return `${uid}/${observedGeneration}/${nodeName}`;
}
