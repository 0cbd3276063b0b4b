// Go decodes a JSON string into []byte with base64.StdEncoding (padded, "\r" and "\n" skipped). Its
// error is base64.CorruptInputError, "illegal base64 data at input byte N", N a byte offset into the
// UTF-8 string (encoding/base64 decodeQuantum, Go 1.23). Secret data written as plain text ends here.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const isNewline = (b: number) => b === 0x0a || b === 0x0d;
const isAlphabet = (b: number) => b < 0x80 && alphabet.includes(String.fromCharCode(b));
const pad = 0x3d; // '='

/** utf8Bytes encodes s as UTF-8 (the engine has no TextEncoder: its lib is plain ES2022). */
export function utf8Bytes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

function corrupt(offset: number): string {
  return `illegal base64 data at input byte ${offset}`;
}

/** base64Error returns the error base64.StdEncoding.Decode gives for s, or undefined when it decodes. */
export function base64Error(s: string): string | undefined {
  const src = utf8Bytes(s);
  let si = 0;
  // Each pass is one decodeQuantum: up to four alphabet bytes, or fewer ended by padding.
  while (si < src.length) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return corrupt(si - j);
      }
      const b = src[si++];
      if (isAlphabet(b)) continue;
      if (isNewline(b)) {
        j--;
        continue;
      }
      if (b !== pad || j < 2) return corrupt(si - 1);
      if (j === 2) {
        // "==" is expected; the first "=" is consumed already.
        while (si < src.length && isNewline(src[si])) si++;
        if (si === src.length) return corrupt(src.length);
        if (src[si] !== pad) return corrupt(si - 1);
        si++;
      }
      while (si < src.length && isNewline(src[si])) si++;
      return si < src.length ? corrupt(si) : undefined;
    }
  }
  return undefined;
}
