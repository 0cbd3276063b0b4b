import { X509Certificate } from 'node:crypto';
import type { CertificateSigningRequest } from 'kubernetes-types/certificates/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { decodeBase64 } from '../api/base64';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { testCertificateRequest } from '../crypto/certificateRequestTesting';
import { isDone } from './csrCleaner';

// CertificateSigningRequests through the API (validation, the requester, /approval) and the
// csrsigning controller that signs approved ones with the cluster CA.

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

function csr(name: string, request: string, extra: Partial<CertificateSigningRequest['spec']> = {}): CertificateSigningRequest {
  return { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name }, spec: { request: btoa(request), signerName: 'kubernetes.io/kube-apiserver-client', usages: ['client auth'], ...extra } };
}

async function approve(c: Cluster, name: string): Promise<void> {
  const current = await c.client.get<CertificateSigningRequest>(Resources.certificatesigningrequests, undefined, name);
  const conditions = [...(current.status?.conditions ?? []), { type: 'Approved', status: 'True', reason: 'KubectlApprove', message: 'This CSR was approved by kubectl certificate approve.' }];
  const res = await c.client.raw({ method: 'PUT', path: `/apis/certificates.k8s.io/v1/certificatesigningrequests/${name}/approval`, body: { ...current, status: { ...current.status, conditions } } });
  expect(res.status).toBe(200);
}

describe('CertificateSigningRequests', () => {
  it('deletes what is done with: issued, denied or failed an hour ago, pending a day, or expired', () => {
    const at = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const now = Date.UTC(2026, 0, 1) + 3 * 3_600_000;
    const req = (conditions: { type: string; lastUpdateTime: string }[], createdH = 0): CertificateSigningRequest => ({ metadata: { creationTimestamp: at(createdH) }, spec: { request: '', signerName: 'x/y' }, status: { conditions: conditions.map((c) => ({ ...c, status: 'True' })) } });
    expect(isDone(req([{ type: 'Denied', lastUpdateTime: at(1) }]), now)).toBe(true);
    expect(isDone(req([{ type: 'Denied', lastUpdateTime: at(2.5) }]), now)).toBe(false);
    expect(isDone(req([{ type: 'Approved', lastUpdateTime: at(1) }]), now)).toBe(false);
    expect(isDone(req([], 2), now)).toBe(false);
    expect(isDone(req([], -30), now)).toBe(true);
  });


  it('records the requester, waits Pending, and gets a CA-signed certificate once approved', async () => {
    cluster = new Cluster({ seed: 6, workers: 1, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
    await cluster.start();
    const c = cluster.client;
    const { pem } = testCertificateRequest('jane', ['devs'], 'jane');
    const created = await c.create<CertificateSigningRequest>(Resources.certificatesigningrequests, csr('jane', pem, { username: 'someone-else', expirationSeconds: 3600 }));
    expect(created.spec?.username).toBe('system:apiserver');
    await cluster.sim.advance(5_000);
    expect((await c.get<CertificateSigningRequest>(Resources.certificatesigningrequests, undefined, 'jane')).status?.certificate).toBeUndefined();
    await approve(cluster, 'jane');
    await cluster.sim.advance(5_000);
    const signed = await c.get<CertificateSigningRequest>(Resources.certificatesigningrequests, undefined, 'jane');
    expect(signed.status?.conditions?.map((x) => [x.type, x.reason])).toEqual([['Approved', 'KubectlApprove']]);
    const cert = new X509Certificate(decodeBase64(signed.status!.certificate!)!);
    expect(cert.subject).toBe('O=devs\nCN=jane');
    expect(cert.issuer).toBe('CN=kubernetes');
    // Valid for the hour asked, from five minutes before it was signed.
    expect(new Date(cert.validTo).getTime() - new Date(cert.validFrom).getTime()).toBe(3_600_000 + 300_000);
    // The cleaner, polling hourly, deletes an issued request an hour after its approval.
    await cluster.sim.advance(2 * 3_600_000);
    await expect(c.get(Resources.certificatesigningrequests, undefined, 'jane')).rejects.toThrow('certificatesigningrequests.certificates.k8s.io "jane" not found');
  });

  it("refuses what v1.32 refuses, and fails a request whose usages its signer does not allow", async () => {
    cluster = new Cluster({ seed: 6, workers: 1, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
    await cluster.start();
    const c = cluster.client;
    await expect(c.create(Resources.certificatesigningrequests, csr('bad', 'not a pem'))).rejects.toThrow(
      /^CertificateSigningRequest\.certificates\.k8s\.io "bad" is invalid: spec\.request: Invalid value: \[\]byte\{0x6e, 0x6f, .*\}: PEM block type must be CERTIFICATE REQUEST$/,
    );
    const { pem } = testCertificateRequest('jane', [], 'x');
    await expect(c.create(Resources.certificatesigningrequests, csr('short', pem, { expirationSeconds: 300, usages: [] }))).rejects.toThrow(
      'CertificateSigningRequest.certificates.k8s.io "short" is invalid: [spec.usages: Required value: usages must be provided, spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 600 seconds (10 minutes)]',
    );
    await c.create(Resources.certificatesigningrequests, csr('server', pem, { usages: ['server auth'] }));
    await approve(cluster, 'server');
    await cluster.sim.advance(5_000);
    const failed = await c.get<CertificateSigningRequest>(Resources.certificatesigningrequests, undefined, 'server');
    expect(failed.status?.conditions?.find((x) => x.type === 'Failed')).toMatchObject({ status: 'True', reason: 'SignerValidationFailure', message: 'invalid usage for client certificate: server auth' });
    expect(failed.status?.certificate).toBeUndefined();
  });
});
