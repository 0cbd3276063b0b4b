import { createPrivateKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { clusterCA } from '../../engine/crypto/clusterCA';
import { tbsCertificate } from '../../engine/crypto/certificate';
import { ascii, bits, der, ecdsaWithSha256, extension, name, pem, seq } from '../../engine/crypto/der';

// The certificates of --tls, as kubeadm lays them out: the cluster CA (the engine's, the one
// kube-root-ca.crt and token Secrets carry), the API server's serving certificate for 127.0.0.1
// and localhost, and the admin's client certificate (kubernetes-admin in kubeadm:cluster-admins),
// both signed by the CA. Leaf keys are ECDSA P-256, made by Node.

/** ClusterCertificates are PEM certificates with their PEM private keys. */
export interface ClusterCertificates {
  caCert: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
}

const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';
// keyUsage digitalSignature and keyEncipherment, as kubeadm's leaves have.
const leafKeyUsage = 0xa0;
const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');

/**
 * newClusterCertificates signs a year of serving and admin certificates, from an hour ago, with the
 * cluster CA of seed. Clients judge the serving certificate by their clock (now); the API server
 * judges client certificates by the simulated one (simNow).
 */
export function newClusterCertificates(seed: number | string, now = Date.now(), simNow = now): ClusterCertificates {
  const ca = clusterCA(seed);
  const caKey: KeyObject = createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(ca.key.d), x: b64u(ca.key.x), y: b64u(ca.key.y) }, format: 'jwk' });
  const leaf = (subject: Uint8Array, usage: string, extra: Uint8Array[], serial: number, from: number) => {
    const key = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const tbs = tbsCertificate(ca.subject, {
      serial: new Uint8Array([serial]),
      subject,
      publicKeyInfo: key.publicKey.export({ type: 'spki', format: 'der' }),
      notBefore: from - 3600_000,
      notAfter: from + 365 * 86_400_000,
      keyUsage: leafKeyUsage,
      extKeyUsages: [usage],
      extra,
    });
    const cert = seq(tbs, ecdsaWithSha256, bits(sign('sha256', tbs, caKey)));
    return { cert: pem('CERTIFICATE', cert), key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  };
  const subjectAltName = extension('2.5.29.17', false, seq(ascii(0x82, 'localhost'), der(0x87, new Uint8Array([127, 0, 0, 1]))));
  const serving = leaf(name('kube-apiserver'), serverAuth, [subjectAltName], 2, now);
  const admin = leaf(name('kubernetes-admin', ['kubeadm:cluster-admins']), clientAuth, [], 3, simNow);
  return { caCert: ca.certPem, servingCert: serving.cert, servingKey: serving.key, adminCert: admin.cert, adminKey: admin.key };
}
