import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { certificateNotAfter, issueCertificate } from './certificate';
import { parseCertificateRequest } from './certificateRequest';
import { testCertificateRequest } from './certificateRequestTesting';
import { clusterCA } from './clusterCA';
import { pemBlocks } from './derReader';

describe('certificate requests and the certificates the cluster CA issues for them', () => {
  it('reads the subject and key of a PKCS#10 request, and refuses what is not one', () => {
    const { pem } = testCertificateRequest('jane', ['devs', 'ops'], 'a');
    const req = parseCertificateRequest(pemBlocks(pem)[0].der);
    expect([req.commonName, req.organizations, req.keyAlgorithm]).toEqual(['jane', ['devs', 'ops'], '1.2.840.10045.2.1']);
    expect(() => parseCertificateRequest(new Uint8Array([0x30, 0x05, 0x01]))).toThrow('asn1: syntax error: data truncated');
  });

  it('issues a client certificate Node verifies against the CA, with the request subject and key', () => {
    const { pem } = testCertificateRequest('jane', ['devs'], 'b');
    const req = parseCertificateRequest(pemBlocks(pem)[0].der);
    const ca = clusterCA(1);
    const now = Date.UTC(2026, 0, 1);
    const cert = new X509Certificate(
      issueCertificate(ca, { serial: new Uint8Array([1, 2, 3]), subject: req.subject, publicKeyInfo: req.publicKeyInfo, notBefore: now - 300_000, notAfter: now + 86_400_000, keyUsage: 0xa0, extKeyUsages: ['1.3.6.1.5.5.7.3.2'] }),
    );
    const issuer = new X509Certificate(ca.certPem);
    expect(cert.subject).toBe('O=devs\nCN=jane');
    expect(cert.checkIssued(issuer)).toBe(true);
    expect(cert.verify(issuer.publicKey)).toBe(true);
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(cert.ca).toBe(false);
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(86_400_000 + 300_000);
    expect(certificateNotAfter(cert.toString())).toBe(now + 86_400_000);
  });
});
