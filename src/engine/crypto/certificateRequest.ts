import { children, oidString, readTlv } from './derReader';

/** CertificateRequest is what a PKCS#10 request (RFC 2986) asks for: a subject and a public key. */
export interface CertificateRequest {
  /** subject is the Name as DER, copied into the certificate as it is. */
  subject: Uint8Array;
  /** publicKeyInfo is the SubjectPublicKeyInfo as DER. */
  publicKeyInfo: Uint8Array;
  commonName: string;
  organizations: string[];
  /** keyAlgorithm is the public key's algorithm OID (RSA 1.2.840.113549.1.1.1, EC 1.2.840.10045.2.1, Ed25519 1.3.101.112). */
  keyAlgorithm: string;
}

const commonNameOid = '2.5.4.3';
const organizationOid = '2.5.4.10';

/** parseCertificateRequest reads a DER PKCS#10 request; it throws with asn1's words on what is not one. */
export function parseCertificateRequest(der: Uint8Array): CertificateRequest {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30 || top.end !== der.length) throw new Error('asn1: structure error: tags don\'t match');
  const [info] = children(der, top);
  if (!info || info.tag !== 0x30) throw new Error('asn1: structure error: tags don\'t match');
  const [version, subject, spki] = children(der, info);
  if (version?.tag !== 0x02 || subject?.tag !== 0x30 || spki?.tag !== 0x30) throw new Error('asn1: structure error: tags don\'t match');
  let commonName = '';
  const organizations: string[] = [];
  for (const rdn of children(der, subject)) {
    for (const atv of children(der, rdn)) {
      const [type, value] = children(der, atv);
      if (!type || !value) continue;
      const text = new TextDecoder().decode(der.subarray(value.contentStart, value.end));
      const id = oidString(der, type);
      if (id === commonNameOid) commonName = text;
      else if (id === organizationOid) organizations.push(text);
    }
  }
  const [algorithm] = children(der, spki);
  const [algOid] = algorithm ? children(der, algorithm) : [];
  return {
    subject: der.slice(subject.start, subject.end),
    publicKeyInfo: der.slice(spki.start, spki.end),
    commonName,
    organizations,
    keyAlgorithm: algOid ? oidString(der, algOid) : '',
  };
}
