/** maxQueuedEvents is client-go's broadcaster queue length; events recorded while it is full are dropped. */
export const maxQueuedEvents = 1000;

/**
 * EventQueue is an event broadcaster's channel to its sink: up to maxQueuedEvents wait (more are
 * dropped, as DropIfChannelFull does) and are written in the order they were recorded once the
 * recording component's current work yields, so a scheduling cycle or a sync never waits for an
 * Event write. A write that fails is dropped, as upstream's are after their retries.
 */
export class EventQueue<T> {
  private queue: T[] = [];
  private flushQueued = false;

  constructor(private readonly write: (item: T) => Promise<void>) {}

  push(item: T): void {
    if (this.queue.length >= maxQueuedEvents) return;
    this.queue.push(item);
    if (this.flushQueued) return;
    this.flushQueued = true;
    // A resolved promise rather than queueMicrotask, which costs an AsyncResource per call in Node.
    void Promise.resolve().then(() => this.flush());
  }

  private flush(): void {
    this.flushQueued = false;
    const queued = this.queue;
    this.queue = [];
    for (const item of queued) void this.write(item).catch(() => undefined);
  }
}
