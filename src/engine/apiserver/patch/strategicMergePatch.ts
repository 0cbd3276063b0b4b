import type { GroupVersionKind } from '../../api/groupVersion';
import {
  directiveMarker,
  extractToDeleteItems,
  normalizeElementOrder,
  partitionMapsByPresentInList,
  partitionPrimitivesByPresentInList,
  sliceElementKind,
} from './elementOrder';
import { goJsonKind, goTypeName, goValue } from './goFmt';
import { deepCopy, hasKey, isJsonObject, setKey, type JsonObject } from './jsonValue';
import {
  errBadArgType,
  errBadPatchFormatForPrimitiveList,
  errBadPatchFormatForRetainKeys,
  errBadPatchFormatForSetElementOrderList,
  errBadPatchType,
  errNoMergeKey,
  PatchError,
  PatchErrorKind,
  unknownError,
} from './patchError';
import { lookupPatchMeta, patchMetaFor, PatchStrategy, type PatchMeta, type StructMeta } from './patchMeta';

// Strategic merge patch as the v1.32 apiserver applies it: StrategicMergeMapPatch in
// k8s.io/apimachinery/pkg/util/strategicpatch/patch.go (v0.32) with MergeParallelList and
// IgnoreUnmatchedNulls. Upstream merges into a fresh unstructured copy of the stored object in
// place; here the original is deep-copied once and that copy is merged in place, the patch is only
// read, and every value taken from the patch is copied, so the result shares nothing with either.
//
// Upstream then decodes the merged map into the Go type, which drops members the type does not
// have. Values copied from the patch are cleaned the same way here: "$"-prefixed members are
// dropped and null members removed, since no API field starts with "$" and a null field decodes to
// its omitted zero value.

const retainKeysDirective = '$retainKeys';
const deleteFromPrimitiveListDirectivePrefix = '$deleteFromPrimitiveList';
const setElementOrderDirectivePrefix = '$setElementOrder';

/**
 * strategicMergePatch applies a strategic merge patch to original using the patch strategies and
 * merge keys of gvk's type. The result shares no object with its inputs. Failures are PatchErrors.
 */
export function strategicMergePatch(original: unknown, patch: unknown, gvk: GroupVersionKind): unknown {
  return strategicMergeMapPatch(original, patch, patchMetaFor(gvk));
}

/** strategicMergeMapPatch is strategicMergePatch with explicit struct metadata for the top level. */
export function strategicMergeMapPatch(original: unknown, patch: unknown, meta: StructMeta): JsonObject {
  if (patch === undefined) throw new PatchError(PatchErrorKind.BadRequest, 'unexpected end of JSON input');
  if (patch !== null && !isJsonObject(patch)) {
    throw new PatchError(PatchErrorKind.BadRequest, `json: cannot unmarshal ${goJsonKind(patch)} into Go value of type map[string]interface {}`);
  }
  const out: JsonObject = isJsonObject(original) ? deepCopy(original) : {};
  return patch === null ? out : mergeMap(out, patch, meta);
}

// mergeMap merges patch into original, a private copy that is changed in place and returned unless
// a $patch directive replaces it.
function mergeMap(original: JsonObject, patch: JsonObject, meta: StructMeta | undefined): JsonObject {
  if (hasKey(patch, directiveMarker)) return handleDirectiveInMergeMap(patch[directiveMarker], patch);
  applyRetainKeysDirective(original, patch);
  const done = mergePatchIntoOriginal(original, patch, meta);

  for (const patchKey of Object.keys(patch)) {
    if (done.has(patchKey) || patchKey === retainKeysDirective) continue;
    let k = patchKey;
    const isDeleteList = patchKey.startsWith(deleteFromPrimitiveListDirectivePrefix);
    if (isDeleteList) k = extractKey(patchKey, deleteFromPrimitiveListDirectivePrefix);
    else if (patchKey.startsWith('$')) continue;

    const patchV = patch[patchKey];
    if (patchV === null) {
      delete original[k];
      continue;
    }
    if (!hasKey(original, k) || goTypeName(original[k]) !== goTypeName(patchV)) {
      if (!isDeleteList) setOrDelete(original, k, cleanPatchValue(patchV, true));
      continue;
    }
    const ov = original[k];
    const fieldMeta = lookupPatchMeta(meta, k);
    if (isJsonObject(ov)) setKey(original, k, mergeMapHandler(ov, patchV as JsonObject, fieldMeta));
    else if (Array.isArray(ov)) setKey(original, k, mergeSliceHandler(ov, patchV as unknown[], fieldMeta, isDeleteList));
    else setKey(original, k, patchV);
  }
  return original;
}

