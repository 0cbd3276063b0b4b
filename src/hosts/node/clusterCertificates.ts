import { generateKeyPairSync, type KeyObject, sign } from 'node:crypto';

// The certificates of --tls, as kubeadm lays them out for a cluster: a CA, the API server's serving
// certificate for 127.0.0.1 and localhost, and the admin's client certificate (kubernetes-admin in
// kubeadm:cluster-admins). Keys are ECDSA P-256; the X.509 v3 DER is written by hand, since Node
// signs but does not build certificates.

/** ClusterCertificates are PEM certificates with their PEM private keys. */
export interface ClusterCertificates {
  caCert: string;
  servingCert: string;
  servingKey: string;
  adminCert: string;
  adminKey: string;
}

// DER: tag, length, contents.
function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const body = Buffer.concat(parts);
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Buffer.from([tag, ...len]), body]);
}

const seq = (...parts: Uint8Array[]) => der(0x30, ...parts);
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const v of rest) {
    const groups = [v & 0x7f];
    for (let x = v >>> 7; x > 0; x >>>= 7) groups.unshift((x & 0x7f) | 0x80);
    bytes.push(...groups);
  }
  return der(0x06, Buffer.from(bytes));
};
const utf8 = (s: string) => der(0x0c, Buffer.from(s, 'utf8'));
const utcTime = (d: Date) => der(0x17, Buffer.from(`${d.toISOString().slice(2, 19).replace(/[-:T]/g, '')}Z`, 'ascii'));
const explicit = (n: number, inner: Uint8Array) => der(0xa0 + n, inner);
const octets = (inner: Uint8Array) => der(0x04, inner);
const bits = (inner: Uint8Array, unused = 0) => der(0x03, Buffer.from([unused]), inner);
const extension = (id: string, critical: boolean, value: Uint8Array) => seq(oid(id), ...(critical ? [der(0x01, Buffer.from([0xff]))] : []), octets(value));

/** name is a distinguished name: organizations (O) then the common name (CN). */
function name(commonName: string, organizations: string[] = []): Uint8Array {
  const rdn = (type: string, value: string) => der(0x31, seq(oid(type), utf8(value)));
  return seq(...organizations.map((o) => rdn('2.5.4.10', o)), rdn('2.5.4.3', commonName));
}

const ecdsaWithSha256 = seq(oid('1.2.840.10045.4.3.2'));
const serverAuth = '1.3.6.1.5.5.7.3.1';
const clientAuth = '1.3.6.1.5.5.7.3.2';
// keyUsage is a BIT STRING: digitalSignature (bit 0), keyEncipherment (2), keyCertSign (5).
const caKeyUsage = extension('2.5.29.15', true, bits(Buffer.from([0xa4]), 2));
const leafKeyUsage = extension('2.5.29.15', true, bits(Buffer.from([0xa0]), 5));
const isCA = extension('2.5.29.19', true, seq(der(0x01, Buffer.from([0xff]))));

interface CertSpec {
  subject: Uint8Array;
  publicKey: KeyObject;
  extensions: Uint8Array[];
  serial: number;
}

function certificate(spec: CertSpec, issuer: Uint8Array, issuerKey: KeyObject, now: Date): string {
  const tbs = seq(
    explicit(0, der(0x02, Buffer.from([2]))),
    der(0x02, Buffer.from([spec.serial])),
    ecdsaWithSha256,
    issuer,
    seq(utcTime(new Date(now.getTime() - 3600_000)), utcTime(new Date(now.getTime() + 365 * 86400_000))),
    spec.subject,
    spec.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...spec.extensions)),
  );
  const b64 = Buffer.from(seq(tbs, ecdsaWithSha256, bits(sign('sha256', tbs, issuerKey)))).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{1,64}/g, '$&\n')}-----END CERTIFICATE-----\n`;
}

const newKey = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

/** newClusterCertificates makes the CA and the certificates it signs, valid for a year from an hour ago. */
export function newClusterCertificates(now = new Date()): ClusterCertificates {
  const ca = newKey();
  const caName = name('kubernetes');
  const caCert = certificate({ subject: caName, publicKey: ca.publicKey, serial: 1, extensions: [caKeyUsage, isCA] }, caName, ca.privateKey, now);
  const leaf = (subject: Uint8Array, usage: string, extra: Uint8Array[], serial: number) => {
    const key = newKey();
    const extensions = [leafKeyUsage, extension('2.5.29.37', false, seq(oid(usage))), ...extra];
    const cert = certificate({ subject, publicKey: key.publicKey, serial, extensions }, caName, ca.privateKey, now);
    return { cert, key: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  };
  const subjectAltName = extension('2.5.29.17', false, seq(der(0x82, Buffer.from('localhost', 'ascii')), der(0x87, Buffer.from([127, 0, 0, 1]))));
  const serving = leaf(name('kube-apiserver'), serverAuth, [subjectAltName], 2);
  const admin = leaf(name('kubernetes-admin', ['kubeadm:cluster-admins']), clientAuth, [], 3);
  return { caCert, servingCert: serving.cert, servingKey: serving.key, adminCert: admin.cert, adminKey: admin.key };
}
