import type { PodTemplateSpec } from 'kubernetes-types/core/v1';

// ComputeHash as pkg/controller/controller_utils.go (v1.32) defines it: FNV-32a over the pod
// template, then the collision count, rendered through rand.SafeEncodeString. Upstream hashes
// go-spew's dump of the Go struct; we hash a canonical JSON rendering instead (sorted keys, empty
// values dropped), so values differ from upstream's but are deterministic and change only when
// the template does.

/** fnvOffset32 and fnvPrime32 are FNV's 32-bit parameters (hash/fnv), shared by FNV-1 and FNV-1a. */
const fnvOffset32 = 0x811c9dc5;
const fnvPrime32 = 0x01000193;

/** fnv32 folds bytes into an FNV-1 32-bit hash state (fnv.New32: multiply, then xor). */
export function fnv32(bytes: Uint8Array, h = fnvOffset32): number {
  for (let i = 0; i < bytes.length; i++) h = (Math.imul(h, fnvPrime32) ^ bytes[i]) >>> 0;
  return h >>> 0;
}

/** safeEncodeAlphabet is rand.SafeEncodeString's alphabet: no vowels, no 0/1/3 (no bad words). */
const safeEncodeAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

const encoder = new TextEncoder();

/** fnv32a folds bytes into an FNV-1a 32-bit hash state, starting from h. */
export function fnv32a(bytes: Uint8Array, h = fnvOffset32): number {
  for (let i = 0; i < bytes.length; i++) h = Math.imul(h ^ bytes[i], fnvPrime32) >>> 0;
  return h >>> 0;
}

/** safeEncodeString maps each byte of s into the safe alphabet, as k8s.io/apimachinery/pkg/util/rand does. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) out += safeEncodeAlphabet[s.charCodeAt(i) % safeEncodeAlphabet.length];
  return out;
}

/** computeHash is controller.ComputeHash: the pod-template-hash of a template and collision count. */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = fnv32a(encoder.encode(canonicalJson(template)));
  if (collisionCount !== undefined && collisionCount !== null) {
    // binary.LittleEndian.PutUint32 into an 8-byte buffer: the high four bytes stay zero.
    const b = new Uint8Array(8);
    new DataView(b.buffer).setUint32(0, collisionCount >>> 0, true);
    h = fnv32a(b, h);
  }
  return safeEncodeString(String(h));
}

/** canonicalJson renders v with sorted keys, leaving out null, undefined and empty lists and maps. */
export function canonicalJson(v: unknown): string {
  return render(v) ?? '';
}

function render(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (Array.isArray(v)) {
    if (v.length === 0) return undefined;
    return `[${v.map((x) => render(x) ?? 'null').join(',')}]`;
  }
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(o).sort()) {
      const r = render(o[k]);
      if (r !== undefined) parts.push(`${JSON.stringify(k)}:${r}`);
    }
    return parts.length ? `{${parts.join(',')}}` : undefined;
  }
  return JSON.stringify(v);
}
