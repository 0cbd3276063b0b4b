/**
 * keyDigest is a 53-bit digest of a string (two 32-bit multiply-xor lanes folded together). The
 * event correlator keys its caches by it rather than by the long strings client-go keys them by:
 * a cache entry then costs a number instead of a copy of source, object, reason and message, and
 * with at most a few thousand entries per cache a collision is a one in 10^9 event.
 */
export function keyDigest(s: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
