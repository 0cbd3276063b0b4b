import { ecdsaSignatureDer } from './clusterCA';
import { bigIntToBytes, privateKeyFrom, publicKeyOf } from './p256';
import { bits, der, ecdsaWithSha256, integer, name, oid, pem, seq } from './der';
import { sha256 } from './sha256';

/**
 * testCertificateRequest makes what `openssl req -new` makes for tests: a PKCS#10 request for
 * CN=commonName, O=organizations, with an ECDSA P-256 key derived from seed (returned as JWK parts).
 */
export function testCertificateRequest(commonName: string, organizations: string[], seed: string) {
  const d = privateKeyFrom(new TextEncoder().encode(`test-csr/${seed}`));
  const Q = publicKeyOf(d);
  const spki = seq(seq(oid('1.2.840.10045.2.1'), oid('1.2.840.10045.3.1.7')), bits(new Uint8Array([0x04, ...bigIntToBytes(Q.x), ...bigIntToBytes(Q.y)])));
  const info = seq(integer(new Uint8Array([0])), name(commonName, organizations), spki, der(0xa0));
  const request = seq(info, ecdsaWithSha256, bits(ecdsaSignatureDer(d, sha256(info))));
  return { pem: pem('CERTIFICATE REQUEST', request), key: { d: bigIntToBytes(d), x: bigIntToBytes(Q.x), y: bigIntToBytes(Q.y) } };
}
