import type { Timers } from '../sim/timers';

/**
 * WorkQueue is client-go's rate-limited work queue, on simulated time: a key is queued at most once,
 * never processed by two workers at once, and re-queued after processing if it was added meanwhile.
 * Failed keys come back with per-item exponential backoff (5 ms doubling up to 1000 s).
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private head = 0;
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, number>();
  private readonly batched = new Set<string>();
  private active = 0;
  private shutDown = false;
  private handler?: (key: string) => Promise<void>;

  constructor(
    private readonly timers: Timers,
    private readonly workers = 1,
    private readonly baseDelayMs = 5,
    private readonly maxDelayMs = 1_000_000,
    /**
     * batchMs > 0 gathers the adds of a key over that much simulated time into one sync, like
     * kube-controller-manager's --endpoint-updates-batch-period: a controller whose sync walks all
     * of an owner's pods then costs one walk per window, not one per pod event.
     */
    private readonly batchMs = 0,
  ) {}

  /** run starts processing keys with handler; a thrown error re-queues the key with backoff. */
  run(handler: (key: string) => Promise<void>): void {
    this.handler = handler;
    this.pump();
  }

  add(key: string): void {
    if (this.batchMs <= 0) return this.enqueue(key);
    if (this.shutDown || this.dirty.has(key) || this.batched.has(key)) return;
    this.batched.add(key);
    this.timers.after(this.batchMs, () => {
      this.batched.delete(key);
      this.enqueue(key);
    });
  }

  private enqueue(key: string): void {
    if (this.shutDown || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return;
    this.queue.push(key);
    this.pump();
  }

  /** addAfter queues key once ms of simulated time have passed; an earlier pending add wins. */
  addAfter(key: string, ms: number): void {
    if (this.shutDown) return;
    if (ms <= 0) return this.enqueue(key);
    const pending = this.delayed.get(key);
    if (pending !== undefined) this.timers.cancel(pending);
    this.delayed.set(
      key,
      this.timers.after(ms, () => {
        this.delayed.delete(key);
        this.enqueue(key);
      }),
    );
  }

  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** n));
  }

  /** forget clears a key's failure count after a successful sync. */
  forget(key: string): void {
    this.failures.delete(key);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  get length(): number {
    return this.queue.length - this.head;
  }

  /** idle is true when nothing is queued or being processed. */
  get idle(): boolean {
    return this.length === 0 && this.active === 0;
  }

  shutdown(): void {
    this.shutDown = true;
    for (const id of this.delayed.values()) this.timers.cancel(id);
    this.delayed.clear();
  }

  private pump(): void {
    if (!this.handler) return;
    while (this.active < this.workers && this.length > 0 && !this.shutDown) {
      const key = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      this.dirty.delete(key);
      this.processing.add(key);
      this.active++;
      void this.process(key);
    }
  }

  private async process(key: string): Promise<void> {
    try {
      await this.handler!(key);
      this.forget(key);
    } catch {
      this.addRateLimited(key);
    } finally {
      this.processing.delete(key);
      this.active--;
      if (this.dirty.has(key)) this.queue.push(key);
      this.pump();
    }
  }
}
