import type { KubeObject } from '../../api/object';
import { apiVersionOf, type GroupVersionKind, parseApiVersion } from '../../api/groupVersion';
import type { ApiRequest } from '../../client/transport';
import { newBadRequest } from '../errors';
import { asObject, decodeBody } from '../request/decode';
import type { ResourceStrategy } from '../registry/strategy';
import { decodeErrorMessage, decodeTypeError } from '../openapi/decodeTypeError';
import { strictDecodingError, unknownFieldWarning, unknownFields } from '../openapi/unknownFields';
import { pruneFields } from './pruneFields';
import { q } from './query';

/** DecodedBody is a request object checked against its kind's schema, plus the warnings it earned. */
export interface DecodedBody {
  obj: KubeObject;
  warnings: string[];
}

/**
 * decodeObject decodes a create or update body the way the apiserver's versioning decoder does:
 * apiVersion/kind must match the endpoint (missing ones default to it), Go type errors are a 400,
 * and unknown fields follow fieldValidation: Strict refuses, Warn (the default) warns, Ignore drops.
 */
export function decodeObject(s: ResourceStrategy, req: ApiRequest): DecodedBody {
  const obj = asObject(decodeBody(req.body, req.contentType), s.def.kind);
  return checkObject(s, obj, req);
}

/** checkObject runs the schema checks of decodeObject on an object already decoded (patch results). */
export function checkObject(s: ResourceStrategy, obj: KubeObject, req: ApiRequest): DecodedBody {
  return checkKindObject(s.def, obj, req);
}

/** checkKindObject runs those checks against any served kind, subresource bodies included. */
export function checkKindObject(def: GroupVersionKind, obj: KubeObject, req: ApiRequest): DecodedBody {
  const expected = apiVersionOf(def);
  if (obj.apiVersion !== undefined && obj.apiVersion !== expected) {
    const gv = parseApiVersion(String(obj.apiVersion));
    if (gv.group !== def.group || gv.version !== def.version) {
      throw newBadRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${expected})`);
    }
  }
  if (obj.kind !== undefined && obj.kind !== def.kind) {
    throw newBadRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`);
  }
  const gvk = { group: def.group, version: def.version, kind: def.kind };
  const typeErr = decodeTypeError(obj, gvk);
  if (typeErr) throw newBadRequest(typeErr);
  const warnings: string[] = [];
  const validation = q(req, 'fieldValidation') ?? 'Warn';
  if (validation !== 'Strict' && validation !== 'Warn' && validation !== 'Ignore') {
    throw newBadRequest(`fieldValidation parameter unsupported: ${validation}. Valid values are Strict, Warn, and Ignore`);
  }
  const unknown = unknownFields(obj, gvk);
  let out: KubeObject = { ...obj, apiVersion: expected, kind: def.kind };
  if (unknown.length > 0) {
    if (validation === 'Strict') throw newBadRequest(decodeErrorMessage(gvk, strictDecodingError(unknown)));
    if (validation === 'Warn') for (const p of unknown) warnings.push(unknownFieldWarning(p));
    out = pruneFields(out, unknown);
  }
  return { obj: out, warnings };
}
