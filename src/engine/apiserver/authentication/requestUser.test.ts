import type { SelfSubjectReview } from 'kubernetes-types/authentication/v1';
import { describe, expect, it } from 'vitest';
import type { Impersonation } from '../../client/transport';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import { ApiServer } from '../server';

const server = new ApiServer(new Sim('who', () => Promise.resolve()), { strategies: servedStrategies });
const whoami = async (req: { impersonate?: Impersonation; clientCertificate?: { commonName: string; organizations: string[]; verified: boolean } }) => {
  const res = await server.request({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, remote: true, ...req });
  return res.status === 201 ? (res.body as SelfSubjectReview).status?.userInfo : res;
};

describe('requestUser', () => {
  it('is the subject of a client certificate the cluster CA signed, and refuses one it did not sign', async () => {
    expect(await whoami({ clientCertificate: { commonName: 'kubernetes-admin', organizations: ['kubeadm:cluster-admins'], verified: true } })).toEqual({
      username: 'kubernetes-admin',
      groups: ['kubeadm:cluster-admins', 'system:authenticated'],
    });
    expect(await whoami({ clientCertificate: { commonName: 'mallory', organizations: [], verified: false } })).toMatchObject({ status: 401 });
  });

  it('acts as the impersonated user, with the groups WithImpersonation gives', async () => {
    expect(await whoami({ impersonate: { user: 'jane' } })).toEqual({ username: 'jane', groups: ['system:authenticated'] });
    expect(await whoami({ impersonate: { user: 'jane', groups: ['devs'], uid: 'u-1', extra: { scopes: ['view'] } } })).toEqual({
      username: 'jane',
      groups: ['devs', 'system:authenticated'],
      uid: 'u-1',
      extra: { scopes: ['view'] },
    });
    expect(await whoami({ impersonate: { user: 'system:serviceaccount:ci:builder' } })).toEqual({
      username: 'system:serviceaccount:ci:builder',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated'],
    });
    expect(await whoami({ impersonate: { user: 'system:anonymous' } })).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it('refuses groups without a user as the impersonation filter does: a plain-text 500', async () => {
    expect(await whoami({ impersonate: { groups: ['system:masters'] } })).toEqual({
      status: 500,
      body: 'Internal Server Error: "/apis/authentication.k8s.io/v1/selfsubjectreviews": requested [{Group  system:masters    }] without impersonating a user\n',
      contentType: 'text/plain; charset=utf-8',
    });
  });

  it('takes an in-process request for the loopback client, a superuser', async () => {
    const res = await server.request({ method: 'POST', path: '/apis/authentication.k8s.io/v1/selfsubjectreviews', body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } });
    expect((res.body as SelfSubjectReview).status?.userInfo).toEqual({ username: 'system:apiserver', groups: ['system:authenticated', 'system:masters'] });
  });
});

describe('authorization of remote requests under Node,RBAC', () => {
  const rbacServer = new ApiServer(new Sim('rbac', () => Promise.resolve()), { strategies: servedStrategies, authorizationMode: 'RBAC' });
  const jane = { commonName: 'jane', organizations: [], verified: true };

  it('refuses what no binding allows with the filter 403, for resources and for paths', async () => {
    expect((await rbacServer.request({ method: 'GET', path: '/api/v1/namespaces/default/pods', remote: true, clientCertificate: jane })).body).toMatchObject({
      code: 403,
      reason: 'Forbidden',
      message: 'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"',
      details: { kind: 'pods' },
    });
    expect((await rbacServer.request({ method: 'GET', path: '/metrics', remote: true })).body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'forbidden: User "system:anonymous" cannot get path "/metrics"',
      reason: 'Forbidden',
      details: {},
      code: 403,
    });
    // Impersonating needs the impersonate verb on the user.
    expect((await rbacServer.request({ method: 'GET', path: '/version', remote: true, clientCertificate: jane, impersonate: { user: 'bob' } })).body).toMatchObject({
      code: 403,
      message: 'users "bob" is forbidden: User "jane" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
  });

  it('lets system:masters and in-process callers do anything', async () => {
    const admin = { commonName: 'root', organizations: ['system:masters'], verified: true };
    expect((await rbacServer.request({ method: 'GET', path: '/api/v1/namespaces/default/pods', remote: true, clientCertificate: admin })).status).toBe(200);
    expect((await rbacServer.request({ method: 'GET', path: '/api/v1/namespaces/default/pods' })).status).toBe(200);
  });
});
