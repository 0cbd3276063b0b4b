import type { Event } from 'kubernetes-types/core/v1';
import type { ObjectMap } from '../state/clusterStore';
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

/**
 * EventIndex keeps the events of the watch cache sorted and grouped by involved object. The cache
 * hands over a new map per frame with unchanged events kept by reference, so an update costs one
 * pass of reference checks plus a merge: no re-sort of 100k events because three changed.
 */
export class EventIndex {
  private map?: ObjectMap<Event>;
  private readonly entries = new Map<string, EventEntry>();
  private readonly byInvolved = new Map<string, Map<string, EventEntry>>();
  private readonly kindCounts = new Map<string, number>();
  private view: EventView = this.newView([]);

  /** update brings the index to map and returns the view, the same one when nothing changed. */
  update(map: ObjectMap<Event>): EventView {
    if (map === this.map) return this.view;
    this.map = map;
    const removed = new Set<EventEntry>();
    const added: EventEntry[] = [];
    let kept = 0;
    for (const key in map) {
      const event = map[key];
      const old = this.entries.get(key);
      if (old) kept++;
      if (old?.event === event) continue;
      if (old) {
        removed.add(old);
        this.unindex(old);
      }
      added.push({ key, event, time: lastSeen(event), rv: Number(event.metadata?.resourceVersion) || 0 });
    }
    if (kept < this.entries.size) {
      for (const [key, old] of this.entries) {
        if (key in map) continue;
        removed.add(old);
        this.unindex(old);
        this.entries.delete(key);
      }
    }
    if (added.length === 0 && removed.size === 0) return this.view;
    for (const e of added) this.index(e);
    const rest = removed.size ? this.view.newestFirst.filter((e) => !removed.has(e)) : this.view.newestFirst;
    this.view = this.newView(merge(rest, added.sort(newestFirst)));
    return this.view;
  }

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