// handleDirectiveInMergeMap: "$patch: replace" makes the patch the whole map, "$patch: delete" empties it.
function handleDirectiveInMergeMap(directive: unknown, patch: JsonObject): JsonObject {
  if (directive === 'replace') return cleanPatchValue(patch, false) as JsonObject;
  if (directive === 'delete') return {};
  throw errBadPatchType(directive, patch);
}

function mergeMapHandler(original: JsonObject, patch: JsonObject, meta: PatchMeta | undefined): JsonObject {
  if (meta?.strategy === PatchStrategy.Replace) return cleanPatchValue(patch, false) as JsonObject;
  return mergeMap(original, patch, meta?.fields);
}

// mergeSliceHandler merges lists with the merge strategy, and any list a $deleteFromPrimitiveList
// names; other lists are replaced by the patch's.
function mergeSliceHandler(original: unknown[], patch: unknown[], meta: PatchMeta | undefined, isDeleteList: boolean): unknown[] {
  if (meta?.strategy === PatchStrategy.Merge || isDeleteList) {
    return mergeSlice(original, patch, meta?.fields, meta?.mergeKey ?? '', isDeleteList);
  }
  return cleanPatchValue(patch, false) as unknown[];
}

function mergeSlice(original: unknown[], patch: unknown[], elemMeta: StructMeta | undefined, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  let patchItems: unknown[] = patch;
  if (kind === 'scalar') {
    if (isDeleteList) {
      const toDelete = new Set(patch);
      return original.filter((v) => !toDelete.has(v));
    }
    merged = [...new Set([...original, ...patch])];
  } else {
    if (mergeKey === '') throw unknownError('cannot merge lists without merge key for struct');
    [original, patchItems] = mergeSliceWithSpecialElements(original, patch, mergeKey);
    merged = mergeSliceWithoutSpecialElements(original, patchItems, mergeKey, elemMeta);
  }
  const [inPatch, serverOnly] =
    mergeKey === '' ? partitionPrimitivesByPresentInList(merged, patchItems) : partitionMapsByPresentInList(merged, patchItems, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, original, mergeKey, kind);
}

// mergeSliceWithSpecialElements applies the "$patch" elements of a list of objects: delete drops
// the live elements with that merge key, replace makes the other patch elements the whole list.
function mergeSliceWithSpecialElements(original: unknown[], patch: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const rest: unknown[] = [];
  const deleted = new Set<unknown>();
  let replace = false;
  for (const v of patch as JsonObject[]) {
    if (!hasKey(v, directiveMarker)) {
      rest.push(v);
      continue;
    }
    const directive = v[directiveMarker];
    if (directive === 'delete') {
      if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
      deleted.add(v[mergeKey]);
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw unknownError('merging lists cannot yet be specified in the patch');
    } else {
      throw errBadPatchType(directive, v);
    }
  }
  if (replace) return [rest.map((v) => cleanPatchValue(v, false)), []];
  if (deleted.size > 0) {
    original = original.filter((e) => !(isJsonObject(e) && hasKey(e, mergeKey) && deleted.has(e[mergeKey])));
  }
  return [original, rest];
}

// mergeSliceWithoutSpecialElements merges each patch element into the first live element with its
// merge key, or appends it; a later patch element with the same key merges into that one.
function mergeSliceWithoutSpecialElements(original: unknown[], patch: unknown[], mergeKey: string, elemMeta: StructMeta | undefined): unknown[] {
  const merged = original.slice();
  const at = new Map<unknown, number>();
  merged.forEach((e, i) => {
    const k = (e as JsonObject)[mergeKey];
    if (hasKey(e as JsonObject, mergeKey) && !at.has(k)) at.set(k, i);
  });
  for (const v of patch as JsonObject[]) {
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    const i = at.get(v[mergeKey]);
    if (i !== undefined) {
      merged[i] = mergeMap(merged[i] as JsonObject, v, elemMeta);
    } else {
      at.set(v[mergeKey], merged.length);
      merged.push(cleanPatchValue(v, false));
    }
  }
  return merged;
}

// applyRetainKeysDirective drops the members of original that $retainKeys does not list, after
// checking that the patch sets no member outside the list.
function applyRetainKeysDirective(original: JsonObject, patch: JsonObject): void {
  if (!hasKey(patch, retainKeysDirective)) return;
  const list = patch[retainKeysDirective];
  if (!Array.isArray(list)) throw errBadPatchFormatForRetainKeys();
  const retained = new Set<unknown>(list);
  for (const k of Object.keys(patch)) {
    if (k === retainKeysDirective || patch[k] === null) continue;
    if (k.startsWith(deleteFromPrimitiveListDirectivePrefix) || k.startsWith(setElementOrderDirectivePrefix)) continue;
    if (!retained.has(k)) throw errBadPatchFormatForRetainKeys();
  }
  for (const k of Object.keys(original)) if (!retained.has(k)) delete original[k];
}

