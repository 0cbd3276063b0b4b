/**
 * LeafInterner hands out one shared instance of each small object whose members are all scalars:
 * pod conditions, resource requests, IP entries, an Event's source or involved object. Many stored
 * objects hold equal ones (pods of one template, conditions set in the same second, events about
 * one pod), which differ from the object they are shared with (the previous revision, the sibling)
 * only by where they sit. Leaves are found by a hash of their members and values, checked for
 * equality; two generations bound what it remembers: a full young generation becomes the old one,
 * whose entries move back to the young one when used again.
 */
export class LeafInterner {
  private young = new Map<number, object>();
  private old = new Map<number, object>();

  constructor(private readonly capacity = 4096) {}

  /** intern returns the known leaf equal to leaf, or remembers and returns leaf itself. */
  intern<T extends object>(leaf: T): T {
    const h = leafHash(leaf);
    const known = (this.young.get(h) ?? this.old.get(h)) as T | undefined;
    if (known !== undefined && sameLeaf(known, leaf)) {
      this.young.set(h, known);
      return known;
    }
    if (this.young.size >= this.capacity) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(h, leaf);
    return leaf;
  }
}

/** MaxLeafMembers is the largest object interned: bigger ones are rarely equal and costly to hash. */
export const MaxLeafMembers = 8;

/** leafHash is FNV-1a over the member names and values, strings told apart from other scalars. */
function leafHash(leaf: object): number {
  let h = 0x811c9dc5;
  for (const k in leaf) {
    const v = (leaf as Record<string, unknown>)[k];
    if (v === undefined) continue;
    h = mix(h, k);
    h = typeof v === 'string' ? mix(Math.imul(h ^ 0x22, 16777619), v) : mix(h, String(v));
  }
  return h;
}

function mix(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return Math.imul(h ^ 0x1f, 16777619);
}

function sameLeaf(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  let n = 0;
  for (const k in x) {
    if (x[k] === undefined) continue;
    if (x[k] !== y[k]) return false;
    n++;
  }
  for (const k in y) if (y[k] !== undefined) n--;
  return n === 0;
}
