/**
 * LruCache is the bounded least-recently-used cache client-go's event correlator keeps its state
 * in (golang/groupcache lru): a Map in order of last use, whose oldest entry goes when it is full.
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get(key: K): V | undefined {
    const v = this.entries.get(key);
    if (v === undefined) return undefined;
    // Re-inserting moves the entry to the end: the map stays ordered by last use.
    this.entries.delete(key);
    this.entries.set(key, v);
    return v;
  }

  add(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
