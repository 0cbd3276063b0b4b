import { base64Url } from './jwt';
import { type Affine, bigIntToBytes, privateKeyFrom, publicKeyOf, sign, verify } from '../../crypto/p256';
import { sha256 } from '../../crypto/sha256';

// The service-account key pair: an ECDSA P-256 key (a --service-account-key-file holding an EC
// key makes tokens ES256), derived from the simulation's seed so that the same scenario issues the
// same tokens. Its public half is what /openid/v1/jwks publishes.

/** ServiceAccountKey is the signing key with its public key and key ID. */
export interface ServiceAccountKey {
  kid: string;
  publicKey: Affine;
  sign(input: Uint8Array): Uint8Array;
  /** verifies checks a token's signature over its input; tokens that verified once are remembered. */
  verifies(token: string, input: Uint8Array, signature: Uint8Array): boolean;
}

// Checking a signature takes milliseconds, and a client sends its token with every request: as the
// apiserver caches token authentications, a good signature is checked once (the claims, each time).
const maxVerified = 1024;

// The DER of a SubjectPublicKeyInfo for P-256 up to the point: SEQUENCE { SEQUENCE { id-ecPublicKey,
// prime256v1 }, BIT STRING { uncompressed point } }.
const spkiPrefix = [0x30, 0x59, 0x30, 0x13, 0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01, 0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07, 0x03, 0x42, 0x00, 0x04];

const keys = new Map<string, ServiceAccountKey>();

/** serviceAccountKey is the cluster's key for a seed, made once. */
export function serviceAccountKey(seed: number | string): ServiceAccountKey {
  const id = String(seed);
  let key = keys.get(id);
  if (key) return key;
  const d = privateKeyFrom(new TextEncoder().encode(`service-account-key/${id}`));
  const publicKey = publicKeyOf(d);
  // keyIDFromPublicKey: the SHA-256 of the PKIX DER of the public key, base64url.
  const der = new Uint8Array([...spkiPrefix, ...bigIntToBytes(publicKey.x), ...bigIntToBytes(publicKey.y)]);
  const verified = new Set<string>();
  key = {
    kid: base64Url(sha256(der)),
    publicKey,
    sign: (input) => sign(d, sha256(input)),
    verifies: (token, input, signature) => {
      if (verified.has(token)) return true;
      if (!verify(publicKey, sha256(input), signature)) return false;
      if (verified.size >= maxVerified) verified.clear();
      verified.add(token);
      return true;
    },
  };
  keys.set(id, key);
  return key;
}

/** publicJwk is the key as a JSON Web Key, in the member order go-jose writes. */
export function publicJwk(key: ServiceAccountKey): Record<string, string> {
  return { use: 'sig', kty: 'EC', kid: key.kid, crv: 'P-256', alg: 'ES256', x: base64Url(bigIntToBytes(key.publicKey.x)), y: base64Url(bigIntToBytes(key.publicKey.y)) };
}
