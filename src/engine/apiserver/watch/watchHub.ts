import type { KubeObject, StoredObject, WatchEvent } from '../../api/object';
import type { MvccStore, StoreEvent } from '../../store/mvccStore';
import { ErrCompacted } from '../../store/mvccStore';
import { formatResourceVersion } from '../../store/revision';
import { newResourceExpired } from '../errors';
import type { Timers } from '../../sim/timers';

/** WatchFilter decides whether an object version belongs to a watch (namespace, labels, fields). */
export type WatchFilter = (obj: StoredObject) => boolean;

/** WatchSpec is what one watch asks for. */
export interface WatchSpec {
  resource: string;
  namespace?: string;
  filter: WatchFilter;
  /** convert renders a stored object in the watched version (and as a Table row, if asked). */
  convert: (obj: StoredObject) => KubeObject;
  bookmarks: boolean;
  /** timeoutMs closes the watch after that much simulated time. */
  timeoutMs?: number;
  /**
   * trigger narrows dispatch: only events whose object (or previous object) has this value for the
   * indexed field reach the watch, as the watch cache's trigger functions do for pods' spec.nodeName.
   */
  trigger?: { value: string; of: (obj: StoredObject) => string | undefined };
}

/** WatchSink receives batches of events and, once, the end of the watch. */
export interface WatchSink {
  events(evs: WatchEvent[]): void;
  end(): void;
}

interface Watcher {
  id: number;
  spec: WatchSpec;
  sink: WatchSink;
  pending: WatchEvent[];
  scheduled: boolean;
  timeout?: number;
  lastRev: number;
}

/** BookmarkIntervalMs is how often quiet watchers get a BOOKMARK (the watch cache's ~1 min). */
export const BookmarkIntervalMs = 60_000;

/**
 * WatchHub fans store events out to watchers (the apiserver's watch cache, in miniature).
 * Events are buffered per watcher and delivered in one batch per microtask turn, so a write never
 * waits on a slow consumer and a burst of writes costs one message per watcher.
 */
export class WatchHub {
  private readonly byResource = new Map<string, Set<Watcher>>();
  /** byTrigger files triggered watchers by resource (with its trigger function), then by trigger value. */
  private readonly byTrigger = new Map<string, { of: (obj: StoredObject) => string | undefined; watchers: Map<string, Set<Watcher>> }>();
  private readonly byId = new Map<number, Watcher>();
  private seq = 0;

  constructor(
    private readonly store: MvccStore,
    private readonly timers: Timers,
  ) {
    store.onEvent((ev) => this.dispatch(ev));
    timers.every(BookmarkIntervalMs, () => this.bookmarkAll());
  }

  /**
   * open starts a watch from fromRev (exclusive): history after it is replayed first. A revision
   * older than the compaction point is a 410 "too old resource version".
   */
  open(spec: WatchSpec, fromRev: number, sink: WatchSink): number {
    let replay: StoreEvent[];
    try {
      replay = this.store.eventsSince(fromRev, spec.resource);
    } catch (e) {
      if (e instanceof ErrCompacted) {
        throw newResourceExpired(`too old resource version: ${e.requested} (${e.compacted})`);
      }
      throw e;
    }
    const w: Watcher = { id: ++this.seq, spec, sink, pending: [], scheduled: false, lastRev: fromRev };
    this.byId.set(w.id, w);
    this.watchersFor(spec).add(w);
    for (const ev of replay) this.deliver(w, ev);
    if (spec.timeoutMs !== undefined) w.timeout = this.timers.after(spec.timeoutMs, () => this.close(w.id));
    return w.id;
  }

  /** initial queues ADDED events for a watch started without a resourceVersion (current state). */
  initial(id: number, objects: StoredObject[]): void {
    const w = this.byId.get(id);
    if (!w) return;
    for (const o of objects) if (w.spec.filter(o)) this.push(w, { type: 'ADDED', object: w.spec.convert(o) });
  }

  close(id: number): void {
    const w = this.byId.get(id);
    if (!w) return;
    this.byId.delete(id);
    this.watchersFor(w.spec).delete(w);
    if (w.timeout !== undefined) this.timers.cancel(w.timeout);
    this.flush(w);
    w.sink.end();
  }

  get size(): number {
    return this.byId.size;
  }

  private watchersFor(spec: WatchSpec): Set<Watcher> {
    let set: Set<Watcher> | undefined;
    if (spec.trigger) {
      let index = this.byTrigger.get(spec.resource);
      if (!index) this.byTrigger.set(spec.resource, (index = { of: spec.trigger.of, watchers: new Map() }));
      set = index.watchers.get(spec.trigger.value);
      if (!set) index.watchers.set(spec.trigger.value, (set = new Set()));
    } else {
      set = this.byResource.get(spec.resource);
      if (!set) this.byResource.set(spec.resource, (set = new Set()));
    }
    return set;
  }

  private dispatch(ev: StoreEvent): void {
    const set = this.byResource.get(ev.resource);
    if (set) for (const w of set) this.deliver(w, ev);
    const index = this.byTrigger.get(ev.resource);
    if (!index) return;
    const now = index.of(ev.object);
    const before = ev.prevObject ? index.of(ev.prevObject) : undefined;
    if (now !== undefined) for (const w of index.watchers.get(now) ?? []) this.deliver(w, ev);
    if (before !== undefined && before !== now) for (const w of index.watchers.get(before) ?? []) this.deliver(w, ev);
  }

  private deliver(w: Watcher, ev: StoreEvent): void {
    const s = w.spec;
    if (s.namespace !== undefined && ev.namespace !== s.namespace) return;
    w.lastRev = ev.rev;
    const now = ev.type === 'put' && s.filter(ev.object);
    const before = ev.prevObject !== undefined && s.filter(ev.prevObject);
    // Filtered watches see objects entering and leaving the selection as ADDED and DELETED.
    if (ev.type === 'delete') {
      if (before) this.push(w, { type: 'DELETED', object: s.convert(ev.object) });
    } else if (now && before) {
      this.push(w, { type: 'MODIFIED', object: s.convert(ev.object) });
    } else if (now) {
      this.push(w, { type: 'ADDED', object: s.convert(ev.object) });
    } else if (before) {
      this.push(w, { type: 'DELETED', object: s.convert(ev.object) });
    }
  }

  private push(w: Watcher, ev: WatchEvent): void {
    w.pending.push(ev);
    if (w.scheduled) return;
    w.scheduled = true;
    queueMicrotask(() => this.flush(w));
  }

  private flush(w: Watcher): void {
    w.scheduled = false;
    if (w.pending.length === 0) return;
    const batch = w.pending;
    w.pending = [];
    w.sink.events(batch);
  }

  private bookmarkAll(): void {
    const rv = formatResourceVersion(this.store.rev);
    for (const w of this.byId.values()) {
      if (!w.spec.bookmarks) continue;
      const obj = w.spec.convert({ metadata: { resourceVersion: rv } } as StoredObject);
      this.push(w, { type: 'BOOKMARK', object: { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { resourceVersion: rv } } });
    }
  }
}
