// DER (X.690) encoding, enough to write X.509 certificates: tag-length-value with the few types a
// certificate uses. Plain TypeScript: the engine writes the cluster CA, the Node host its leaves.

/** der encodes one element: tag, length, contents. */
export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const n = parts.reduce((sum, p) => sum + p.length, 0);
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  const out = new Uint8Array(1 + len.length + n);
  out.set([tag, ...len]);
  let at = 1 + len.length;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const seq = (...parts: Uint8Array[]) => der(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => der(0x31, ...parts);
export const explicit = (n: number, inner: Uint8Array) => der(0xa0 + n, inner);
export const octets = (inner: Uint8Array) => der(0x04, inner);
export const bits = (inner: Uint8Array, unused = 0) => der(0x03, new Uint8Array([unused]), inner);
export const bool = (v: boolean) => der(0x01, new Uint8Array([v ? 0xff : 0]));
export const utf8 = (s: string) => der(0x0c, new TextEncoder().encode(s));
export const ascii = (tag: number, s: string) => der(tag, new TextEncoder().encode(s));

/** integer encodes a non-negative big-endian magnitude as a DER INTEGER (minimal, with a sign byte when needed). */
export function integer(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const body = magnitude.subarray(i);
  return der(0x02, ...(body[0] & 0x80 ? [new Uint8Array([0]), body] : [body]));
}

/** oid encodes a dotted object identifier. */
export function oid(dotted: string): Uint8Array {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const groups = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) groups.unshift((x & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, new Uint8Array(bytes));
}

/** utcTime encodes a time before 2050 as UTCTime (YYMMDDHHMMSSZ). */
export function utcTime(ms: number): Uint8Array {
  return ascii(0x17, `${new Date(ms).toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`);
}

/** extension is one X.509 v3 Extension: its OID, whether it is critical, and its DER value. */
export function extension(id: string, critical: boolean, value: Uint8Array): Uint8Array {
  return seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
}

/** name is a distinguished name: organizations (O) then the common name (CN). */
export function name(commonName: string, organizations: string[] = []): Uint8Array {
  const rdn = (type: string, value: string) => set(seq(oid(type), utf8(value)));
  return seq(...organizations.map((o) => rdn('2.5.4.10', o)), rdn('2.5.4.3', commonName));
}

/** pem wraps DER in a PEM block of the given label, 64 characters a line. */
export function pem(label: string, body: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < body.length; i++) bin += String.fromCharCode(body[i]);
  return `-----BEGIN ${label}-----\n${btoa(bin).replace(/.{1,64}/g, '$&\n')}-----END ${label}-----\n`;
}

/** ecdsaWithSha256 is the AlgorithmIdentifier of ES256 signatures in certificates. */
export const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
