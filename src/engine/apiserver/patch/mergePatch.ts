import { deepCopy, hasKey, isJsonObject, setKey, type JsonObject } from './jsonValue';
import { PatchError, PatchErrorKind } from './patchError';

// RFC 7386 JSON merge patch as evanphx/json-patch v4.12.0's MergePatch does it for a v1.32
// apiserver: null deletes a member, objects merge, anything else replaces. Values taken from the
// patch lose their null members (also inside arrays), but null array elements stay.

/** ErrBadJSONPatch is json-patch's message for a merge patch that is not an object or array. */
export const ErrBadJSONPatch = 'Invalid JSON Patch';

/**
 * mergePatch applies an RFC 7386 merge patch to doc and returns the result, which shares no object
 * with its inputs. A body that is not an object or an array is a 400 PatchError; an array replaces
 * the whole document (the apiserver then fails to decode it).
 */
export function mergePatch(doc: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) {
    if (!Array.isArray(patch)) throw new PatchError(PatchErrorKind.BadRequest, ErrBadJSONPatch);
    return pruneNulls(patch);
  }
  if (doc === null) throw new PatchError(PatchErrorKind.Unknown, 'Invalid JSON Document');
  if (!isJsonObject(doc)) return pruneNulls(patch);
  const out = deepCopy(doc);
  mergeDocs(out, patch);
  return out;
}

// mergeDocs merges patch into doc, which is a private copy and is changed in place.
function mergeDocs(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k];
    if (v === null) {
      delete doc[k];
    } else if (!hasKey(doc, k) || doc[k] === null) {
      setKey(doc, k, pruneNulls(v));
    } else {
      setKey(doc, k, merge(doc[k], v));
    }
  }
}

function merge(cur: unknown, patch: unknown): unknown {
  if (!isJsonObject(cur)) return pruneNulls(patch);
  // An object replaced by a non-object takes the patch value as it is, nulls included.
  if (!isJsonObject(patch)) return deepCopy(patch);
  mergeDocs(cur, patch);
  return cur;
}

// pruneNulls copies v without the null members of its objects, at any depth.
function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pruneNulls);
  if (!isJsonObject(v)) return v;
  const out: JsonObject = {};
  for (const k of Object.keys(v)) if (v[k] !== null) setKey(out, k, pruneNulls(v[k]));
  return out;
}
