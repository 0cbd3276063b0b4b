import { goJson } from '../../api/goJson';

// Compact JWS (RFC 7515), enough for the service account tokens this API server issues and checks.
// JSON is written as Go's encoding/json writes the claim maps go-jose builds, keys sorted.

const utf8 = new TextEncoder();

/** base64Url encodes bytes as unpadded base64url. */
export function base64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i++) bin += String.fromCharCode(bytes[i]);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array | undefined {
  if (!/^[A-Za-z0-9_-]*$/.test(s) || s.length % 4 === 1) return undefined;
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (s.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** signJwt returns header.claims.signature, the signature made by sign over the first two parts. */
export function signJwt(header: Record<string, unknown>, claims: Record<string, unknown>, sign: (input: Uint8Array) => Uint8Array): string {
  const input = `${base64Url(utf8.encode(goJson(header)))}.${base64Url(utf8.encode(goJson(claims)))}`;
  return `${input}.${base64Url(sign(utf8.encode(input)))}`;
}

/** ParsedJwt is a compact JWS taken apart, its signature not yet checked. */
export interface ParsedJwt {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

/** parseJwt takes a compact JWS apart; undefined when it is not one (three base64url parts of JSON objects). */
export function parseJwt(token: string): ParsedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [h, c, s] = parts.map(fromBase64Url);
  if (!h || !c || !s) return undefined;
  try {
    const header = JSON.parse(new TextDecoder().decode(h));
    const claims = JSON.parse(new TextDecoder().decode(c));
    if (!isObject(header) || !isObject(claims)) return undefined;
    return { header, claims, signingInput: utf8.encode(`${parts[0]}.${parts[1]}`), signature: s };
  } catch {
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
