import type { StoredObject } from '../api/object';
import { formatResourceVersion, type Revision } from './revision';
import { ResourceHistory, watchCachePolicy, type HistoryPolicy } from './resourceHistory';
import { SortedKeys } from './sortedKeys';
import { LeafInterner } from './leafInterner';
import { shareStructure, type ShareOptions } from './structuralShare';

/** StoreEventType is the kind of change one write made to one key. */
export type StoreEventType = 'put' | 'delete';

/** StoreEvent is one committed write to one key, as listeners and watchers see it. */
export interface StoreEvent {
  rev: Revision;
  type: StoreEventType;
  resource: string;
  key: string;
  namespace: string;
  object: StoredObject;
  prevObject?: StoredObject;
}

/** ErrCompacted reports a read of history that compaction already dropped (etcd's ErrCompacted). */
export class ErrCompacted extends Error {
  constructor(
    readonly requested: Revision,
    readonly compacted: Revision,
  ) {
    super(`mvcc: required revision has been compacted`);
  }
}

/** ErrKeyExists / ErrKeyNotFound / ErrRevisionMismatch are the store's precondition failures. */
export class ErrKeyExists extends Error {}
export class ErrKeyNotFound extends Error {}
export class ErrRevisionMismatch extends Error {}

/** ReadView is what readers of the store see. */
export interface ReadView {
  readonly rev: Revision;
  get(resource: string, key: string): StoredObject | undefined;
  list(resource: string, namespace?: string): StoredObject[];
  /** listSorted returns objects in key order, after the key `after` when given (continue tokens). */
  listSorted(resource: string, namespace?: string, after?: string): StoredObject[];
  count(resource: string): number;
}

/** WriteView is what writers of the store use; every call is one transaction with one revision. */
export interface WriteView {
  create(resource: string, key: string, namespace: string, obj: StoredObject): StoredObject;
  update(resource: string, key: string, namespace: string, obj: StoredObject, expectedRev?: Revision): StoredObject;
  delete(resource: string, key: string, expectedRev?: Revision): StoredObject;
}

/** MvccStoreOptions tune history and the handing out of objects. */
export interface MvccStoreOptions {
  /** historyLimit caps every watch cache window (tests use it to reach a 410 quickly). */
  historyLimit?: number;
  /** freeze deep-freezes stored objects so that no reader can mutate what the store hands out. */
  freeze?: boolean;
  /**
   * share stores each revision sharing the subtrees it has in common with the key's previous
   * revision or the object created before it, and small all-scalar objects across all objects
   * (shareStructure): the API server's decoded objects stay one copy per distinct value. It costs
   * a walk of every object written, so a bare store leaves it off.
   */
  share?: boolean;
  /** now is the simulated clock in ms: watch cache windows keep events by age, etcd compacts by time. */
  now?: () => number;
  /** uncached names the resources watched from etcd rather than from a watch cache. */
  uncached?: readonly string[];
}

/**
 * UncachedResources are the resources kube-apiserver keeps no watch cache for
 * (DefaultWatchCacheSizes, v1.32): core/v1 and events.k8s.io Events, which share one storage.
 */
export const UncachedResources = ['core/events'];

/** CompactionIntervalMs is kube-apiserver's --etcd-compaction-interval default (5m). */
export const CompactionIntervalMs = 5 * 60_000;

/** Slot is one key's place in a bucket; its object is replaced on update and cleared on delete. */
interface Slot {
  readonly key: string;
  obj: StoredObject | undefined;
}

interface Bucket {
  slots: Map<string, Slot>;
  order: SortedKeys<Slot>;
  history: ResourceHistory;
  /** lastCreated is what the next create of the resource shares unchanged subtrees with. */
  lastCreated?: StoredObject;
}

/**
 * MvccStore is an etcd-like multi-version store with the apiserver's watch cache in front: one
 * global revision, resourceVersion = modRevision, the newest version of each key for reads, and per
 * resource a window of history that watchers replay (410 below it). Etcd compacts every five
 * minutes, as kube-apiserver asks it to; continue tokens older than that expire.
 * With share, each revision is stored sharing unchanged subtrees with the one before.
 */
