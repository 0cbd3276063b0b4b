import type { StoredObject } from '../api/object';
import { formatResourceVersion, type Revision } from './revision';
import { SortedKeys } from './sortedKeys';

/** StoreEventType is the kind of change one write made to one key. */
export type StoreEventType = 'put' | 'delete';

/** StoreEvent is one entry of the store's history, what watchers replay. */
export interface StoreEvent {
  rev: Revision;
  type: StoreEventType;
  /** created is true when a put made a key that did not exist. */
  created: boolean;
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

/** MvccStoreOptions bounds history: events older than historyLimit writes are compacted away. */
export interface MvccStoreOptions {
  historyLimit?: number;
  /** freeze deep-freezes stored objects so that no reader can mutate what the store hands out. */
  freeze?: boolean;
}

/** Slot is one key's place in a bucket; its object is replaced on update and cleared on delete. */
interface Slot {
  readonly key: string;
  obj: StoredObject | undefined;
}

interface Bucket {
  slots: Map<string, Slot>;
  order: SortedKeys<Slot>;
}

/**
 * MvccStore is an etcd-like multi-version store: one global revision, resourceVersion = modRevision,
 * a bounded history of events that watchers replay, and compaction that makes older revisions 410.
 * Only the newest version of each key is kept for reads; history keeps the event log.
 */
export class MvccStore implements ReadView, WriteView {
  private currentRev: Revision = 1;
  private compactedRev: Revision = 0;
  private readonly buckets = new Map<string, Bucket>();
  private history: StoreEvent[] = [];
  private historyStart = 0;
  private readonly historyLimit: number;
  private readonly freeze: boolean;
  private readonly listeners = new Set<(ev: StoreEvent) => void>();

  constructor(opts: MvccStoreOptions = {}) {
    this.historyLimit = opts.historyLimit ?? 200_000;
    this.freeze = opts.freeze ?? false;
  }

  get rev(): Revision {
    return this.currentRev;
  }

  get compacted(): Revision {
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
    const rev = ++this.currentRev;
    const ns = namespaceOfKey(key);
    const bucket = this.buckets.get(resource)!;
    bucket.slots.get(key)!.obj = undefined;
    bucket.slots.delete(key);
    bucket.order.remove();
    // A deleted object is reported at the deletion revision, as the watch cache does.
    const tombstone = this.seal({ ...prev, metadata: { ...prev.metadata, resourceVersion: formatResourceVersion(rev) } });
    this.record({ rev, type: 'delete', created: false, resource, key, namespace: ns, object: tombstone, prevObject: prev });
    return tombstone;
  }

  /** eventsSince returns the history after rev for a resource, or throws ErrCompacted. */
  eventsSince(rev: Revision, resource?: string): StoreEvent[] {
    if (rev < this.compactedRev) throw new ErrCompacted(rev, this.compactedRev);
    const out: StoreEvent[] = [];
    // History is ordered by revision: binary search for the first event after rev.
    let lo = this.historyStart;
    let hi = this.history.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.history[mid].rev <= rev) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.history.length; i++) {
      const ev = this.history[i];
      if (resource === undefined || ev.resource === resource) out.push(ev);
    }
    return out;
  }

  /** compact drops history at and below rev; reads of those revisions then fail with ErrCompacted. */
  compact(rev: Revision): void {
    if (rev <= this.compactedRev) return;
    const target = Math.min(rev, this.currentRev);
    let i = this.historyStart;
    while (i < this.history.length && this.history[i].rev <= target) i++;
    this.historyStart = i;
    this.compactedRev = target;
    if (this.historyStart > 4096 && this.historyStart * 2 > this.history.length) {
      this.history = this.history.slice(this.historyStart);
      this.historyStart = 0;
    }
  }

  private put(resource: string, key: string, ns: string, obj: StoredObject, prev: StoredObject | undefined): StoredObject {
    const rev = ++this.currentRev;
    const stored = this.seal({ ...obj, metadata: { ...obj.metadata, resourceVersion: formatResourceVersion(rev) } });
    let bucket = this.buckets.get(resource);
    if (!bucket) {
      bucket = { slots: new Map(), order: new SortedKeys((s) => s.obj !== undefined) };
      this.buckets.set(resource, bucket);
    }
    const slot = bucket.slots.get(key);
    if (slot) {
      slot.obj = stored;
    } else {
      const created: Slot = { key, obj: stored };
      bucket.slots.set(key, created);
      bucket.order.add(created);
    }
    this.record({ rev, type: 'put', created: !prev, resource, key, namespace: ns, object: stored, prevObject: prev });
    return stored;
  }

  private record(ev: StoreEvent): void {
    this.history.push(ev);
    if (this.history.length - this.historyStart > this.historyLimit) {
      this.compact(this.history[this.history.length - this.historyLimit].rev - 1);
    }
    for (const fn of this.listeners) fn(ev);
  }

  private seal(obj: StoredObject): StoredObject {
    return this.freeze ? deepFreeze(obj) : obj;
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

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o as object)) deepFreeze(v);
  }
  return o;
}
