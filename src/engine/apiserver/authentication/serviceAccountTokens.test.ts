import type { TokenRequest, TokenReview } from 'kubernetes-types/authentication/v1';
import type { Node, Pod, Secret, ServiceAccount } from 'kubernetes-types/core/v1';
import type { SelfSubjectReview } from 'kubernetes-types/authentication/v1';
import { createPublicKey, verify } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../../client/apiClient';
import { bootstrapCluster } from '../../cluster/bootstrap';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import { Resources } from '../registry/resources';
import { ApiServer } from '../server';
import { encodeBase64 } from '../../api/base64';
import { issueLegacyToken } from './legacyServiceAccountTokens';

const tokenRequest = (spec: TokenRequest['spec'] = { audiences: [] }): TokenRequest => ({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec });
const claimsOf = (token: string) => JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));

let server: ApiServer;
let client: ApiClient;
let sa: ServiceAccount;

async function issue(spec?: TokenRequest['spec'], name = 'builder'): Promise<TokenRequest> {
  return client.createSubresource<TokenRequest>(Resources.serviceaccounts, 'default', name, 'token', tokenRequest(spec));
}

async function review(token: string, audiences?: string[]): Promise<NonNullable<TokenReview['status']>> {
  const got = await client.create<TokenReview>(Resources.tokenreviews, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token, audiences } });
  return got.status!;
}

