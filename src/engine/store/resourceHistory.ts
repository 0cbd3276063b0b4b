import type { StoredObject } from '../api/object';
import type { Revision } from './revision';

/**
 * HistoryPolicy says how long one resource's events stay replayable by watches:
 * - watchCache: the apiserver's watch cache, a window that grows (doubling up to upperBound) while
 *   all of it is younger than freshMs and shrinks (halving down to lowerBound) once its newest
 *   quarter is older (storage/cacher/watch_cache.go, v1.32: 100 to 100×1024 events, 75 s);
 * - etcd: resources whose watch cache is disabled (Events, by DefaultWatchCacheSizes) are watched
 *   from etcd, whose history lasts until the next compaction.
 */
export type HistoryPolicy = { kind: 'watchCache'; lowerBound: number; upperBound: number; freshMs: number } | { kind: 'etcd' };

/** watchCachePolicy is kube-apiserver's default watch cache sizing, capped by limit when given. */
export function watchCachePolicy(limit = Infinity): HistoryPolicy {
  return { kind: 'watchCache', lowerBound: Math.min(100, limit), upperBound: Math.min(100 * 1024, limit), freshMs: 75_000 };
}

/** HistoryEntry is one write as the history hands it back: the object at its revision and, unless it was a create, the one before. */
export interface HistoryEntry {
  rev: Revision;
  deleted: boolean;
  object: StoredObject;
  prevObject?: StoredObject;
}

/**
 * ResourceHistory is one resource's replayable events, kept as parallel arrays rather than one
 * record object per event: a window of 100k events costs a few pointers each, and the objects it
 * holds are the revisions themselves (structurally shared with each other by the store).
 */
export class ResourceHistory {
  private revs: Revision[] = [];
  /** times are when each event was recorded; only a watch cache window, which keeps events by age, needs them. */
  private times: number[] = [];
  private objects: StoredObject[] = [];
  /** prevs holds the previous revision of the key, or undefined for a create. */
  private prevs: (StoredObject | undefined)[] = [];
  /** deletes holds the revisions of the deletions in the window (few next to the puts). */
  private readonly deletes = new Set<Revision>();
  private start = 0;
  private capacity: number;
  /** dropped is the revision of the newest event dropped so far, or of the last etcd compaction. */
  private dropped: Revision = 0;

  constructor(private readonly policy: HistoryPolicy) {
    this.capacity = policy.kind === 'watchCache' ? policy.lowerBound : Infinity;
  }

  /**
   * compacted is the newest revision a watch cannot start from: etcd refuses revisions below its
   * compaction; the watch cache, once it dropped an event, anything below its oldest event - 1.
   */
  get compacted(): Revision {
    if (this.policy.kind === 'etcd' || this.dropped === 0 || this.size === 0) return this.dropped;
    return this.revs[this.start] - 1;
  }

  get size(): number {
    return this.revs.length - this.start;
  }

  record(rev: Revision, deleted: boolean, object: StoredObject, prevObject: StoredObject | undefined, now: number): void {
    if (this.policy.kind === 'watchCache') this.resize(this.policy, now);
    while (this.size >= this.capacity) this.dropOldest();
    this.revs.push(rev);
    if (this.policy.kind === 'watchCache') this.times.push(now);
    this.objects.push(object);
    this.prevs.push(prevObject);
    if (deleted) this.deletes.add(rev);
  }

  /** since returns the events after rev, oldest first; undefined when rev is older than what is kept. */
  since(rev: Revision): HistoryEntry[] | undefined {
    if (rev < this.compacted) return undefined;
    let lo = this.start;
    let hi = this.revs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.revs[mid] <= rev) lo = mid + 1;
      else hi = mid;
    }
    const out: HistoryEntry[] = new Array(this.revs.length - lo);
    for (let i = lo; i < this.revs.length; i++) {
      const rev = this.revs[i];
      out[i - lo] = { rev, deleted: this.deletes.has(rev), object: this.objects[i], prevObject: this.prevs[i] };
    }
    return out;
  }

  /** compact drops the events at and below rev (etcd compaction); a watch cache keeps its own window. */
  compact(rev: Revision): void {
    if (this.policy.kind !== 'etcd') return;
    while (this.size > 0 && this.revs[this.start] <= rev) this.dropOldest();
    if (rev > this.dropped) this.dropped = rev;
  }

  private resize(p: Extract<HistoryPolicy, { kind: 'watchCache' }>, now: number): void {
    if (this.size < this.capacity) return;
    if (now - this.times[this.start] < p.freshMs) {
      this.capacity = Math.min(this.capacity * 2, p.upperBound);
    } else if (now - this.times[this.revs.length - Math.floor(this.capacity / 4)] > p.freshMs) {
      this.capacity = Math.max(Math.floor(this.capacity / 2), p.lowerBound);
    }
  }

  private dropOldest(): void {
    const i = this.start++;
    this.dropped = this.revs[i];
    this.deletes.delete(this.dropped);
    // Dropped slots are released at once; the arrays are shifted only once half of them is dead.
    this.objects[i] = this.prevs[i] = undefined as never;
    if (this.start > 1024 && this.start * 2 > this.revs.length) {
      for (const a of [this.revs, this.times, this.objects, this.prevs] as unknown[][]) a.splice(0, Math.min(this.start, a.length));
      this.start = 0;
    }
  }
}
