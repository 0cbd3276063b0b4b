/**
 * hexDigest derives n lowercase hex characters from a string: the stand-in for the sha256 digests,
 * container IDs and machine IDs a real node would report. The same input always gives the same
 * digest, so an image has one imageID across every node and every run.
 */
export function hexDigest(input: string, n = 64): string {
  let out = '';
  for (let round = 0; out.length < n; round++) {
    let h1 = 0x811c9dc5 ^ round;
    let h2 = 0x01000193 + round * 0x9e3779b1;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b) ^ h2;
    h2 = Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35) ^ h1;
    out += (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, n);
}

/** hashFraction maps a string to a stable number in [0, 1), for deterministic per-object variation. */
export function hashFraction(input: string): number {
  return parseInt(hexDigest(input, 8), 16) / 0x100000000;
}