export class MvccStore implements ReadView, WriteView {
  private currentRev: Revision = 1;
  private compactedRev: Revision = 0;
  private readonly buckets = new Map<string, Bucket>();
  /** share is how stored objects are sealed: frozen, deduplicated, both, or (undefined) neither. */
  private readonly share?: ShareOptions;
  private readonly now: () => number;
  private readonly cachePolicy: HistoryPolicy;
  private readonly uncached: ReadonlySet<string>;
  private readonly listeners = new Set<(ev: StoreEvent) => void>();
  /** nextCompactionAt and lastTickRev drive etcd compaction: each tick compacts to the revision of the tick before. */
  private nextCompactionAt: number;
  private lastTickRev: Revision = 0;

  constructor(opts: MvccStoreOptions = {}) {
    const freeze = opts.freeze ?? false;
    if (opts.share) this.share = { freeze, leaves: new LeafInterner() };
    else if (freeze) this.share = { freeze };
    this.now = opts.now ?? (() => 0);
    this.cachePolicy = watchCachePolicy(opts.historyLimit);
    this.uncached = new Set(opts.uncached ?? UncachedResources);
    this.nextCompactionAt = this.now() + CompactionIntervalMs;
  }

  get rev(): Revision {
    return this.currentRev;
  }

  /** compacted is etcd's compaction revision: reads of older revisions fail. */
  get compacted(): Revision {
    this.compactWhenDue();
    return this.compactedRev;
  }

