import type { GroupVersionKind } from '../../api/groupVersion';
import { ApiError, failure, newBadRequest, newUnsupportedMediaType, StatusReason } from '../errors';
import { fieldError, newInvalid } from '../fieldErrors';
import { goJsonKind } from './goFmt';
import { applyJsonPatch, decodeJsonPatch } from './jsonPatch';
import { isJsonObject } from './jsonValue';
import { mergePatch } from './mergePatch';
import { PatchError, PatchErrorKind } from './patchError';
import { strategicMergePatch } from './strategicMergePatch';

// The patch half of endpoints/handlers/patch.go (v1.32): pick the mechanism by Content-Type, apply
// it, and turn its failures into the Statuses that handler returns.

/** PatchContentType lists the patch media types in the order a v1.32 server accepts them (api_installer.go). */
export const PatchContentType = {
  JSONPatch: 'application/json-patch+json',
  MergePatch: 'application/merge-patch+json',
  StrategicMergePatch: 'application/strategic-merge-patch+json',
  ApplyPatch: 'application/apply-patch+yaml',
} as const;
export type PatchContentType = (typeof PatchContentType)[keyof typeof PatchContentType];

const supported: readonly string[] = Object.values(PatchContentType);

/** MaxJSONPatchOperations is the apiserver's limit on operations in one JSON patch. */
export const MaxJSONPatchOperations = 10000;

/** GenericInvalidMessage is the message of the 422 a failed JSON patch or a rejected strategic merge patch gets. */
export const GenericInvalidMessage = 'the server rejected our request due to an error in our request';

/**
 * parsePatchType reads the patch type from a Content-Type header, dropping any "; charset=..."
 * parameter, and answers 415 for any other media type (matching is exact, as upstream's is).
 */
export function parsePatchType(contentType: string | undefined): PatchContentType {
  const header = contentType ?? '';
  const semicolon = header.indexOf(';');
  const mediaType = semicolon > 0 ? header.slice(0, semicolon) : header;
  if (!supported.includes(mediaType)) {
    // negotiation.NewUnsupportedMediaTypeError, v1.32
    throw newUnsupportedMediaType(`the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`);
  }
  return mediaType as PatchContentType;
}

/**
 * applyPatch applies a JSON, merge or strategic merge patch (chosen by contentType) to original, an
 * object of kind gvk in its wire form, and returns the patched object, which shares nothing with its
 * inputs. Server-side apply is not handled here: its media type gets the handler's 500.
 */
export function applyPatch(contentType: string, original: object, patchBody: unknown, gvk: GroupVersionKind): object {
  const patchType = parsePatchType(contentType);
  let patched: unknown;
  try {
    switch (patchType) {
      case PatchContentType.JSONPatch: {
        const ops = decodeJsonPatch(patchBody);
        if (ops.length > MaxJSONPatchOperations) {
          throw new ApiError(
            failure(413, StatusReason.RequestEntityTooLarge, `Request entity too large: The allowed maximum operations in a JSON patch is ${MaxJSONPatchOperations}, got ${ops.length}`),
          );
        }
        patched = applyJsonPatch(original, ops);
        break;
      }
      case PatchContentType.MergePatch:
        patched = mergePatch(original, patchBody);
        break;
      case PatchContentType.StrategicMergePatch:
        patched = strategicMergePatch(original, patchBody, gvk);
        break;
      default:
        throw unknownStatus(`${patchType}: unimplemented patch type`);
    }
  } catch (e) {
    throw e instanceof PatchError ? toApiError(e) : e;
  }
  if (!isJsonObject(patched)) throw notAnObject(patched);
  return patched;
}

function toApiError(e: PatchError): ApiError {
  switch (e.kind) {
    case PatchErrorKind.BadRequest:
      return newBadRequest(e.message);
    case PatchErrorKind.Unprocessable:
      // errors.NewGenericServerResponse(422, "", schema.GroupResource{}, "", msg, 0, false): the message is not kept.
      return new ApiError(failure(422, StatusReason.Invalid, GenericInvalidMessage, {}));
    default:
      return unknownStatus(e.message);
  }
}

// unknownStatus is what responsewriters.ErrorToAPIStatus makes of an error that is not a Status.
function unknownStatus(message: string): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 });
}

// notAnObject is the apiserver's failure to decode a patch result that is not a JSON object into the
// kind: it reads apiVersion and kind first, and that fails (runtime.DecodeInto after the patch).
function notAnObject(v: unknown): ApiError {
  const typeKind = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';
  return newInvalid({ group: '', kind: '' }, '', [
    fieldError.invalid(
      'patch',
      JSON.stringify(v),
      `couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(v)} into Go value of type ${typeKind}`,
    ),
  ]);
}
