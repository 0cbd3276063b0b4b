interface Slot<T> {
  item: T;
  pos: number;
}

/**
 * KeyedHeap is a binary heap with an index by key (pkg/scheduler/backend/heap), so items can be
 * updated or removed in O(log n). Each slot remembers its position, so sifting moves no map entries.
 */
export class KeyedHeap<T> {
  private readonly slots: Slot<T>[] = [];
  private readonly byKey = new Map<string, Slot<T>>();

  constructor(
    private readonly keyOf: (t: T) => string,
    private readonly less: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.slots.length;
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  get(key: string): T | undefined {
    return this.byKey.get(key)?.item;
  }

  /** addOrUpdate inserts t, or replaces the item with the same key and restores heap order. */
  addOrUpdate(t: T): void {
    const key = this.keyOf(t);
    const slot = this.byKey.get(key);
    if (slot) {
      slot.item = t;
      this.fix(slot.pos);
      return;
    }
    const s: Slot<T> = { item: t, pos: this.slots.length };
    this.slots.push(s);
    this.byKey.set(key, s);
    this.up(s.pos);
  }

  delete(key: string): T | undefined {
    const slot = this.byKey.get(key);
    if (!slot) return undefined;
    this.byKey.delete(key);
    const last = this.slots.pop()!;
    if (last !== slot) {
      this.slots[slot.pos] = last;
      last.pos = slot.pos;
      this.fix(last.pos);
    }
    return slot.item;
  }

  peek(): T | undefined {
    return this.slots[0]?.item;
  }

  pop(): T | undefined {
    const top = this.slots[0];
    if (top === undefined) return undefined;
    return this.delete(this.keyOf(top.item));
  }

  /** list returns the items in heap (not sorted) order. */
  list(): T[] {
    return this.slots.map((s) => s.item);
  }

  private fix(i: number): void {
    if (!this.up(i)) this.down(i);
  }

  private up(i: number): boolean {
    const start = i;
    const s = this.slots;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(s[i].item, s[p].item)) break;
      this.swap(i, p);
      i = p;
    }
    return i !== start;
  }

  private down(i: number): void {
    const s = this.slots;
    const n = s.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      let m = l;
      if (l + 1 < n && this.less(s[l + 1].item, s[l].item)) m = l + 1;
      if (!this.less(s[m].item, s[i].item)) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(i: number, j: number): void {
    const s = this.slots;
    const a = s[i];
    const b = s[j];
    s[i] = b;
    s[j] = a;
    b.pos = i;
    a.pos = j;
  }
}