// mergePatchIntoOriginal merges each list named by a $setElementOrder directive and orders it:
// $setElementOrder first, then the patch's order, then the live list's. It returns the patch keys
// it consumed (the directives and their lists).
function mergePatchIntoOriginal(original: JsonObject, patch: JsonObject, meta: StructMeta | undefined): Set<string> {
  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(setElementOrderDirectivePrefix)) continue;
    done.add(key);
    const order = patch[key];
    if (!Array.isArray(order)) throw errBadArgType('slice', order);
    const listKey = extractKey(key, setElementOrderDirectivePrefix);
    const foundOriginal = hasKey(original, listKey);
    const foundPatch = hasKey(patch, listKey);
    if (foundOriginal && !Array.isArray(original[listKey])) throw errBadArgType('slice', original[listKey]);
    if (foundPatch && !Array.isArray(patch[listKey])) throw errBadArgType('slice', patch[listKey]);
    const originalList = foundOriginal ? (original[listKey] as unknown[]) : [];
    const patchList = foundPatch ? (patch[listKey] as unknown[]) : [];
    const fieldMeta = lookupPatchMeta(meta, listKey);
    const mergeKey = fieldMeta?.mergeKey ?? '';
    validatePatchWithSetOrderList(patchList, order, mergeKey);

    let merged: unknown[];
    if (foundOriginal && foundPatch) merged = mergeSliceHandler(originalList, patchList, fieldMeta, false);
    else if (foundOriginal) merged = originalList;
    else if (foundPatch) merged = cleanPatchValue(patchList, true) as unknown[];
    else continue;

    const [inOrder, serverOnly] =
      mergeKey === '' ? partitionPrimitivesByPresentInList(merged, order) : partitionMapsByPresentInList(merged, order, mergeKey);
    const kind = sliceElementKind(originalList, patchList);
    setKey(original, listKey, normalizeElementOrder(inOrder, serverOnly, order, originalList, mergeKey, kind));
    done.add(listKey);
  }
  return done;
}

// validatePatchWithSetOrderList checks that the patch list's elements appear in $setElementOrder in
// the same relative order (deletions and directive elements aside).
function validatePatchWithSetOrderList(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : extractToDeleteItems(patchList)[0];
  let pi = 0;
  let oi = 0;
  while (pi < items.length && oi < order.length) {
    const item = items[pi];
    if (isJsonObject(item) && hasKey(item, directiveMarker)) {
      pi++;
      continue;
    }
    if (mergeKeyValueEqual(item, order[oi], mergeKey)) pi++;
    oi++;
  }
  if (pi < items.length && oi >= order.length) {
    throw unknownError(
      `The order in patch list:\n${goValue(patchList)}\n doesn't match ${setElementOrderDirectivePrefix} list:\n${goValue(order)}\n`,
    );
  }
}

function mergeKeyValueEqual(left: unknown, right: unknown, mergeKey: string): boolean {
  if (mergeKey === '') return left === right;
  if (!isJsonObject(left)) throw errBadArgType('map', left);
  if (!isJsonObject(right)) throw errBadArgType('map', right);
  if (!hasKey(left, mergeKey)) throw errNoMergeKey(left, mergeKey);
  if (!hasKey(right, mergeKey)) throw errNoMergeKey(right, mergeKey);
  return left[mergeKey] === right[mergeKey];
}

// extractKey strips a "$directive/" prefix to name the list it applies to.
function extractKey(s: string, prefix: string): string {
  const slash = s.indexOf('/');
  if (slash < 0 || s.slice(0, slash) !== prefix) {
    throw prefix === deleteFromPrimitiveListDirectivePrefix
      ? errBadPatchFormatForPrimitiveList()
      : errBadPatchFormatForSetElementOrderList();
  }
  return s.slice(slash + 1);
}

const dropped: unique symbol = Symbol('dropped');

function setOrDelete(o: JsonObject, k: string, v: unknown): void {
  if (v === dropped) delete o[k];
  else setKey(o, k, v);
}

// cleanPatchValue copies a patch value as the server keeps it. With dropDirectives (upstream's
// removeDirectives after discardNullValuesFromPatch) an object carrying "$patch" is dropped, from a
// list or as a member; without, only the "$patch" member goes, as decoding the verbatim map would.
function cleanPatchValue(v: unknown, dropDirectives: boolean): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const e of v) {
      const c = cleanPatchValue(e, dropDirectives);
      if (c !== dropped) out.push(c);
    }
    return out;
  }
  if (!isJsonObject(v)) return v;
  if (dropDirectives && hasKey(v, directiveMarker)) return dropped;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) {
    if (k.startsWith('$') || v[k] === null) continue;
    const c = cleanPatchValue(v[k], dropDirectives);
    if (c !== dropped) setKey(out, k, c);
  }
  return out;
}
