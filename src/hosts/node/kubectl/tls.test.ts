import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('refuses a token it did not issue, and one whose service account is gone', async () => {
    expect((await withToken('not-a-token', 'get', 'pods')).stderr).toContain('error: You must be logged in to the server (Unauthorized)\n');
    await h.run('create', 'serviceaccount', 'ci');
    const token = (await h.run('create', 'token', 'ci')).trim();
    expect((await withToken(token, 'get', 'pods', '-o', 'name')).stderr).toBe('');
    await h.run('delete', 'serviceaccount', 'ci');
    expect((await withToken(token, 'get', 'pods')).stderr).toContain('error: You must be logged in to the server (Unauthorized)\n');
  });
});