  /** onEvent registers a synchronous listener for every committed event (used by the watch cache). */
  onEvent(fn: (ev: StoreEvent) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  get(resource: string, key: string): StoredObject | undefined {
    return this.buckets.get(resource)?.slots.get(key)?.obj;
  }

  list(resource: string, namespace?: string): StoredObject[] {
    const bucket = this.buckets.get(resource);
    if (!bucket) return [];
    if (namespace === undefined) return Array.from(bucket.slots.values(), (s) => s.obj!);
    return this.listSorted(resource, namespace);
  }

  listSorted(resource: string, namespace?: string, after?: string): StoredObject[] {
    const bucket = this.buckets.get(resource);
    if (!bucket) return [];
    const { slots, start, end } = bucket.order.range(namespace === undefined ? '' : `${namespace}/`, after);
    const out: StoredObject[] = new Array(end - start);
    for (let i = start; i < end; i++) out[i - start] = slots[i].obj!;
    return out;
  }

  count(resource: string): number {
    return this.buckets.get(resource)?.slots.size ?? 0;
  }

  create(resource: string, key: string, namespace: string, obj: StoredObject): StoredObject {
    if (this.get(resource, key)) throw new ErrKeyExists(key);
    return this.put(resource, key, namespace, obj, undefined);
  }

  update(resource: string, key: string, namespace: string, obj: StoredObject, expectedRev?: Revision): StoredObject {
    const prev = this.get(resource, key);
    if (!prev) throw new ErrKeyNotFound(key);
    if (expectedRev !== undefined && modRevision(prev) !== expectedRev) throw new ErrRevisionMismatch(key);
    return this.put(resource, key, namespace, obj, prev);
  }

  delete(resource: string, key: string, expectedRev?: Revision): StoredObject {
    const prev = this.get(resource, key);
    if (!prev) throw new ErrKeyNotFound(key);
    if (expectedRev !== undefined && modRevision(prev) !== expectedRev) throw new ErrRevisionMismatch(key);
    this.compactWhenDue();
    const rev = ++this.currentRev;
    const bucket = this.buckets.get(resource)!;
    const slot = bucket.slots.get(key)!;
    slot.obj = undefined;
    bucket.slots.delete(key);
    bucket.order.remove();
    // A deleted object is reported at the deletion revision, as the watch cache does.
    const tombstone = this.stamp(prev, rev, prev);
    this.record(bucket, { rev, type: 'delete', resource, key: slot.key, namespace: namespaceOfKey(key), object: tombstone, prevObject: prev });
    return tombstone;
  }

  /** eventsSince returns the history after rev, of one resource or of all, or throws ErrCompacted. */
  eventsSince(rev: Revision, resource?: string): StoreEvent[] {
    const buckets = resource === undefined ? [...this.buckets] : [[resource, this.buckets.get(resource)] as const];
    const out: StoreEvent[] = [];
    for (const [res, bucket] of buckets) {
      if (!bucket) continue;
      const entries = bucket.history.since(rev);
      if (!entries) throw new ErrCompacted(rev, bucket.history.compacted);
      for (const e of entries) {
        const { namespace = '', name = '' } = e.object.metadata;
        const key = objectKey(namespace, name);
        out.push({ rev: e.rev, type: e.deleted ? 'delete' : 'put', resource: res, key, namespace, object: e.object, prevObject: e.prevObject });
      }
    }
    if (resource === undefined) out.sort((a, b) => a.rev - b.rev);
    return out;
  }

  /** compact is an etcd compaction: reads below rev fail, and history watched from etcd is dropped. */
  compact(rev: Revision): void {
    const target = Math.min(rev, this.currentRev);
    if (target <= this.compactedRev) return;
    this.compactedRev = target;
    for (const [resource, bucket] of this.buckets) if (this.uncached.has(resource)) bucket.history.compact(target);
  }

  /** compactWhenDue runs the compactions whose time has come (storage/etcd3/compact.go). */
  private compactWhenDue(): void {
    const now = this.now();
    while (now >= this.nextCompactionAt) {
      this.compact(this.lastTickRev);
      this.lastTickRev = this.currentRev;
      this.nextCompactionAt += CompactionIntervalMs;
    }
  }

  private put(resource: string, key: string, ns: string, obj: StoredObject, prev: StoredObject | undefined): StoredObject {
    this.compactWhenDue();
    const rev = ++this.currentRev;
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      const history = new ResourceHistory(this.uncached.has(resource) ? { kind: 'etcd' } : this.cachePolicy);
      bucket = { slots: new Map(), order: new SortedKeys((s) => s.obj !== undefined), history };
      this.buckets.set(resource, bucket);
    }
    const stored = this.stamp(obj, rev, prev ?? bucket.lastCreated);
    let slot = bucket.slots.get(key);
    if (slot) {
      slot.obj = stored;
    } else {
      key.charCodeAt(0); // flattens a concatenated key (see shareStructure)
      slot = { key, obj: stored };
      bucket.slots.set(key, slot);
      bucket.order.add(slot);
    }
    if (!prev) bucket.lastCreated = stored;
    this.record(bucket, { rev, type: 'put', resource, key: slot.key, namespace: ns, object: stored, prevObject: prev });
    return stored;
  }

  /** stamp is obj at revision rev as the store keeps it: frozen, and sharing what did not change with ref. */
  private stamp(obj: StoredObject, rev: Revision, ref: StoredObject | undefined): StoredObject {
    const stamped = { ...obj, metadata: { ...obj.metadata, resourceVersion: formatResourceVersion(rev) } };
    if (!this.share) return stamped;
    return shareStructure(stamped, this.share.leaves ? ref : undefined, this.share);
  }

  private record(bucket: Bucket, ev: StoreEvent): void {
    bucket.history.record(ev.rev, ev.type === 'delete', ev.object, ev.prevObject, this.now());
    for (const fn of this.listeners) fn(ev);
  }
}

/** modRevision reads the revision an object was last written at. */
export function modRevision(obj: StoredObject): Revision {
  return Number(obj.metadata.resourceVersion ?? 0);
}

/** objectKey is the store key of an object: "namespace/name", or "/name" when cluster-scoped. */
export function objectKey(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function namespaceOfKey(key: string): string {
  return key.slice(0, key.indexOf('/'));
}
