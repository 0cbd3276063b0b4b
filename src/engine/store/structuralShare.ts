import { compactCopy } from './compactObject';
import { MaxLeafMembers, type LeafInterner } from './leafInterner';

/** ShareOptions: freeze every node kept; with leaves, also deduplicate across stored objects. */
export interface ShareOptions {
  freeze: boolean;
  /** leaves interns small all-scalar objects; given, the nodes kept are also made compact (compactCopy). */
  leaves?: LeafInterner;
}

/**
 * shareStructure is how the store keeps one decoded object per revision cheaply: every subtree of
 * `next` equal to the one at the same place in `ref` (the key's previous revision, or the object
 * written before it) is replaced by ref's own, so revisions and sibling objects share what did not
 * change. The store owns what it is given: replacements are made in place, without copying, and
 * only ever swap a subtree for an equal one (frozen nodes are left as they are). This is only sound
 * because stored objects are read-only: readers copy before they change anything, as client-go
 * requires of informer caches.
 */
export function shareStructure<T>(next: T, ref: unknown, opts: ShareOptions): T {
  return share(next, ref, opts) as T;
}

function share(v: unknown, ref: unknown, opts: ShareOptions): unknown {
  // Equal strings compare equal whatever their instance: keeping ref's shares the characters too.
  if (v === ref) return ref;
  if (typeof v === 'string') {
    // Reading a character flattens a concatenated string in place (V8), so the stored value holds
    // one buffer rather than a tree of the pieces it was built from.
    v.charCodeAt(0);
    return v;
  }
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return shareArray(v, Array.isArray(ref) ? ref : undefined, opts);
  const r = ref !== null && typeof ref === 'object' && !Array.isArray(ref) ? (ref as Record<string, unknown>) : undefined;
  return shareObject(v as Record<string, unknown>, r, opts);
}

function shareArray(v: unknown[], ref: unknown[] | undefined, opts: ShareOptions): unknown[] {
  let same = ref !== undefined && ref.length === v.length;
  let fixed: boolean | undefined;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    const r = ref === undefined ? undefined : ref[i];
    const c = share(x, r, opts);
    if (differs(c, x, r) && !(fixed ??= Object.isFrozen(v))) v[i] = c;
    if (same && c !== r) same = false;
  }
  if (same) return ref!;
  if (opts.freeze && !Object.isFrozen(v)) Object.freeze(v);
  return v;
}

function shareObject(v: Record<string, unknown>, ref: Record<string, unknown> | undefined, opts: ShareOptions): Record<string, unknown> {
  let same = ref !== undefined;
  let leaf = true;
  let n = 0;
  let fixed: boolean | undefined;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    const x = v[k];
    if (x === undefined) continue;
    n++;
    const r = ref === undefined ? undefined : ref[k];
    const c = share(x, r, opts);
    if (differs(c, x, r) && !(fixed ??= Object.isFrozen(v))) v[k] = c;
    if (same && c !== r) same = false;
    if (leaf && c !== null && typeof c === 'object') leaf = false;
  }
  if (same && countMembers(ref!) === n) return ref!;
  let out = v;
  if (opts.leaves) {
    out = compactCopy(v, n) ?? v;
    if (leaf && n > 0 && n <= MaxLeafMembers) out = opts.leaves.intern(out);
  }
  if (opts.freeze && !Object.isFrozen(out)) Object.freeze(out);
  return out;
}

/**
 * differs says whether the shared value c must replace x: another node, or ref's string (equal
 * strings compare equal, so keeping ref's instance takes a store even when nothing looks changed).
 */
function differs(c: unknown, x: unknown, ref: unknown): boolean {
  return c !== x || (typeof c === 'string' && c === ref);
}

function countMembers(o: Record<string, unknown>): number {
  let n = 0;
  for (const k in o) if (o[k] !== undefined) n++;
  return n;
}
