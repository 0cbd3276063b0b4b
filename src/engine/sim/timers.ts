import type { Clock } from './clock';

/** TimerId identifies a pending simulated timer. */
export type TimerId = number;

interface Timer {
  id: TimerId;
  due: number;
  fn: () => void;
}

/**
 * Timers is the engine's only way to wait: callbacks scheduled on simulated time, fired in
 * (due, creation) order by the Sim driver. A binary heap keeps 100k pending timers cheap.
 */
export class Timers {
  private heap: Timer[] = [];
  private seq = 0;
  private readonly cancelled = new Set<TimerId>();

  constructor(private readonly clock: Clock) {}

  /** after runs fn once ms simulated milliseconds from now. */
  after(ms: number, fn: () => void): TimerId {
    const t: Timer = { id: ++this.seq, due: this.clock.now() + Math.max(0, ms), fn };
    this.push(t);
    return t.id;
  }

  /** every runs fn each ms simulated milliseconds until the returned stop is called. */
  every(ms: number, fn: () => void): () => void {
    let id: TimerId;
    const tick = () => {
      id = this.after(ms, tick);
      fn();
    };
    id = this.after(ms, tick);
    return () => this.cancel(id);
  }

  cancel(id: TimerId): void {
    this.cancelled.add(id);
  }

  /** nextDue is the due time of the earliest live timer, or undefined when none is pending. */
  nextDue(): number | undefined {
    this.dropCancelled();
    return this.heap[0]?.due;
  }

  /** pending counts live timers. */
  get pending(): number {
    return this.heap.length - this.cancelled.size;
  }

  /** popDue removes and returns the earliest timer due at or before t. */
  popDue(t: number): Timer | undefined {
    this.dropCancelled();
    const top = this.heap[0];
    if (!top || top.due > t) return undefined;
    this.pop();
    return top;
  }

  private dropCancelled(): void {
    while (this.heap.length > 0 && this.cancelled.has(this.heap[0].id)) {
      this.cancelled.delete(this.heap[0].id);
      this.pop();
    }
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.id < b.id);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop()!;
    if (h.length === 0) return;
    h[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.less(h[l], h[m])) m = l;
      if (r < h.length && this.less(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }
}