beforeEach(async () => {
  server = new ApiServer(new Sim('tokens', () => new Promise((r) => setImmediate(r))), { strategies: servedStrategies });
  client = new ApiClient(server);
  await bootstrapCluster(client);
  sa = await client.create<ServiceAccount>(Resources.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
});

describe('serviceaccounts/token (TokenRequest)', () => {
  it('issues an hour-long token for the API audiences, with the claims of a bound service account token', async () => {
    const now = server.sim.clock.now();
    const got = await issue();
    expect(got.metadata).toMatchObject({ name: 'builder', namespace: 'default' });
    expect(got.spec).toMatchObject({ audiences: ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: 3600 });
    expect(Date.parse(got.status!.expirationTimestamp)).toBe(Math.floor(now / 1000) * 1000 + 3600_000);
    const claims = claimsOf(got.status!.token);
    expect(claims).toMatchObject({
      aud: ['https://kubernetes.default.svc.cluster.local'],
      iss: 'https://kubernetes.default.svc.cluster.local',
      sub: 'system:serviceaccount:default:builder',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'builder', uid: sa.metadata!.uid } },
    });
    expect(claims.exp - claims.iat).toBe(3600);
    // go-jose writes the claims as a map: keys sorted.
    expect(Object.keys(claims)).toEqual(['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
    expect(JSON.parse(atob(got.status!.token.split('.')[0]))).toEqual({ alg: 'ES256', kid: expect.stringMatching(/^[\w-]{43}$/) });
  });

  it('signs tokens that check out against the key set the issuer discovery publishes', async () => {
    const { status } = await issue();
    const config = (await server.request({ method: 'GET', path: '/.well-known/openid-configuration' })).body;
    expect(config).toEqual({
      issuer: 'https://kubernetes.default.svc.cluster.local',
      jwks_uri: 'https://172.18.0.2:6443/openid/v1/jwks',
      response_types_supported: ['id_token'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['ES256'],
    });
    const jwks = await server.request({ method: 'GET', path: '/openid/v1/jwks' });
    expect(jwks.contentType).toBe('application/jwk-set+json');
    const [jwk] = (jwks.body as { keys: Record<string, string>[] }).keys;
    expect(jwk).toMatchObject({ use: 'sig', kty: 'EC', crv: 'P-256', alg: 'ES256', kid: JSON.parse(atob(status!.token.split('.')[0])).kid });
    // Node's own ECDSA, as any OIDC client would check the token.
    const [head, body, signature] = status!.token.split('.');
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    expect(verify('sha256', Buffer.from(`${head}.${body}`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(true);
    expect(verify('sha256', Buffer.from(`${head}.${body}x`), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'))).toBe(false);
  });

  it('binds a token to a pod and the node it runs on, and refuses what the REST storage refuses', async () => {
    const node = await client.create<Node>(Resources.nodes, { apiVersion: 'v1', kind: 'Node', metadata: { name: 'w1' } });
    const pod = await client.create<Pod>(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'default' },
      spec: { serviceAccountName: 'builder', nodeName: 'w1', containers: [{ name: 'c', image: 'busybox' }] },
    });
    const got = await issue({ audiences: [], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p' } });
    expect(claimsOf(got.status!.token)['kubernetes.io']).toEqual({
      namespace: 'default',
      node: { name: 'w1', uid: node.metadata!.uid },
      pod: { name: 'p', uid: pod.metadata!.uid },
      serviceaccount: { name: 'builder', uid: sa.metadata!.uid },
    });
    const status = await review(got.status!.token);
    expect(status?.user?.extra).toMatchObject({
      'authentication.kubernetes.io/pod-name': ['p'],
      'authentication.kubernetes.io/pod-uid': [pod.metadata!.uid],
      'authentication.kubernetes.io/node-name': ['w1'],
    });

    await expect(issue({ audiences: [], expirationSeconds: 300 })).rejects.toThrow(
      'TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes',
    );
    await expect(issue(undefined, 'nobody')).rejects.toThrow('serviceaccounts "nobody" not found');
    await expect(issue({ audiences: [], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'gone' } })).rejects.toThrow('pods "gone" not found');
    await expect(issue({ audiences: [], boundObjectRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd' } })).rejects.toThrow(
      'cannot bind token for serviceaccount "builder" to object of type apps/v1, Kind=Deployment',
    );
    await expect(issue({ audiences: [], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p', uid: 'other' } })).rejects.toThrow(
      'Operation cannot be fulfilled on Pod "p": the UID in the bound object reference (other) does not match the UID in record.',
    );
    await client.create<ServiceAccount>(Resources.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'other', namespace: 'default' } });
    await expect(issue({ audiences: [], boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: 'p' } }, 'other')).rejects.toThrow(
      'cannot bind token for serviceaccount "other" to pod running with different serviceaccount name.',
    );
  });
});

describe('authenticating service account tokens', () => {
  it('TokenReview authenticates a token as its service account, until it expires', async () => {
    const { status } = await issue({ audiences: [], expirationSeconds: 600 });
    const got = await review(status!.token);
    expect(got).toEqual({
      authenticated: true,
      user: {
        username: 'system:serviceaccount:default:builder',
        uid: sa.metadata!.uid,
        groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'],
        extra: { 'authentication.kubernetes.io/credential-id': [`JTI=${claimsOf(status!.token).jti}`] },
      },
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    });
    expect((await review(status!.token, ['vault'])).error).toBe(
      '[invalid bearer token, token audiences ["https://kubernetes.default.svc.cluster.local"] is invalid for the target audiences ["vault"]]',
    );
    // Expiry is checked with go-jose's minute of leeway.
    await server.sim.advance(600_000 + 60_000);
    expect((await review(status!.token)).authenticated).toBe(true);
    await server.sim.advance(1_000);
    expect(await review(status!.token)).toEqual({ user: {}, error: '[invalid bearer token, service account token has expired]' });
  });

  it('refuses tokens whose service account is gone or was recreated, and tokens not signed here', async () => {
    const { status } = await issue();
    const [head, body, signature] = status!.token.split('.');
    expect((await review(`${head}.${body}.${signature.slice(1)}A`)).error).toBe('[invalid bearer token, go-jose/go-jose: error in cryptographic primitive]');
    expect((await review('not-a-jwt')).error).toBe('invalid bearer token');
    await client.delete(Resources.serviceaccounts, 'default', 'builder');
    expect((await review(status!.token)).error).toBe('[invalid bearer token, service account token has been invalidated]');
    const again = await client.create<ServiceAccount>(Resources.serviceaccounts, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
    expect((await review(status!.token)).error).toBe(`[invalid bearer token, service account UID (${again.metadata!.uid}) does not match claim (${sa.metadata!.uid})]`);
    await expect(client.create(Resources.tokenreviews, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: {} })).rejects.toThrow(
      'token is required for TokenReview in authentication',
    );
  });

  it('authenticates requests that carry a bearer token, and refuses a bad token with 401', async () => {
    const { status } = await issue();
    const whoami = (authorization?: string) =>
      server.request({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, authorization, remote: true });
    expect(((await whoami(`Bearer ${status!.token}`)).body as SelfSubjectReview).status?.userInfo?.username).toBe('system:serviceaccount:default:builder');
    expect(((await whoami()).body as SelfSubjectReview).status?.userInfo?.username).toBe('system:anonymous');
    const refused = await server.request({ method: 'GET', path: '/api/v1/namespaces/default/pods', authorization: 'Bearer nonsense', remote: true });
    expect(refused).toEqual({ status: 401, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 } });
  });

  it("accepts a Secret-based token while its Secret holds it and its ServiceAccount is the one it names", async () => {
    const token = issueLegacyToken(server.sim.seed, sa, 'builder-token');
    const secret = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'builder-token', namespace: 'default', annotations: { 'kubernetes.io/service-account.name': 'builder' } }, type: 'Opaque', data });
    await client.create(Resources.secrets, secret({ token: encodeBase64(token) }));
    expect(await review(token)).toMatchObject({
      authenticated: true,
      user: { username: 'system:serviceaccount:default:builder', uid: sa.metadata!.uid, groups: ['system:serviceaccounts', 'system:serviceaccounts:default', 'system:authenticated'] },
      audiences: ['https://kubernetes.default.svc.cluster.local'],
    });
    // Its Secret is labelled with the day it was last used, once a day.
    const lastUsed = async () => (await client.get<Secret>(Resources.secrets, 'default', 'builder-token')).metadata?.labels?.['kubernetes.io/legacy-token-last-used'];
    expect(await lastUsed()).toBe(new Date(server.sim.clock.now()).toISOString().slice(0, 10));
    // It never expires.
    await server.sim.advance(10 * 86_400_000);
    expect((await review(token)).authenticated).toBe(true);
    expect(await lastUsed()).toBe(new Date(server.sim.clock.now()).toISOString().slice(0, 10));
    const marked = await client.get<Secret>(Resources.secrets, 'default', 'builder-token');
    await client.update(Resources.secrets, { ...marked, metadata: { ...marked.metadata, labels: { ...marked.metadata?.labels, 'kubernetes.io/legacy-token-invalid-since': '2026-01-01' } } });
    expect((await review(token)).error).toBe(
      "[invalid bearer token, the token in secret default/builder-token for service account default/builder has been marked invalid. Use tokens from the TokenRequest API or manually created secret-based tokens, or remove the 'kubernetes.io/legacy-token-invalid-since' label from the secret to temporarily allow use of this token]",
    );
    await client.delete(Resources.secrets, 'default', 'builder-token');
    expect((await review(token)).error).toBe('[invalid bearer token, token has been invalidated]');
    await client.create(Resources.secrets, secret({ token: encodeBase64('other') }));
    expect((await review(token)).error).toBe("[invalid bearer token, token does not match server's copy]");
  });
});
