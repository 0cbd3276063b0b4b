import { createHash, createPrivateKey, createPublicKey, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, onCurve, privateKeyFrom, publicKeyOf, sign, verify } from './p256';

const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

describe('ECDSA P-256', () => {
  const d = privateKeyFrom(new TextEncoder().encode('seed'));
  const Q = publicKeyOf(d);
  const jwk = { kty: 'EC', crv: 'P-256', x: b64u(bigIntToBytes(Q.x)), y: b64u(bigIntToBytes(Q.y)) };
  const publicKey = createPublicKey({ key: jwk, format: 'jwk' });
  const privateKey = createPrivateKey({ key: { ...jwk, d: b64u(bigIntToBytes(d)) }, format: 'jwk' });

  it('derives a key on the curve that Node accepts as a P-256 key pair', () => {
    expect(onCurve(Q)).toBe(true);
    expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it.each(['', 'a', 'header.claims'])('signs %j so that Node verifies it, and verifies what Node signs', (text) => {
    const message = Buffer.from(text);
    const digest = createHash('sha256').update(message).digest();
    const signature = sign(d, digest);
    expect(signature).toHaveLength(64);
    expect(nodeVerify('sha256', message, { key: publicKey, dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
    const theirs = nodeSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' });
    expect(verify(Q, digest, theirs)).toBe(true);
    const tampered = Uint8Array.from(theirs);
    tampered[10] ^= 1;
    expect(verify(Q, digest, tampered)).toBe(false);
    expect(verify(Q, createHash('sha256').update('other').digest(), theirs)).toBe(false);
  });
});
