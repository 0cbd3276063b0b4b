import { goTypeName, goValue } from './goFmt';
import { hasKey, isJsonObject, type JsonObject } from './jsonValue';
import { errBadArgType, errNoListOfLists, errNoMergeKey, unknownError } from './patchError';

// The list helpers of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32) that type,
// partition and order list elements. Element order follows "preserve order in strategic merge
// patch": $setElementOrder first, then the patch's order, then the live list's; an element new to
// the live list is placed before the live elements it is not known to follow. Positions are looked
// up in maps built once per list, where upstream scans the list for each comparison.

/** ElementKind is what a list holds: objects (merged by key) or scalars. */
export type ElementKind = 'map' | 'scalar';

/** directiveMarker is the "$patch" key of a patch object. */
export const directiveMarker = '$patch';

/** sliceElementKind checks that every element of the lists has one Go type, which is not a list. */
export function sliceElementKind(...slices: (readonly unknown[])[]): ElementKind {
  let prev: string | undefined;
  for (const s of slices) {
    for (const v of s) {
      const t = goTypeName(v);
      if (prev === undefined) {
        if (Array.isArray(v)) throw errNoListOfLists();
        prev = t;
      } else if (t !== prev) {
        throw unknownError(`list element types are not identical: ${goValue(slices)}`);
      }
    }
  }
  if (prev === undefined) throw unknownError('no elements in any of the given slices');
  return prev === goTypeName({}) ? 'map' : 'scalar';
}

// mergeKeyOf is the value elements of a merging list are matched by (Go's nil when absent).
function mergeKeyOf(item: unknown, mergeKey: string): unknown {
  return isJsonObject(item) ? (item[mergeKey] ?? undefined) : undefined;
}

// validateMergeKeyInLists checks that each item of the lists is an object holding the merge key.
function validateMergeKeyInLists(mergeKey: string, ...lists: (readonly unknown[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw errBadArgType('map', item);
      if (!hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
    }
  }
}

/** extractToDeleteItems splits a list of objects into those kept and those marked "$patch: delete". */
export function extractToDeleteItems(l: readonly unknown[]): [JsonObject[], JsonObject[]] {
  const keep: JsonObject[] = [];
  const toDelete: JsonObject[] = [];
  for (const v of l) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    (v[directiveMarker] === 'delete' ? toDelete : keep).push(v);
  }
  return [keep, toDelete];
}

/** partitionPrimitivesByPresentInList splits items into those present in partitionBy and the others. */
export function partitionPrimitivesByPresentInList(items: readonly unknown[], partitionBy: readonly unknown[]): [unknown[], unknown[]] {
  const present = new Set(partitionBy);
  const inList: unknown[] = [];
  const others: unknown[] = [];
  for (const v of items) (present.has(v) ? inList : others).push(v);
  return [inList, others];
}

/** partitionMapsByPresentInList splits objects into those whose merge key appears in partitionBy and the others. */
export function partitionMapsByPresentInList(
  items: readonly unknown[],
  partitionBy: readonly unknown[],
  mergeKey: string,
): [unknown[], unknown[]] {
  // Upstream scans partitionBy for each item and fails on the first non-object before a match.
  const firstAt = new Map<unknown, number>();
  let nonMapAt = -1;
  partitionBy.forEach((v, i) => {
    if (!isJsonObject(v)) {
      if (nonMapAt < 0) nonMapAt = i;
    } else if (hasKey(v, mergeKey) && !firstAt.has(v[mergeKey])) {
      firstAt.set(v[mergeKey], i);
    }
  });
  const inList: unknown[] = [];
  const others: unknown[] = [];
  for (const v of items) {
    if (!isJsonObject(v)) throw errBadArgType('map', v);
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    const at = firstAt.get(v[mergeKey]);
    if (nonMapAt >= 0 && (at === undefined || at > nonMapAt)) throw unknownError(`value for key ${nonMapAt} is not a map`);
    (at !== undefined ? inList : others).push(v);
  }
  return [inList, others];
}

/**
 * normalizeElementOrder sorts the patch items by patchOrder and the server-only items by
 * serverOrder, then interleaves them: a server-only item goes before a patch item only when both are
 * in the live list and it comes first there.
 */
export function normalizeElementOrder(
  patchItems: readonly unknown[],
  serverOnly: readonly unknown[],
  patchOrder: readonly unknown[],
  serverOrder: readonly unknown[],
  mergeKey: string,
  kind: ElementKind,
): unknown[] {
  const right = normalizeSliceOrder(patchItems, patchOrder, mergeKey, kind);
  const left = normalizeSliceOrder(serverOnly, serverOrder, mergeKey, kind);
  const serverIndex = positions(serverOrder, mergeKey, kind);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (j >= right.length) out.push(left[i++]);
    else if (i >= left.length) out.push(right[j++]);
    else {
      const li = serverIndex.get(key(left[i], mergeKey, kind));
      const ri = serverIndex.get(key(right[j], mergeKey, kind));
      out.push(li !== undefined && ri !== undefined && li < ri ? left[i++] : right[j++]);
    }
  }
  return out;
}

// normalizeSliceOrder stably sorts toSort by the position of each item in order; objects marked for
// deletion go last.
function normalizeSliceOrder(toSort: readonly unknown[], order: readonly unknown[], mergeKey: string, kind: ElementKind): unknown[] {
  let items: unknown[] = [...toSort];
  let toDelete: unknown[] = [];
  if (kind === 'map') {
    validateMergeKeyInLists(mergeKey, toSort, order);
    [items, toDelete] = extractToDeleteItems(toSort);
  }
  const at = positions(order, mergeKey, kind);
  const pos = (v: unknown) => at.get(key(v, mergeKey, kind)) ?? Number.MAX_SAFE_INTEGER;
  items.sort((a, b) => pos(a) - pos(b));
  return toDelete.length === 0 ? items : [...items, ...toDelete];
}

function key(item: unknown, mergeKey: string, kind: ElementKind): unknown {
  return kind === 'map' ? mergeKeyOf(item, mergeKey) : item;
}

// positions maps each key to its first index, as upstream's index() finds the first match.
function positions(list: readonly unknown[], mergeKey: string, kind: ElementKind): Map<unknown, number> {
  const at = new Map<unknown, number>();
  list.forEach((v, i) => {
    const k = key(v, mergeKey, kind);
    if (!at.has(k)) at.set(k, i);
  });
  return at;
}
