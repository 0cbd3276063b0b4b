// Reading DER: one TLV at a time, with its header, so that parts of a structure (a Name, a
// SubjectPublicKeyInfo) can be copied into another byte for byte.

/** Tlv is one DER element: its tag, where its content lies, and where the whole element starts and ends. */
export interface Tlv {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** readTlv reads the element at offset; it throws on a truncated or indefinite-length element. */
export function readTlv(bytes: Uint8Array, offset: number): Tlv {
  if (offset + 2 > bytes.length) throw new Error('asn1: syntax error: data truncated');
  const tag = bytes[offset];
  let len = bytes[offset + 1];
  let contentStart = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new Error('asn1: syntax error: indefinite length found (not DER)');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[offset + 2 + i];
    contentStart += n;
  }
  const end = contentStart + len;
  if (end > bytes.length) throw new Error('asn1: syntax error: data truncated');
  return { tag, start: offset, contentStart, end };
}

/** children reads the elements inside a constructed element. */
export function children(bytes: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const t = readTlv(bytes, at);
    out.push(t);
    at = t.end;
  }
  return out;
}

/** oidString reads an OBJECT IDENTIFIER's content as dotted decimal. */
export function oidString(bytes: Uint8Array, t: Tlv): string {
  const parts: number[] = [];
  let v = 0;
  for (let i = t.contentStart; i < t.end; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) parts.push(Math.min(2, Math.floor(v / 40)), v - Math.min(2, Math.floor(v / 40)) * 40);
      else parts.push(v);
      v = 0;
    }
  }
  return parts.join('.');
}

/** pemBlocks reads the blocks of a PEM text: their labels and DER bytes. */
export function pemBlocks(text: string): { label: string; der: Uint8Array }[] {
  const out: { label: string; der: Uint8Array }[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const b64 = m[2].replace(/\s+/g, '');
    const bin = atob(b64);
    const der = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) der[i] = bin.charCodeAt(i);
    out.push({ label: m[1], der });
  }
  return out;
}
