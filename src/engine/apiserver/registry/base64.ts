// Base64 as Go's encoding/base64 StdEncoding does it, for []byte fields (Secret data, ConfigMap
// binaryData): decoding reports the byte offset Go reports ("illegal base64 data at input byte 4").

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const decodeMap = new Int16Array(256).fill(-1);
for (let i = 0; i < alphabet.length; i++) decodeMap[alphabet.charCodeAt(i)] = i;

/** Base64Error is base64.CorruptInputError. */
export class Base64Error extends Error {
  constructor(readonly offset: number) {
    super(`illegal base64 data at input byte ${offset}`);
  }
}

/** decodeBase64 returns the bytes of a StdEncoding string, or throws Base64Error. Newlines are skipped. */
export function decodeBase64(src: string): Uint8Array {
  const out: number[] = [];
  let si = 0;
  const n = src.length;
  const isNL = (c: number) => c === 10 || c === 13;
  while (si < n) {
    const buf = [0, 0, 0, 0];
    let dlen = 4;
    let j = 0;
    for (; j < 4; j++) {
      if (si === n) {
        if (j === 0) return Uint8Array.from(out);
        throw new Base64Error(si - j);
      }
      const c = src.charCodeAt(si++);
      const v = c < 256 ? decodeMap[c] : -1;
      if (v >= 0) {
        buf[j] = v;
        continue;
      }
      if (isNL(c)) {
        j--;
        continue;
      }
      if (c !== 61) throw new Base64Error(si - 1);
      // Padding: "==" after two symbols, "=" after three; anything else is corrupt.
      if (j < 2) throw new Base64Error(si - 1);
      if (j === 2) {
        while (si < n && isNL(src.charCodeAt(si))) si++;
        if (si === n) throw new Base64Error(n);
        if (src.charCodeAt(si) !== 61) throw new Base64Error(si - 1);
        si++;
      }
      while (si < n && isNL(src.charCodeAt(si))) si++;
      if (si < n) throw new Base64Error(si);
      dlen = j;
      break;
    }
    const val = (buf[0] << 18) | (buf[1] << 12) | (buf[2] << 6) | buf[3];
    const bytes = [(val >> 16) & 255, (val >> 8) & 255, val & 255];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
  }
  return Uint8Array.from(out);
}

/** encodeBase64 renders bytes with StdEncoding. */
export function encodeBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i];
    const b1 = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const b2 = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const v = (b0 << 16) | (b1 << 8) | b2;
    s += alphabet[(v >> 18) & 63] + alphabet[(v >> 12) & 63];
    s += i + 1 < bytes.length ? alphabet[(v >> 6) & 63] : '=';
    s += i + 2 < bytes.length ? alphabet[v & 63] : '=';
  }
  return s;
}

/** utf8Bytes encodes a string as UTF-8 (what Go's []byte(string) holds). */
export function utf8Bytes(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}
