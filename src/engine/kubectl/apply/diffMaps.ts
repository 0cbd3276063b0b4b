import { deepEqual } from '../../api/deepEqual';
import { directiveMarker, normalizeElementOrder, sliceElementKind } from '../../apiserver/patch/elementOrder';
import { goTypeName, goValue } from '../../apiserver/patch/goFmt';
import { hasKey, isJsonObject, type JsonObject } from '../../apiserver/patch/jsonValue';
import { errNoMergeKey } from '../../apiserver/patch/patchError';
import { emptyPatchSchema, type FieldPatchMeta, type PatchSchema } from './patchSchema';

// The diff half of k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32): diffMaps and the
// list diffs kubectl's three-way merge patch is built from. The server-side merge lives in
// apiserver/patch; both halves share its element-order helpers, as upstream's one package does.

/** Directive keys of a strategic merge patch. */
export const Directive = {
  patch: directiveMarker,
  retainKeys: '$retainKeys',
  deleteFromPrimitiveList: '$deleteFromPrimitiveList',
  setElementOrder: '$setElementOrder',
} as const;

/** DiffOptions are strategicpatch.DiffOptions. */
export interface DiffOptions {
  setElementOrder?: boolean;
  ignoreChangesAndAdditions?: boolean;
  ignoreDeletions?: boolean;
  buildRetainKeysDirective?: boolean;
}

/** RetainKeysStrategy is the patch strategy that clears the fields a patch does not list. */
export const RetainKeysStrategy = 'retainKeys';

/** splitStrategies is extractRetainKeysPatchStrategy: whether retainKeys is set, and the other strategy. */
export function splitStrategies(meta: FieldPatchMeta | undefined): { retainKeys: boolean; strategy: string } {
  const s = meta?.strategies ?? [];
  return { retainKeys: s.includes(RetainKeysStrategy), strategy: s.find((x) => x !== RetainKeysStrategy) ?? '' };
}

/** diffMaps returns the strategic merge patch that turns original into modified, within opts. */
export function diffMaps(original: JsonObject, modified: JsonObject, schema: PatchSchema, opts: DiffOptions): JsonObject {
  const patch: JsonObject = {};
  const retainKeys: string[] = [];
  for (const key of Object.keys(modified)) {
    const modifiedValue = modified[key];
    if (opts.buildRetainKeysDirective && modifiedValue !== null) retainKeys.push(key);
    if (!hasKey(original, key)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    const originalValue = original[key];
    if (key === Directive.patch) {
      if (typeof originalValue === 'string' && typeof modifiedValue === 'string' && originalValue !== modifiedValue) patch[key] = modifiedValue;
      continue;
    }
    if (goTypeName(originalValue) !== goTypeName(modifiedValue)) {
      if (!opts.ignoreChangesAndAdditions) patch[key] = modifiedValue;
      continue;
    }
    if (isJsonObject(originalValue)) handleMapDiff(key, originalValue, modifiedValue as JsonObject, patch, schema, opts);
    else if (Array.isArray(originalValue)) handleSliceDiff(key, originalValue, modifiedValue as unknown[], patch, schema, opts);
    else replacePatchFieldIfNotEqual(key, originalValue, modifiedValue, patch, opts);
  }
  if (!opts.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!hasKey(modified, key)) patch[key] = null;
  }
  if (retainKeys.length > 0 && (Object.keys(patch).length > 0 || hasAdditionalNewField(original, modified))) {
    patch[Directive.retainKeys] = sortScalars(retainKeys);
  }
  return patch;
}

// A field the schema does not know has no strategy here; upstream refuses to diff it unless it is
// unchanged, and the server's strict decoding then names it, which tells the user more.
function handleMapDiff(key: string, original: JsonObject, modified: JsonObject, patch: JsonObject, schema: PatchSchema, opts: DiffOptions): void {
  const meta = schema.field(key);
  const { retainKeys, strategy } = splitStrategies(meta);
  if (strategy === 'replace') {
    if (!opts.ignoreChangesAndAdditions) patch[key] = modified;
    return;
  }
  const value = diffMaps(original, modified, meta?.schema ?? emptyPatchSchema, { ...opts, buildRetainKeysDirective: retainKeys });
  if (Object.keys(value).length > 0) patch[key] = value;
}

function handleSliceDiff(key: string, original: unknown[], modified: unknown[], patch: JsonObject, schema: PatchSchema, opts: DiffOptions): void {
  const meta = schema.field(key);
  const { retainKeys, strategy } = splitStrategies(meta);
  if (strategy !== 'merge') {
    replacePatchFieldIfNotEqual(key, original, modified, patch, opts);
    return;
  }
  const elem = (meta?.schema ?? emptyPatchSchema).items();
  const [add, del, order] = diffLists(original, modified, elem, meta?.mergeKey ?? '', { ...opts, buildRetainKeysDirective: retainKeys });
  if (add.length > 0) patch[key] = add;
  if (del.length > 0) patch[`${Directive.deleteFromPrimitiveList}/${key}`] = del;
  if (order.length > 0) patch[`${Directive.setElementOrder}/${key}`] = order;
}

