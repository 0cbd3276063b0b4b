import type { YieldToHost } from '../../engine/sim/sim';

/** PortLike is what BatchedPort needs of a MessagePort; the DOM's and node:worker_threads' both fit. */
export interface PortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (ev: MessageEvent) => void): void;
  start(): void;
  close(): void;
}

/**
 * BatchedPort sends typed messages over a MessagePort in batches: whatever is sent during one host
 * turn goes out as one postMessage. A rollout that binds a thousand pods to a thousand kubelets in
 * one turn then costs the other Worker one message event, not a thousand.
 */
export class BatchedPort<M> {
  private queue: M[] = [];
  private readonly handlers: ((msg: M) => void)[] = [];
  private count = 0;

  constructor(
    private readonly port: PortLike,
    private readonly yieldToHost: YieldToHost,
  ) {
    port.addEventListener('message', (ev) => {
      for (const msg of ev.data as M[]) for (const h of this.handlers) h(msg);
    });
    port.start();
  }

  /** send queues msg; the batch leaves once the current host turn's work is done. */
  send(msg: M): void {
    this.count++;
    if (this.queue.push(msg) === 1) void this.yieldToHost().then(() => this.flush());
  }

  /** sent counts the messages sent so far. */
  get sent(): number {
    return this.count;
  }

  /** onMessage adds a handler that sees every message received, in order. */
  onMessage(handler: (msg: M) => void): void {
    this.handlers.push(handler);
  }

  close(): void {
    this.port.close();
  }

  private flush(): void {
    const batch = this.queue;
    this.queue = [];
    this.port.postMessage(batch);
  }
}
