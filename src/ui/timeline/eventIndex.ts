import type { Event } from 'kubernetes-types/core/v1';
import { lastSeen } from './eventFormat';
import { involvedKey } from './involvedObject';

/** EventEntry is one Event with its cache key and sort key. */
export interface EventEntry {
  key: string;
  event: Event;
  /** time is when the event last happened (ms). */
  time: number;
  /** rv orders events of the same second: a later write has a higher resourceVersion. */
  rv: number;
}

/** EventView is one state of the index: read-only, replaced whenever an event comes, changes or goes. */
export interface EventView {
  /** newestFirst lists every event, last seen first. */
  readonly newestFirst: readonly EventEntry[];
  /** kinds are the involved object kinds, sorted. */
  readonly kinds: readonly string[];
  /** involving lists the events about one object, last seen first. */
  involving(kind: string, namespace: string | undefined, name: string): EventEntry[];
}

const newestFirst = (a: EventEntry, b: EventEntry) => b.time - a.time || b.rv - a.rv;

/** EventChanges are one watch batch of events by cache key: the latest object, or null once deleted. */
export type EventChanges = Iterable<readonly [string, Event | null]>;

/**
 * EventIndex is the page's store of the cluster's events, fed change by change by the watch feed:
 * sorted and grouped by involved object. Events are not kept in the page's object cache, which
 * copies a resource's map per batch: a busy cluster has 100k of them. A view costs one merge of
 * the events that came since the last one; nothing is sorted again because three events changed.
 */
export class EventIndex {
  private readonly entries = new Map<string, EventEntry>();
  private readonly byInvolved = new Map<string, Map<string, EventEntry>>();
  private readonly kindCounts = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  /** added and removed are what changed since the current view was built. */
  private added: EventEntry[] = [];
  private readonly removed = new Set<EventEntry>();
  private current: EventView = this.newView([]);

  /** apply takes one batch of changes and tells the subscribers when any event came, changed or went. */
  apply(changes: EventChanges): void {
    let changed = false;
    for (const [key, event] of changes) {
      const old = this.entries.get(key);
      if (old?.event === event || (!old && !event)) continue;
      changed = true;
      if (old) {
        this.removed.add(old);
        this.unindex(old);
      }
      if (!event) continue;
      const entry = { key, event, time: lastSeen(event), rv: Number(event.metadata?.resourceVersion) || 0 };
      this.index(entry);
      this.added.push(entry);
    }
    if (changed) for (const listener of this.listeners) listener();
  }

  /** view is the index as of the last batch: the same object until events change. */
  get view(): EventView {
    if (this.added.length === 0 && this.removed.size === 0) return this.current;
    const { removed } = this;
    const added = removed.size ? this.added.filter((e) => !removed.has(e)) : this.added;
    const rest = removed.size ? this.current.newestFirst.filter((e) => !removed.has(e)) : this.current.newestFirst;
    this.current = this.newView(merge(rest, added.sort(newestFirst)));
    this.added = [];
    removed.clear();
    return this.current;
  }

  /** subscribe calls listener after each batch that changed events; it returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private index(e: EventEntry): void {
    this.entries.set(e.key, e);
    const ref = e.event.involvedObject;
    const k = involvedKey(ref?.kind, ref?.namespace, ref?.name);
    let group = this.byInvolved.get(k);
    if (!group) this.byInvolved.set(k, (group = new Map()));
    group.set(e.key, e);
    const kind = ref?.kind ?? '';
    this.kindCounts.set(kind, (this.kindCounts.get(kind) ?? 0) + 1);
  }

  private unindex(e: EventEntry): void {
    this.entries.delete(e.key);
    const ref = e.event.involvedObject;
    const k = involvedKey(ref?.kind, ref?.namespace, ref?.name);
    const group = this.byInvolved.get(k);
    group?.delete(e.key);
    if (group?.size === 0) this.byInvolved.delete(k);
    const kind = ref?.kind ?? '';
    const n = (this.kindCounts.get(kind) ?? 0) - 1;
    if (n > 0) this.kindCounts.set(kind, n);
    else this.kindCounts.delete(kind);
  }

  private newView(sorted: readonly EventEntry[]): EventView {
    return {
      newestFirst: sorted,
      kinds: [...this.kindCounts.keys()].filter((k) => k !== '').sort(),
      // Groups are read when asked, not copied per view: only the latest view is ever read.
      involving: (kind, namespace, name) => [...(this.byInvolved.get(involvedKey(kind, namespace, name))?.values() ?? [])].sort(newestFirst),
    };
  }
}

/** merge merges two newest-first lists. */
function merge(a: readonly EventEntry[], b: readonly EventEntry[]): EventEntry[] {
  if (b.length === 0) return a.slice();
  const out: EventEntry[] = new Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = newestFirst(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
