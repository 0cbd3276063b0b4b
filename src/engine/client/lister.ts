import type { TypedObject } from '../api/object';
import { matches, type Selector } from '../api/labels';

/** IndexFunc maps an object to the index values it is filed under. */
export type IndexFunc<T> = (obj: T) => string[];

/** NamespaceIndex files objects by namespace; every lister has it. */
export const NamespaceIndex = 'namespace';

/**
 * Lister is an informer's read-only cache with indexes (client-go's Indexer). Objects handed out
 * are shared with the cache: callers must copy before changing anything.
 */
export class Lister<T extends TypedObject> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor() {
    this.addIndexer(NamespaceIndex, (o) => [o.metadata!.namespace ?? '']);
  }

  addIndexer(name: string, fn: IndexFunc<T>): void {
    this.indexers.set(name, fn);
    const index = new Map<string, Set<string>>();
    this.indices.set(name, index);
    for (const [key, obj] of this.items) for (const v of fn(obj)) addTo(index, v, key);
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  get(namespace: string | undefined, name: string): T | undefined {
    return this.items.get(namespace ? `${namespace}/${name}` : name);
  }

  /** list returns the objects of a namespace (all when undefined) that match the selector. */
  list(namespace?: string, selector?: Selector): T[] {
    const source = namespace === undefined ? this.items.values() : this.byIndexIter(NamespaceIndex, namespace);
    const out: T[] = [];
    for (const o of source) if (!selector || matches(selector, o.metadata!.labels)) out.push(o);
    return out;
  }

  byIndex(name: string, value: string): T[] {
    return [...this.byIndexIter(name, value)];
  }

  get size(): number {
    return this.items.size;
  }

  set(obj: T): void {
    const key = obj.metadata!.namespace ? `${obj.metadata!.namespace}/${obj.metadata!.name}` : obj.metadata!.name!;
    const old = this.items.get(key);
    // A new key is flattened once (V8 keeps a concatenated string as a tree of its pieces); an
    // update keeps the key the cache already holds, and its index entries unless their values moved.
    if (!old) key.charCodeAt(0);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name)!;
      const values = fn(obj);
      if (old) {
        const before = fn(old);
        if (sameValues(before, values)) continue;
        removeFrom(index, before, key);
      }
      for (const v of values) addTo(index, v, key);
    }
  }

  delete(key: string): void {
    const old = this.items.get(key);
    if (!old) return;
    this.unindex(key, old);
    this.items.delete(key);
  }

  private *byIndexIter(name: string, value: string): Iterable<T> {
    const keys = this.indices.get(name)?.get(value);
    if (!keys) return;
    for (const k of keys) yield this.items.get(k)!;
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) removeFrom(this.indices.get(name)!, fn(obj), key);
  }
}

function addTo(index: Map<string, Set<string>>, value: string, key: string): void {
  let set = index.get(value);
  if (!set) index.set(value, (set = new Set()));
  set.add(key);
}

function removeFrom(index: Map<string, Set<string>>, values: string[], key: string): void {
  for (const v of values) {
    const set = index.get(v);
    if (!set) continue;
    set.delete(key);
    if (set.size === 0) index.delete(v);
  }
}

function sameValues(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
