import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrivateKey } from 'node:crypto';
import { testCertificateRequest } from '../../../engine/crypto/certificateRequestTesting';
import { kubectlPath, startHarness, type Harness } from './kubectlHarness';

// Under --tls the server is reached as a kubeadm cluster is: HTTPS signed by the cluster CA, the
// admin's client certificate in the kubeconfig, and service account tokens, which kubectl sends
// over HTTPS only.

describe.skipIf(!kubectlPath)('real kubectl v1.32 over HTTPS: client certificates and service account tokens', () => {
  let h: Harness;
  /** withToken runs kubectl with no credentials but the token, trusting the cluster CA. */
  const withToken = (token: string, ...args: string[]) =>
    h.kubectl(['--kubeconfig', '/dev/null', '--server', h.url, '--certificate-authority', h.caFile!, '--token', token, ...args]);

  beforeAll(async () => {
    h = await startHarness(['--tls']);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('trusts the server through the kubeconfig and is kubernetes-admin by its client certificate', async () => {
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(await h.run('get', 'namespace', 'default', '-o', 'name')).toBe('namespace/default\n');
    expect(await h.run('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}')).toBe(
      'kubernetes-admin ["kubeadm:cluster-admins","system:authenticated"]',
    );
  });

  it('a token from create token authenticates as its service account until it expires', async () => {
    const token = (await h.run('create', 'token', 'default', '--duration', '10m')).trim();
    const me = await withToken(token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}');
    expect(me.stdout, me.stderr).toBe('system:serviceaccount:default:default ["system:serviceaccounts","system:serviceaccounts:default","system:authenticated"]');
    expect((await withToken(token, 'get', 'pods', '-n', 'kube-system', '-o', 'name')).stdout).toContain('pod/etcd-control-plane\n');
    await h.advance(11 * 60 + 1);
    expect((await withToken(token, 'get', 'pods')).stderr).toContain('error: You must be logged in to the server (Unauthorized)\n');
  });

  it("trusts the server with the CA a pod reads from kube-root-ca.crt, as in-cluster clients do", async () => {
    const caFile = join(mkdtempSync(join(tmpdir(), 'kube-root-ca-')), 'ca.crt');
    writeFileSync(caFile, await h.run('get', 'configmap', 'kube-root-ca.crt', '-o', 'jsonpath={.data.ca\\.crt}'));
    const token = (await h.run('create', 'token', 'default')).trim();
    const r = await h.kubectl(['--kubeconfig', '/dev/null', '--server', h.url, '--certificate-authority', caFile, '--token', token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}']);
    expect(r.stdout, r.stderr).toBe('system:serviceaccount:default:default');
  });

  it('refuses a token it did not issue, and one whose service account is gone', async () => {
    expect((await withToken('not-a-token', 'get', 'pods')).stderr).toContain('error: You must be logged in to the server (Unauthorized)\n');
    await h.run('create', 'serviceaccount', 'ci');
    const token = (await h.run('create', 'token', 'ci')).trim();
    expect((await withToken(token, 'get', 'pods', '-o', 'name')).stderr).toBe('');
    await h.run('delete', 'serviceaccount', 'ci');
    expect((await withToken(token, 'get', 'pods')).stderr).toContain('error: You must be logged in to the server (Unauthorized)\n');
  });
});

describe.skipIf(!kubectlPath)('real kubectl v1.32 against --authorization-mode=Node,RBAC', () => {
  let h: Harness;
  const withToken = (token: string, ...args: string[]) =>
    h.kubectl(['--kubeconfig', '/dev/null', '--server', h.url, '--certificate-authority', h.caFile!, '--token', token, ...args]);

  beforeAll(async () => {
    h = await startHarness(['--tls', '--authorization-mode', 'Node,RBAC']);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lets the admin do anything through kubeadm:cluster-admins, and a service account nothing it is not bound to', async () => {
    expect(await h.run('auth', 'can-i', 'delete', 'nodes')).toBe('yes\n');
    const token = (await h.run('create', 'token', 'default')).trim();
    const refused = await withToken(token, 'get', 'pods');
    expect(refused.stderr).toBe(
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"\n',
    );
    expect((await h.kubectl(['auth', 'can-i', 'list', 'pods', '--as', 'system:serviceaccount:default:default'])).stdout).toBe('no\n');
    // The service account may still ask who it is and what it may do (system:basic-user).
    expect((await withToken(token, 'auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}')).stdout).toBe('system:serviceaccount:default:default');
  });

  it('grants what a RoleBinding to the view ClusterRole grants, which aggregation filled', async () => {
    await h.until(async () => (await h.run('get', 'clusterrole', 'view', '-o', 'jsonpath={.rules[*].resources}')).includes('pods'));
    expect(await h.run('create', 'rolebinding', 'sa-view', '--clusterrole=view', '--serviceaccount=default:default')).toBe('rolebinding.rbac.authorization.k8s.io/sa-view created\n');
    const token = (await h.run('create', 'token', 'default')).trim();
    const listed = await withToken(token, 'get', 'pods', '-o', 'name');
    expect(listed.stderr).toBe('');
    expect((await withToken(token, 'delete', 'pod', 'x')).stderr).toBe(
      'Error from server (Forbidden): pods "x" is forbidden: User "system:serviceaccount:default:default" cannot delete resource "pods" in API group "" in the namespace "default"\n',
    );
    expect((await h.kubectl(['auth', 'can-i', 'watch', 'deployments.apps', '--as', 'system:serviceaccount:default:default'])).stdout).toBe('yes\n');
    expect((await h.kubectl(['auth', 'can-i', 'list', 'pods', '-n', 'kube-system', '--as', 'system:serviceaccount:default:default'])).stdout).toBe('no\n');
  });

  it("makes a user as the docs' Certificate Signing Requests page does: request, approve, sign, bind", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csr-user-'));
    const { pem, key } = testCertificateRequest('myuser', ['devs'], 'myuser');
    const b64u = (b: Uint8Array) => Buffer.from(b).toString('base64url');
    const keyFile = join(dir, 'myuser.key');
    writeFileSync(keyFile, createPrivateKey({ key: { kty: 'EC', crv: 'P-256', d: b64u(key.d), x: b64u(key.x), y: b64u(key.y) }, format: 'jwk' }).export({ type: 'pkcs8', format: 'pem' }));
    const manifest = `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata:
  name: myuser
spec:
  request: ${Buffer.from(pem).toString('base64')}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages:
  - client auth
`;
    expect((await h.kubectl(['apply', '-f', '-'], manifest)).stdout).toBe('certificatesigningrequest.certificates.k8s.io/myuser created\n');
    expect(await h.run('get', 'csr', 'myuser', '--no-headers')).toMatch(/^myuser\s+\d+s\s+kubernetes\.io\/kube-apiserver-client\s+kubernetes-admin\s+24h\s+Pending\n$/);
    expect(await h.run('certificate', 'approve', 'myuser')).toBe('certificatesigningrequest.certificates.k8s.io/myuser approved\n');
    await h.advance(2);
    expect(await h.run('get', 'csr', 'myuser', '-o', 'jsonpath={.status.conditions[0].type}')).toBe('Approved');
    const certFile = join(dir, 'myuser.crt');
    writeFileSync(certFile, Buffer.from(await h.run('get', 'csr', 'myuser', '-o', 'jsonpath={.status.certificate}'), 'base64'));
    const asUser = (...args: string[]) => h.kubectl(['--kubeconfig', '/dev/null', '--server', h.url, '--certificate-authority', h.caFile!, '--client-certificate', certFile, '--client-key', keyFile, ...args]);
    expect((await asUser('auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username} {.status.userInfo.groups}')).stdout).toBe('myuser ["devs","system:authenticated"]');
    expect((await asUser('get', 'pods')).stderr).toBe('Error from server (Forbidden): pods is forbidden: User "myuser" cannot list resource "pods" in API group "" in the namespace "default"\n');
    await h.run('create', 'role', 'developer', '--verb=create,get,list,update,delete', '--resource=pods');
    await h.run('create', 'rolebinding', 'developer-binding-myuser', '--role=developer', '--user=myuser');
    const listed = await asUser('get', 'pods', '-n', 'default');
    expect([listed.code, listed.stderr]).toEqual([0, 'No resources found in default namespace.\n']);
  });
});
