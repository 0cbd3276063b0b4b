/**
 * Rng is the engine's only source of randomness: a seeded sfc32 generator, so that the same
 * scenario and seed give the same cluster, event for event. Components take forks so that adding
 * randomness in one component does not shift the sequence another one sees.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    const h = hashSeed(String(seed));
    this.a = h[0];
    this.b = h[1];
    this.c = h[2];
    this.d = h[3];
    for (let i = 0; i < 12; i++) this.next();
  }

  /** next returns a uniform 32-bit unsigned integer. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** float returns a uniform number in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** int returns a uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** jitter returns base ± up to spread, never below zero. */
  jitter(base: number, spread: number): number {
    if (spread <= 0) return base;
    return Math.max(0, base + (this.float() * 2 - 1) * spread);
  }

  /** fork derives an independent generator for a named component. */
  fork(name: string): Rng {
    return new Rng(`${this.next()}:${name}`);
  }

  /** uuid returns an RFC 4122 version 4 UUID drawn from this generator (four draws, read as 32 hex digits). */
  uuid(): string {
    const a = this.next();
    const b = this.next();
    const c = this.next();
    const d = this.next();
    // Digit 13 is the version (4); digit 17 keeps two bits of its draw under the variant bits (10).
    const variant = hexDigits[((c >>> 28) & 0x3) | 0x8];
    return (
      `${byte(a, 24)}${byte(a, 16)}${byte(a, 8)}${byte(a, 0)}-${byte(b, 24)}${byte(b, 16)}-4${hexDigits[(b >>> 8) & 15]}${byte(b, 0)}-` +
      `${variant}${hexDigits[(c >>> 24) & 15]}${byte(c, 16)}-${byte(c, 8)}${byte(c, 0)}${byte(d, 24)}${byte(d, 16)}${byte(d, 8)}${byte(d, 0)}`
    );
  }

  /** suffix returns n characters of Kubernetes' generateName alphabet (bcdfghjklmnpqrstvwxz2456789). */
  suffix(n: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[this.int(alphabet.length)];
    return s;
  }
}

const hexDigits = '0123456789abcdef';
const hexBytes = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** byte is the two hex digits of bits shift+7..shift of n. */
function byte(n: number, shift: number): string {
  return hexBytes[(n >>> shift) & 255];
}

function hashSeed(s: string): [number, number, number, number] {
  // cyrb128: spreads any string over four 32-bit words.
  let h1 = 1779033703,
    h2 = 3144134277,
    h3 = 1013904242,
    h4 = 2773480762;
  for (let i = 0; i < s.length; i++) {
    const k = s.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}
