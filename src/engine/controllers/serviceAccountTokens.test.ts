import type { Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../api/base64';
import { Resources } from '../apiserver/registry/resources';
import { clusterCA } from '../crypto/clusterCA';
import { TokensController } from './serviceAccountTokens';
import { newControllerFixture } from './util/recordingClient';

const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build-robot', namespace: 'default', uid: 'sa-uid', resourceVersion: '3' } };
const tokenSecret = (annotations: Record<string, string>, data?: Record<string, string>): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'kubernetes.io/service-account-token',
  metadata: { name: 'build-robot-secret', namespace: 'default', uid: 'secret-uid', resourceVersion: '4', annotations },
  data,
});

function setup(secret: Secret, ...sas: ServiceAccount[]) {
  const fx = newControllerFixture();
  const c = new TokensController(fx.ctx);
  fx.add(Resources.serviceaccounts, ...sas);
  fx.add(Resources.secrets, secret);
  return { fx, c };
}

describe('TokensController.sync', () => {
  it("fills a token Secret with a Secret-based token, the cluster CA and the namespace, and stamps the ServiceAccount's uid", async () => {
    const { fx, c } = setup(tokenSecret({ 'kubernetes.io/service-account.name': 'build-robot' }), sa);
    await c.sync('Secret/default/build-robot-secret');
    expect(fx.transport.writes).toHaveLength(1);
    const written = fx.transport.writes[0].body as Secret;
    expect(written.metadata?.annotations).toEqual({ 'kubernetes.io/service-account.name': 'build-robot', 'kubernetes.io/service-account.uid': 'sa-uid' });
    expect(decodeBase64(written.data!.namespace)).toBe('default');
    expect(decodeBase64(written.data!['ca.crt'])).toBe(clusterCA(fx.ctx.sim.seed).certPem);
    const claims = JSON.parse(atob(decodeBase64(written.data!.token)!.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    expect(claims).toEqual({
      iss: 'kubernetes/serviceaccount',
      'kubernetes.io/serviceaccount/namespace': 'default',
      'kubernetes.io/serviceaccount/secret.name': 'build-robot-secret',
      'kubernetes.io/serviceaccount/service-account.name': 'build-robot',
      'kubernetes.io/serviceaccount/service-account.uid': 'sa-uid',
      sub: 'system:serviceaccount:default:build-robot',
    });
  });

  it('leaves a filled Secret alone', async () => {
    const { fx, c } = setup(tokenSecret({ 'kubernetes.io/service-account.name': 'build-robot' }), sa);
    await c.sync('Secret/default/build-robot-secret');
    const filled = fx.transport.writes[0].body as Secret;
    const again = setup({ ...filled, metadata: { ...filled.metadata, resourceVersion: '5' } }, sa);
    await again.c.sync('Secret/default/build-robot-secret');
    expect(again.fx.transport.writes).toEqual([]);
  });

  it('deletes a token Secret whose ServiceAccount does not exist or is another of that name, and those of a deleted ServiceAccount', async () => {
    const missing = setup(tokenSecret({ 'kubernetes.io/service-account.name': 'nobody' }));
    await missing.c.sync('Secret/default/build-robot-secret');
    expect(missing.fx.transport.writes).toMatchObject([{ method: 'DELETE', path: '/api/v1/namespaces/default/secrets/build-robot-secret', body: { preconditions: { uid: 'secret-uid' } } }]);
    const recreated = setup(tokenSecret({ 'kubernetes.io/service-account.name': 'build-robot', 'kubernetes.io/service-account.uid': 'old-uid' }), sa);
    await recreated.c.sync('Secret/default/build-robot-secret');
    expect(recreated.fx.transport.writes.map((w) => w.method)).toEqual(['DELETE']);
    const orphaned = setup(tokenSecret({ 'kubernetes.io/service-account.name': 'build-robot' }));
    await orphaned.c.sync('ServiceAccount/default/build-robot');
    expect(orphaned.fx.transport.writes.map((w) => w.method)).toEqual(['DELETE']);
  });
});