function replacePatchFieldIfNotEqual(key: string, original: unknown, modified: unknown, patch: JsonObject, opts: DiffOptions): void {
  if (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)) patch[key] = modified;
}

function hasAdditionalNewField(original: JsonObject, modified: JsonObject): boolean {
  return Object.keys(original).some((k) => original[k] !== null && !hasKey(modified, k));
}

// diffLists returns the patch list, the parallel deletion list (scalars only) and the
// $setElementOrder list of a list with the merge strategy.
function diffLists(original: unknown[], modified: unknown[], elem: PatchSchema, mergeKey: string, opts: DiffOptions): [unknown[], unknown[], unknown[]] {
  if (original.length === 0) {
    if (modified.length === 0 || opts.ignoreChangesAndAdditions) return [[], [], []];
    return [modified, [], []];
  }
  const kind = sliceElementKind(original, modified);
  if (kind === 'map') {
    const [changed, deleted] = diffListsOfMaps(original as JsonObject[], modified as JsonObject[], elem, mergeKey, opts);
    const patchList = [...normalizeElementOrder(changed, [], modified, [], mergeKey, kind), ...deleted];
    const orderSame = original.length === modified.length && modified.every((m, i) => mergeKeyOf(m, mergeKey) === mergeKeyOf(original[i], mergeKey));
    const wantOrder =
      opts.setElementOrder &&
      ((!opts.ignoreChangesAndAdditions && (patchList.length > 0 || !orderSame)) || (!opts.ignoreDeletions && patchList.length > 0));
    const order = wantOrder ? modified.map((m) => ({ [mergeKey]: (m as JsonObject)[mergeKey] })) : [];
    return [patchList, [], order];
  }
  const [added, deleted] = diffListsOfScalars(original, modified, opts);
  const patchList = normalizeElementOrder(added, [], modified, [], mergeKey, kind);
  const wantOrder =
    opts.setElementOrder && ((!opts.ignoreDeletions && deleted.length > 0) || (!opts.ignoreChangesAndAdditions && !deepEqual(original, modified)));
  return [patchList, deleted, wantOrder ? modified : []];
}

function mergeKeyOf(item: unknown, mergeKey: string): unknown {
  if (!isJsonObject(item) || !hasKey(item, mergeKey)) throw errNoMergeKey(item, mergeKey);
  return item[mergeKey];
}

// Both lists are walked in the order of their merge keys as %v prints them, as upstream sorts them.
function diffListsOfMaps(original: JsonObject[], modified: JsonObject[], elem: PatchSchema, mergeKey: string, opts: DiffOptions): [JsonObject[], JsonObject[]] {
  const patch: JsonObject[] = [];
  const deletions: JsonObject[] = [];
  walkSorted(original, modified, (v) => goValue(mergeKeyOf(v, mergeKey)), {
    both: (o, m) => {
      const value = diffMaps(o, m, elem, opts);
      if (Object.keys(value).length > 0) patch.push({ ...value, [mergeKey]: m[mergeKey] });
    },
    added: (m) => {
      if (!opts.ignoreChangesAndAdditions) patch.push(m);
    },
    deleted: (o) => {
      if (!opts.ignoreDeletions) deletions.push({ [mergeKey]: o[mergeKey], [Directive.patch]: 'delete' });
    },
  });
  return [patch, deletions];
}

function diffListsOfScalars(original: unknown[], modified: unknown[], opts: DiffOptions): [unknown[], unknown[]] {
  const added: unknown[] = [];
  const deleted: unknown[] = [];
  walkSorted(original, modified, goValue, {
    both: () => undefined,
    added: (m) => {
      if (!opts.ignoreChangesAndAdditions) added.push(m);
    },
    deleted: (o) => {
      if (!opts.ignoreDeletions) deleted.push(o);
    },
  });
  return [added, [...new Set(deleted)]];
}

// walkSorted sorts both lists by key text and walks them side by side: elements with equal keys
// pair up, the others are added (only in modified) or deleted (only in original).
function walkSorted<T>(
  original: readonly T[],
  modified: readonly T[],
  keyOf: (v: T) => string,
  visit: { both(o: T, m: T): void; added(m: T): void; deleted(o: T): void },
): void {
  const byKey = (l: readonly T[]) => l.map((v) => ({ v, k: keyOf(v) })).sort((a, b) => compareStrings(a.k, b.k));
  const o = byKey(original);
  const m = byKey(modified);
  let i = 0;
  let j = 0;
  while (i < o.length || j < m.length) {
    if (i < o.length && j < m.length && o[i].k === m[j].k) visit.both(o[i++].v, m[j++].v);
    else if (i >= o.length || (j < m.length && o[i].k > m[j].k)) visit.added(m[j++].v);
    else visit.deleted(o[i++].v);
  }
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** sortScalars orders scalars by their %v text, as upstream's SortableSliceOfScalars does. */
export function sortScalars<T>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => compareStrings(goValue(a), goValue(b)));
}
