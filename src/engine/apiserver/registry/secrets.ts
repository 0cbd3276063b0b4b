import type { Secret } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/object';
import { newBadRequest } from '../errors';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { deepEqual } from '../../api/deepEqual';
import { Base64Error, decodeBase64, encodeBase64, utf8Bytes } from './base64';
import { ImmutableErrorMsg, MaxSecretSize } from './configmaps';
import { FieldImmutableErrorMsg, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isConfigMapKey, nameIsDNSSubdomain } from '../validation/names';

// The Secret strategy of pkg/registry/core/secret/strategy.go with ValidateSecret and the v1
// conversion (pkg/apis/core/v1/conversion.go, v1.32): data is decoded from base64 (a bad value is
// a 400 decode error), stringData is merged into data and never stored, type defaults to Opaque.

type MutableSecret = { data?: Record<string, string>; stringData?: Record<string, string>; type?: string };

const asSecret = (o: KubeObject) => o as unknown as Secret;

// Decoding and re-encoding stores data canonically, as the apiserver's []byte round trip does.
function normalizeData(obj: KubeObject): void {
  const s = obj as unknown as MutableSecret;
  const data: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.data ?? {})) {
    let bytes: Uint8Array;
    try {
      bytes = decodeBase64(typeof v === 'string' ? v : '');
    } catch (e) {
      if (e instanceof Base64Error) throw newBadRequest(`Secret in version "v1" cannot be handled as a Secret: ${e.message}`);
      throw e;
    }
    data[k] = encodeBase64(bytes);
  }
  for (const [k, v] of Object.entries(s.stringData ?? {})) {
    data[k] = encodeBase64(utf8Bytes(String(v)));
  }
  delete s.stringData;
  if (Object.keys(data).length > 0) s.data = data;
  else delete s.data;
}

function decodedSize(s: Secret): number {
  let n = 0;
  for (const v of Object.values(s.data ?? {})) n += Math.floor((String(v).replace(/=+$/, '').length * 3) / 4);
  return n;
}

function validateSecret(s: Secret): FieldError[] {
  const errs = validateObjectMeta(s.metadata, true, nameIsDNSSubdomain);
  const data = s.data ?? {};
  for (const k of Object.keys(data)) for (const m of isConfigMapKey(k)) errs.push(fieldError.invalid(`data[${k}]`, k, m));
  if (decodedSize(s) > MaxSecretSize) errs.push(fieldError.tooLong('data', '', MaxSecretSize));
  const has = (k: string) => k in data;
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata?.annotations?.['kubernetes.io/service-account.name']) {
        errs.push(fieldError.required('metadata.annotations[kubernetes.io/service-account.name]'));
      }
      break;
    case 'kubernetes.io/dockercfg':
    case 'kubernetes.io/dockerconfigjson': {
      const key = s.type === 'kubernetes.io/dockercfg' ? '.dockercfg' : '.dockerconfigjson';
      if (!has(key)) errs.push(fieldError.required(`data[${key}]`));
      else if (!isJSONObject(data[key])) errs.push(fieldError.invalid(`data[${key}]`, '<secret contents redacted>', jsonError(data[key])));
      break;
    }
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) errs.push(fieldError.required('data[username]'), fieldError.required('data[password]'));
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(fieldError.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(fieldError.required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(fieldError.required('data[tls.key]'));
      break;
    default:
      break;
  }
  return errs;
}

function decodeText(b64: string): string {
  const bytes = decodeBase64(b64);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function isJSONObject(b64: string): boolean {
  try {
    const v: unknown = JSON.parse(decodeText(b64));
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

// Go's encoding/json words its errors differently from JSON.parse; the common ones are mapped.
function jsonError(b64: string): string {
  const text = decodeText(b64);
  if (text.trim() === '') return 'unexpected end of JSON input';
  try {
    const v: unknown = JSON.parse(text);
    const t = Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
    return `json: cannot unmarshal ${t} into Go value of type map[string]interface {}`;
  } catch {
    return 'invalid character in JSON input';
  }
}

/** secretsStrategy is the strategy of core/v1 secrets. */
export const secretsStrategy: ResourceStrategy = {
  def: Resources.secrets,
  defaults(obj) {
    normalizeData(obj);
    const s = obj as unknown as MutableSecret;
    s.type ||= 'Opaque';
  },
  validate: (obj) => validateSecret(asSecret(obj)),
  validateUpdate(obj, old) {
    const n = asSecret(obj);
    const o = asSecret(old);
    const errs = validateObjectMetaUpdate(n.metadata, o.metadata);
    if ((n.type ?? '') !== (o.type ?? '')) errs.push(fieldError.invalid('type', n.type ?? '', FieldImmutableErrorMsg));
    if (o.immutable) {
      if (!n.immutable) errs.push(fieldError.forbidden('immutable', ImmutableErrorMsg));
      if (!deepEqual(n.data ?? {}, o.data ?? {})) errs.push(fieldError.forbidden('data', ImmutableErrorMsg));
    }
    errs.push(...validateSecret(n));
    return errs;
  },
  fieldSelectors: { type: (o) => (o as unknown as Secret).type ?? '' },
};
