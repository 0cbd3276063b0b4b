/** KeyedSlot is what SortedKeys orders: anything with a store key. */
export interface KeyedSlot {
  readonly key: string;
}

/**
 * SortedKeys keeps a resource's slots in etcd's byte order of keys for ordered lists and continue
 * tokens. Inserts are buffered and merged on the next read, so a burst of creates costs one sort of
 * the burst plus one linear merge, not one shift per insert. It holds the slots themselves rather
 * than keys, so that a list reads each object through its slot instead of hashing every key again.
 */
export class SortedKeys<S extends KeyedSlot> {
  private slots: S[] = [];
  private added: S[] = [];
  private removed = 0;

  /** live says whether a slot still holds its key; a deleted key's slot is dead for good. */
  constructor(private readonly live: (slot: S) => boolean) {}

  add(slot: S): void {
    this.added.push(slot);
  }

  remove(): void {
    this.removed++;
  }

  /** sorted returns the live slots in key order; the array is shared until the next change. */
  sorted(): S[] {
    if (this.added.length === 0 && this.removed === 0) return this.slots;
    const add = this.added.sort(byKey);
    const out: S[] = [];
    let i = 0;
    let j = 0;
    const slots = this.slots;
    // A key deleted and created again has a dead slot and a live one: only the live one is kept.
    while (i < slots.length || j < add.length) {
      const s = j >= add.length || (i < slots.length && slots[i].key <= add[j].key) ? slots[i++] : add[j++];
      if (this.live(s)) out.push(s);
    }
    this.slots = out;
    this.added = [];
    this.removed = 0;
    return out;
  }

  /** range returns the sorted slots whose keys have the given prefix, starting after `after` when set. */
  range(prefix: string, after?: string): { slots: S[]; start: number; end: number } {
    const slots = this.sorted();
    const from = after !== undefined && after >= prefix ? after + '\u0000' : prefix;
    const start = lowerBound(slots, from);
    const end = prefix === '' ? slots.length : lowerBound(slots, prefix + '\uffff');
    return { slots, start, end: Math.max(start, end) };
  }
}

function byKey(a: KeyedSlot, b: KeyedSlot): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

function lowerBound(a: KeyedSlot[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid].key < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
