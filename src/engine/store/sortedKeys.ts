/**
 * SortedKeys keeps a resource's keys in etcd's byte order for ordered lists and continue tokens.
 * Inserts are buffered and merged on the next read, so a burst of creates costs one sort of the
 * burst plus one linear merge, not one shift per insert.
 */
export class SortedKeys {
  private keys: string[] = [];
  private added: string[] = [];
  private removed = 0;

  constructor(private readonly present: (key: string) => boolean) {}

  add(key: string): void {
    this.added.push(key);
  }

  remove(): void {
    this.removed++;
  }

  /** sorted returns the live keys in order; the array is shared until the next change. */
  sorted(): string[] {
    if (this.added.length === 0 && this.removed === 0) return this.keys;
    const add = this.added.sort();
    const out: string[] = [];
    let i = 0;
    let j = 0;
    let last: string | undefined;
    const keys = this.keys;
    while (i < keys.length || j < add.length) {
      const k = j >= add.length || (i < keys.length && keys[i] <= add[j]) ? keys[i++] : add[j++];
      if (k !== last && this.present(k)) out.push(k);
      last = k;
    }
    this.keys = out;
    this.added = [];
    this.removed = 0;
    return out;
  }

  /** range returns the sorted keys with the given prefix, starting after `after` when set. */
  range(prefix: string, after?: string): { keys: string[]; start: number; end: number } {
    const keys = this.sorted();
    const from = after !== undefined && after >= prefix ? after + '\u0000' : prefix;
    const start = lowerBound(keys, from);
    const end = prefix === '' ? keys.length : lowerBound(keys, prefix + '\uffff');
    return { keys, start, end: Math.max(start, end) };
  }
}

function lowerBound(a: string[], x: string): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
