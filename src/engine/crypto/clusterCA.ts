import { bigIntToBytes, privateKeyFrom, publicKeyOf, sign } from './p256';
import { ascii, bits, bool, ecdsaWithSha256, explicit, extension, integer, name, oid, pem, seq, utcTime } from './der';
import { sha256 } from './sha256';

// The cluster CA: an ECDSA P-256 key derived from the simulation's seed and a self-signed X.509 v3
// certificate for it, as kubeadm makes `kubernetes` (ten years, CA:TRUE, certificate signing). Every
// component that needs it derives the same one from the seed, as they would read the same
// /etc/kubernetes/pki/ca.crt: the root CA publisher, the token controller and the HTTPS host.

/** ClusterCA is the CA's certificate (PEM and its subject's DER) and its key. */
export interface ClusterCA {
  certPem: string;
  subject: Uint8Array;
  /** key is the private scalar and public point, as big-endian bytes (a JWK's d, x and y). */
  key: { d: Uint8Array; x: Uint8Array; y: Uint8Array };
}

// kubeadm's CA lives ten years; the playground's is dated from a fixed day so that every seed's CA is one certificate.
const notBefore = Date.UTC(2025, 0, 1);
const notAfter = Date.UTC(2035, 0, 1);

const cache = new Map<string, ClusterCA>();

/** ecdsaSignatureDer signs a SHA-256 digest and encodes the signature as X.509 does: SEQUENCE { r, s }. */
export function ecdsaSignatureDer(d: bigint, digest: Uint8Array): Uint8Array {
  const rs = sign(d, digest);
  return seq(integer(rs.subarray(0, 32)), integer(rs.subarray(32)));
}

/** clusterCA is the cluster CA of a seed, made once. */
export function clusterCA(seed: number | string): ClusterCA {
  const id = String(seed);
  const known = cache.get(id);
  if (known) return known;
  const d = privateKeyFrom(new TextEncoder().encode(`cluster-ca/${id}`));
  const Q = publicKeyOf(d);
  const subject = name('kubernetes');
  const spki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bits(new Uint8Array([0x04, ...bigIntToBytes(Q.x), ...bigIntToBytes(Q.y)])));
  const serial = sha256(new TextEncoder().encode(`cluster-ca-serial/${id}`)).slice(0, 8);
  serial[0] &= 0x7f;
  // keyUsage digitalSignature, keyEncipherment, keyCertSign; basicConstraints CA:TRUE; SAN DNS:kubernetes.
  const extensions = seq(
    extension('2.5.29.15', true, bits(new Uint8Array([0xa4]), 2)),
    extension('2.5.29.19', true, seq(bool(true))),
    extension('2.5.29.17', false, seq(ascii(0x82, 'kubernetes'))),
  );
  const tbs = seq(explicit(0, integer(new Uint8Array([2]))), integer(serial), ecdsaWithSha256, subject, seq(utcTime(notBefore), utcTime(notAfter)), subject, spki, explicit(3, extensions));
  const cert = seq(tbs, ecdsaWithSha256, bits(ecdsaSignatureDer(d, sha256(tbs))));
  const ca: ClusterCA = { certPem: pem('CERTIFICATE', cert), subject, key: { d: bigIntToBytes(d), x: bigIntToBytes(Q.x), y: bigIntToBytes(Q.y) } };
  cache.set(id, ca);
  return ca;
}
