import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { clusterCA } from './clusterCA';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('clusterCA', () => {
  it('is a self-signed CA certificate for "kubernetes" that Node parses and verifies', () => {
    const ca = clusterCA(42);
    const cert = new X509Certificate(ca.certPem);
    expect(cert.subject).toBe('CN=kubernetes');
    expect(cert.issuer).toBe('CN=kubernetes');
    expect(cert.ca).toBe(true);
    expect(cert.subjectAltName).toBe('DNS:kubernetes');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBeGreaterThan(9 * 365 * 86_400_000);
  });

  it('hands out the key of its certificate, the same for the same seed', () => {
    const ca = clusterCA(42);
    const key = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(ca.key.d), x: b64u(ca.key.x), y: b64u(ca.key.y) }, format: 'jwk' });
    expect(createPublicKey(key).export({ format: 'der', type: 'spki' })).toEqual(new X509Certificate(ca.certPem).publicKey.export({ format: 'der', type: 'spki' }));
    expect(clusterCA(42).certPem).toBe(ca.certPem);
    expect(clusterCA(43).certPem).not.toBe(ca.certPem);
  });
});
