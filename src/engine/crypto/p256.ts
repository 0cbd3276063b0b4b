import { hmacSha256 } from './sha256';

// ECDSA over NIST P-256 (FIPS 186-4) with BigInt, synchronous and in plain TypeScript: it signs the
// ES256 service account tokens (as a v1.32 kube-apiserver given an EC service-account key does;
// anyone can check them against the key /openid/v1/jwks publishes) and the cluster CA.

const p = 0xffffffff00000001000000000000000000000000ffffffffffffffffffffffffn;
const n = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;
const b = 0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604bn;
const G: Affine = {
  x: 0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296n,
  y: 0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5n,
};

/** Affine is a curve point (x, y). */
export interface Affine {
  x: bigint;
  y: bigint;
}

// Jacobian (X, Y, Z) stands for (X/Z², Y/Z³); Z = 0 is the point at infinity.
interface Jacobian {
  x: bigint;
  y: bigint;
  z: bigint;
}

const mod = (a: bigint, m: bigint) => {
  const r = a % m;
  return r < 0n ? r + m : r;
};

function invert(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return mod(s0, m);
}

// dbl-2001-b, for a = -3.
function double(P: Jacobian): Jacobian {
  if (P.z === 0n || P.y === 0n) return { x: 0n, y: 1n, z: 0n };
  const delta = mod(P.z * P.z, p);
  const gamma = mod(P.y * P.y, p);
  const beta = mod(P.x * gamma, p);
  const alpha = mod(3n * (P.x - delta) * (P.x + delta), p);
  const x = mod(alpha * alpha - 8n * beta, p);
  const z = mod((P.y + P.z) * (P.y + P.z) - gamma - delta, p);
  const y = mod(alpha * (4n * beta - x) - 8n * gamma * gamma, p);
  return { x, y, z };
}

// add-2007-bl.
function add(P: Jacobian, Q: Jacobian): Jacobian {
  if (P.z === 0n) return Q;
  if (Q.z === 0n) return P;
  const z1z1 = mod(P.z * P.z, p);
  const z2z2 = mod(Q.z * Q.z, p);
  const u1 = mod(P.x * z2z2, p);
  const u2 = mod(Q.x * z1z1, p);
  const s1 = mod(P.y * Q.z * z2z2, p);
  const s2 = mod(Q.y * P.z * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(P) : { x: 0n, y: 1n, z: 0n };
  const h = mod(u2 - u1, p);
  const i = mod(4n * h * h, p);
  const j = mod(h * i, p);
  const r = mod(2n * (s2 - s1), p);
  const v = mod(u1 * i, p);
  const x = mod(r * r - j - 2n * v, p);
  const y = mod(r * (v - x) - 2n * s1 * j, p);
  const z = mod(((P.z + Q.z) * (P.z + Q.z) - z1z1 - z2z2) * h, p);
  return { x, y, z };
}

function multiply(k: bigint, P: Affine): Jacobian {
  let R: Jacobian = { x: 0n, y: 1n, z: 0n };
  const base: Jacobian = { x: P.x, y: P.y, z: 1n };
  for (let i = BigInt(k.toString(2).length - 1); i >= 0n; i--) {
    R = double(R);
    if ((k >> i) & 1n) R = add(R, base);
  }
  return R;
}

function toAffine(P: Jacobian): Affine | undefined {
  if (P.z === 0n) return undefined;
  const zi = invert(P.z, p);
  const zi2 = mod(zi * zi, p);
  return { x: mod(P.x * zi2, p), y: mod(P.y * zi2 * zi, p) };
}

/** bytesToBigInt reads big-endian bytes. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  let v = 0n;
  for (const x of bytes) v = (v << 8n) | BigInt(x);
  return v;
}

/** bigIntToBytes writes v as len big-endian bytes. */
export function bigIntToBytes(v: bigint, len = 32): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = len - 1; i >= 0; i--, v >>= 8n) out[i] = Number(v & 0xffn);
  return out;
}

/** privateKeyFrom derives a private scalar in [1, n-1] from seed bytes. */
export function privateKeyFrom(seed: Uint8Array): bigint {
  return mod(bytesToBigInt(hmacSha256(seed, new TextEncoder().encode('p256 private key'))), n - 1n) + 1n;
}

/** publicKeyOf is d·G. */
export function publicKeyOf(d: bigint): Affine {
  return toAffine(multiply(d, G))!;
}

/**
 * sign returns the ES256 signature of a SHA-256 digest, r and s as 32 bytes each (RFC 7518 §3.4).
 * The nonce is derived from the key and the digest, so a signature is reproducible; verifiers
 * accept any nonce.
 */
export function sign(d: bigint, digest: Uint8Array): Uint8Array {
  const e = mod(bytesToBigInt(digest), n);
  for (let counter = 0; ; counter++) {
    const k = mod(bytesToBigInt(hmacSha256(bigIntToBytes(d), new Uint8Array([...digest, counter]))), n);
    if (k === 0n) continue;
    const R = toAffine(multiply(k, G))!;
    const r = mod(R.x, n);
    if (r === 0n) continue;
    const s = mod(invert(k, n) * (e + r * d), n);
    if (s === 0n) continue;
    const out = new Uint8Array(64);
    out.set(bigIntToBytes(r), 0);
    out.set(bigIntToBytes(s), 32);
    return out;
  }
}

/** verify checks an ES256 signature (r ‖ s) of a SHA-256 digest against public key Q. */
export function verify(Q: Affine, digest: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64) return false;
  const r = bytesToBigInt(signature.subarray(0, 32));
  const s = bytesToBigInt(signature.subarray(32));
  if (r <= 0n || r >= n || s <= 0n || s >= n) return false;
  const e = mod(bytesToBigInt(digest), n);
  const w = invert(s, n);
  const X = toAffine(add(multiply(mod(e * w, n), G), multiply(mod(r * w, n), Q)));
  return X !== undefined && mod(X.x, n) === r;
}

/** onCurve checks y² = x³ - 3x + b. */
export function onCurve(P: Affine): boolean {
  return mod(P.y * P.y - (P.x * P.x * P.x - 3n * P.x + b), p) === 0n;
}
