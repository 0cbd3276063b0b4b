import type { Clock } from '../../sim/clock';

/** ExpectationsTimeoutMs is how long unmet expectations hold a controller back (ExpectationsTimeout, 5m). */
export const ExpectationsTimeoutMs = 5 * 60 * 1000;

interface Expectation {
  add: number;
  del: number;
  timestamp: number;
}

/**
 * ControllerExpectations is UIDTrackingControllerExpectations of pkg/controller/controller_utils.go:
 * per controller key, how many creations and which deletions the controller is still waiting to see
 * through its informer. While they are pending, the controller does not act again, so it never
 * creates twice for the same missing replica. Expectations expire after five simulated minutes.
 * Deletions are tracked by pod key, so a pod seen first terminating and then deleted counts once.
 */
export class ControllerExpectations {
  private readonly store = new Map<string, Expectation>();
  private readonly deleteKeys = new Map<string, Set<string>>();

  constructor(private readonly clock: Clock) {}

  /** satisfiedExpectations is true when the controller may sync: nothing pending, expired, or never set. */
  satisfiedExpectations(key: string): boolean {
    const e = this.store.get(key);
    if (!e) return true;
    if (e.add <= 0 && e.del <= 0) return true;
    return this.clock.now() - e.timestamp > ExpectationsTimeoutMs;
  }

  /** expectCreations replaces the key's expectations with adds pending creations. */
  expectCreations(key: string, adds: number): void {
    this.store.set(key, { add: adds, del: 0, timestamp: this.clock.now() });
  }

  /** expectDeletions replaces the key's expectations with the deletions of the given pod keys. */
  expectDeletions(key: string, podKeys: string[]): void {
    const keys = new Set(podKeys);
    this.deleteKeys.set(key, keys);
    this.store.set(key, { add: 0, del: keys.size, timestamp: this.clock.now() });
  }

  /** creationObserved lowers the pending creations of key by one. */
  creationObserved(key: string): void {
    const e = this.store.get(key);
    if (e) e.add--;
  }

  /** deletionObserved lowers the pending deletions of key once per expected pod key. */
  deletionObserved(key: string, podKey: string): void {
    const keys = this.deleteKeys.get(key);
    if (!keys?.delete(podKey)) return;
    const e = this.store.get(key);
    if (e) e.del--;
  }

  /** deleteExpectations forgets key, when its controller is gone. */
  deleteExpectations(key: string): void {
    this.store.delete(key);
    this.deleteKeys.delete(key);
  }

  /** pending returns the counts still expected for key (for tests and the UI). */
  pending(key: string): { add: number; del: number } | undefined {
    const e = this.store.get(key);
    return e && { add: e.add, del: e.del };
  }
}
