import { deepEqual } from '../../api/deepEqual';
import {
  normalizeElementOrder,
  partitionMapsByPresentInList,
  partitionPrimitivesByPresentInList,
  sliceElementKind,
} from '../../apiserver/patch/elementOrder';
import { goTypeName } from '../../apiserver/patch/goFmt';
import { hasKey, isJsonObject, type JsonObject } from '../../apiserver/patch/jsonValue';
import { errBadPatchFormatForSetElementOrderList, errNoMergeKey, unknownError } from '../../apiserver/patch/patchError';
import { diffMaps, Directive, splitStrategies } from './diffMaps';
import { emptyPatchSchema, type FieldPatchMeta, type PatchSchema } from './patchSchema';

/**
 * createThreeWayMergePatch is strategicpatch.CreateThreeWayMergePatch with overwrite, as kubectl
 * apply calls it: the changes and additions from current (the live object) to modified (the new
 * configuration), plus the deletions from original (the last applied configuration) to modified.
 */
export function createThreeWayMergePatch(original: JsonObject, modified: JsonObject, current: JsonObject, schema: PatchSchema): JsonObject {
  const delta = diffMaps(current, modified, schema, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original, modified, schema, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return mergePatches(deletions, delta, schema);
}

// mergePatches is upstream's mergeMap with MergeOptions{} (no parallel lists, nulls kept): it merges
// the delta patch into the deletions patch, keeping every directive. Both are fresh objects.
function mergePatches(original: JsonObject, patch: JsonObject, schema: PatchSchema): JsonObject {
  if (hasKey(patch, Directive.patch)) {
    const directive = patch[Directive.patch];
    if (directive === 'replace') {
      const { [Directive.patch]: _, ...rest } = patch;
      return rest;
    }
    if (directive === 'delete') return {};
  }
  if (hasKey(patch, Directive.retainKeys)) {
    if (hasKey(original, Directive.retainKeys) && !deepEqual(original[Directive.retainKeys], patch[Directive.retainKeys])) {
      throw unknownError(`${String(original[Directive.retainKeys])} and ${String(patch[Directive.retainKeys])} are not deep equal: this may happen when calculating the 3-way diff patch`);
    }
    original[Directive.retainKeys] = patch[Directive.retainKeys];
  }
  const done = mergeOrderedLists(original, patch, schema);
  for (const key of Object.keys(patch)) {
    if (done.has(key) || key === Directive.retainKeys) continue;
    const patchValue = patch[key];
    if (key.startsWith(Directive.deleteFromPrimitiveList) || !hasKey(original, key) || patchValue === null) {
      original[key] = patchValue;
      continue;
    }
    const originalValue = original[key];
    if (goTypeName(originalValue) !== goTypeName(patchValue)) {
      original[key] = patchValue;
      continue;
    }
    const meta = schema.field(key);
    if (isJsonObject(originalValue)) {
      original[key] = splitStrategies(meta).strategy === 'replace' ? patchValue : mergePatches(originalValue, patchValue as JsonObject, meta?.schema ?? emptyPatchSchema);
    } else if (Array.isArray(originalValue)) {
      original[key] = mergeSliceHandler(originalValue, patchValue as unknown[], meta);
    } else {
      original[key] = patchValue;
    }
  }
  return original;
}

// mergeOrderedLists is mergePatchIntoOriginal without parallel lists: each $setElementOrder moves
// into original, and the list it orders is merged and sorted by it. It returns the consumed keys.
function mergeOrderedLists(original: JsonObject, patch: JsonObject, schema: PatchSchema): Set<string> {
  const done = new Set<string>();
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(Directive.setElementOrder)) continue;
    done.add(key);
    const order = patch[key] as unknown[];
    if (hasKey(original, key) && !deepEqual(original[key], order)) throw errBadPatchFormatForSetElementOrderList();
    original[key] = order;
    const listKey = key.slice(Directive.setElementOrder.length + 1);
    const originalList = hasKey(original, listKey) ? (original[listKey] as unknown[]) : undefined;
    const patchList = hasKey(patch, listKey) ? (patch[listKey] as unknown[]) : undefined;
    if (!originalList && !patchList) continue;
    const meta = schema.field(listKey);
    const mergeKey = meta?.mergeKey ?? '';
    const merged = originalList && patchList ? mergeSliceHandler(originalList, patchList, meta) : (originalList ?? patchList)!;
    const [inOrder, serverOnly] =
      mergeKey === '' ? partitionPrimitivesByPresentInList(merged, order) : partitionMapsByPresentInList(merged, order, mergeKey);
    const kind = sliceElementKind(originalList ?? [], patchList ?? []);
    original[listKey] = normalizeElementOrder(inOrder, serverOnly, order, originalList ?? [], mergeKey, kind);
    done.add(listKey);
  }
  return done;
}

function mergeSliceHandler(original: unknown[], patch: unknown[], meta: FieldPatchMeta | undefined): unknown[] {
  if (splitStrategies(meta).strategy !== 'merge') return patch;
  const mergeKey = meta?.mergeKey ?? '';
  if (original.length === 0 && patch.length === 0) return original;
  const kind = sliceElementKind(original, patch);
  let merged: unknown[];
  if (kind === 'scalar') {
    merged = [...new Set([...original, ...patch])];
  } else {
    if (mergeKey === '') throw unknownError('cannot merge lists without merge key for type map');
    merged = mergeListOfMaps(original as JsonObject[], patch as JsonObject[], mergeKey, (meta?.schema ?? emptyPatchSchema).items());
  }
  const [inPatch, serverOnly] =
    mergeKey === '' ? partitionPrimitivesByPresentInList(merged, patch) : partitionMapsByPresentInList(merged, patch, mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patch, original, mergeKey, kind);
}

// mergeListOfMaps is mergeSliceWithSpecialElements + mergeSliceWithoutSpecialElements for the
// delta's elements, which carry no directives: each merges into the deletions' element with its
// merge key (a "$patch: delete" one included), or is appended.
function mergeListOfMaps(original: JsonObject[], patch: JsonObject[], mergeKey: string, elem: PatchSchema): unknown[] {
  const merged: JsonObject[] = [...original];
  for (const v of patch) {
    if (!hasKey(v, mergeKey)) throw errNoMergeKey(v, mergeKey);
    const i = merged.findIndex((e) => isJsonObject(e) && e[mergeKey] === v[mergeKey]);
    if (i >= 0) merged[i] = mergePatches(merged[i], v, elem);
    else merged.push(v);
  }
  return merged;
}
