import { ecdsaSignatureDer, type ClusterCA } from './clusterCA';
import { bits, ecdsaWithSha256, explicit, extension, integer, oid, pem, seq, utcTime } from './der';
import { children, pemBlocks, readTlv } from './derReader';
import { bytesToBigInt } from './p256';
import { sha256 } from './sha256';

/** LeafCertificate is what a CA certifies: the subject and its key, for a time, for some uses. */
export interface LeafCertificate {
  serial: Uint8Array;
  subject: Uint8Array;
  publicKeyInfo: Uint8Array;
  notBefore: number;
  notAfter: number;
  /** keyUsage is the KeyUsage BIT STRING's first byte (0x80 digitalSignature, 0x20 keyEncipherment). */
  keyUsage: number;
  /** extKeyUsages are OIDs (clientAuth 1.3.6.1.5.5.7.3.2, serverAuth 1.3.6.1.5.5.7.3.1). */
  extKeyUsages: string[];
  extra?: Uint8Array[];
}

/** tbsCertificate is the to-be-signed part of an X.509 v3 leaf certificate issued by issuer. */
export function tbsCertificate(issuer: Uint8Array, c: LeafCertificate): Uint8Array {
  // DER's BIT STRING names its unused trailing bits: the zeros after the last usage set.
  const unused = c.keyUsage ? 31 - Math.clz32(c.keyUsage & -c.keyUsage) : 0;
  // Like Go's x509, a certificate with no key usage has no KeyUsage extension.
  const extensions = [
    ...(c.keyUsage ? [extension('2.5.29.15', true, bits(new Uint8Array([c.keyUsage]), unused))] : []),
    ...(c.extKeyUsages.length ? [extension('2.5.29.37', false, seq(...c.extKeyUsages.map(oid)))] : []),
    extension('2.5.29.19', true, seq()),
    ...(c.extra ?? []),
  ];
  return seq(explicit(0, integer(new Uint8Array([2]))), integer(c.serial), ecdsaWithSha256, issuer, seq(utcTime(c.notBefore), utcTime(c.notAfter)), c.subject, c.publicKeyInfo, explicit(3, seq(...extensions)));
}

/** issueCertificate has the cluster CA sign a leaf certificate, as kube-controller-manager's signers do; it returns PEM. */
export function issueCertificate(ca: ClusterCA, c: LeafCertificate): string {
  const tbs = tbsCertificate(ca.subject, c);
  return pem('CERTIFICATE', seq(tbs, ecdsaWithSha256, bits(ecdsaSignatureDer(bytesToBigInt(ca.key.d), sha256(tbs)))));
}

/** certificateNotAfter reads when a PEM certificate expires (its validity's notAfter, UTCTime or GeneralizedTime). */
export function certificateNotAfter(certPem: string): number {
  const block = pemBlocks(certPem).find((b) => b.label === 'CERTIFICATE');
  if (!block) return NaN;
  const bytes = block.der;
  const [tbs] = children(bytes, readTlv(bytes, 0));
  const fields = children(bytes, tbs);
  // An explicit [0] version comes first in a v3 certificate; validity is then the fifth field.
  const validity = fields[fields[0].tag === 0xa0 ? 4 : 3];
  const notAfter = children(bytes, validity)[1];
  const text = new TextDecoder().decode(bytes.subarray(notAfter.contentStart, notAfter.end));
  const m = notAfter.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return NaN;
  const year = notAfter.tag === 0x17 ? (Number(m[1]) < 50 ? 2000 : 1900) + Number(m[1]) : Number(m[1]);
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
