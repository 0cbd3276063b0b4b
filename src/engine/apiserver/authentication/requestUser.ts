import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ApiRequest, Impersonation } from '../../client/transport';
import { type Attributes, forbiddenMessage } from '../authorization/attributes';
import { newForbidden, newUnauthorized, PlainTextError } from '../errors';
import type { ServerContext } from '../handlers/context';
import { authenticateToken } from './serviceAccountTokens';

// The authenticator chain of a v1.32 server started with --anonymous-auth, a client CA and service
// account tokens (union.NewFailOnError(union(x509, tokens), anonymous)), for remote requests: a
// client certificate the CA signed names the user (CN) and groups (O); else a bearer token must be
// a valid service account token; a request with neither is anonymous, and one whose credentials
// fail is refused. In-process requests are the loopback client's.

/** anonymousUser is who a remote request without credentials comes from. */
export const anonymousUser: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** loopbackUser is who in-process requests come from: the API server's own loopback client, a superuser. */
export const loopbackUser: UserInfo = { username: 'system:apiserver', groups: ['system:authenticated', 'system:masters'] };

/**
 * requestUser is who a request acts as: the user its credentials authenticate, or the one it
 * impersonates if the authorizer lets that user impersonate it. A bad token gets the 401
 * Unauthorized Status, a refused impersonation 403 Forbidden.
 */
export function requestUser(ctx: ServerContext, req: ApiRequest): UserInfo {
  const user = authenticatedUser(ctx, req);
  if (!req.impersonate) return user;
  const impersonated = impersonatedUser(req.impersonate, req.path);
  if (req.remote) authorizeImpersonation(ctx, user, req.impersonate);
  return impersonated;
}

/** authorizeImpersonation asks, for each thing impersonated, whether user may `impersonate` it (WithImpersonation). */
function authorizeImpersonation(ctx: ServerContext, user: UserInfo, imp: Impersonation): void {
  const sa = serviceAccountUser.exec(imp.user ?? '');
  const requests: Partial<Attributes>[] = [
    sa ? { resource: 'serviceaccounts', namespace: sa[1], name: sa[2] } : { resource: 'users', name: imp.user },
    ...(imp.groups ?? []).map((name) => ({ resource: 'groups', name })),
    ...Object.entries(imp.extra ?? {}).flatMap(([key, values]) => values.map((name) => ({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name }))),
    ...(imp.uid ? [{ apiGroup: 'authentication.k8s.io', resource: 'uids', name: imp.uid }] : []),
  ];
  for (const r of requests) {
    const attrs: Attributes = { user, verb: 'impersonate', resourceRequest: true, path: '', apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', ...r };
    const { allowed, reason } = ctx.authorizer.authorize(attrs);
    if (!allowed) throw newForbidden({ group: attrs.apiGroup, resource: attrs.resource }, attrs.name, reason ? `${forbiddenMessage(attrs)}: ${reason}` : forbiddenMessage(attrs));
  }
}

function authenticatedUser(ctx: ServerContext, req: ApiRequest): UserInfo {
  if (!req.remote) return loopbackUser;
  const cert = req.clientCertificate;
  if (cert) {
    if (!cert.verified) throw newUnauthorized('Unauthorized');
    return { username: cert.commonName, groups: [...cert.organizations, 'system:authenticated'] };
  }
  if (!req.authorization) return anonymousUser;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization);
  if (!m) return anonymousUser;
  const result = authenticateToken(ctx, m[1]);
  if (!result.authenticated) throw newUnauthorized('Unauthorized');
  return result.user!;
}

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * impersonatedUser is the user WithImpersonation (k8s.io/apiserver, v1.32) makes: a service
 * account's groups when none are asked for, and system:authenticated (or, for system:anonymous,
 * system:unauthenticated) unless asked for otherwise.
 */
function impersonatedUser(imp: Impersonation, path: string): UserInfo {
  const username = imp.user ?? '';
  if (!username) {
    // The requests as buildImpersonationRequests lists them: v1.ObjectReference values printed with %v.
    const requests = [...(imp.groups ?? []).map((g) => `{Group  ${g}    }`), ...(imp.uid ? [`{UID  ${imp.uid}    }`] : [])];
    throw new PlainTextError(500, `Internal Server Error: ${JSON.stringify(path)}: requested [${requests.join(' ')}] without impersonating a user`);
  }
  const groups = [...(imp.groups ?? [])];
  const sa = serviceAccountUser.exec(username);
  if (sa && !imp.groups?.length) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (username !== anonymousUser.username) {
    if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) {
    groups.push('system:unauthenticated');
  }
  const user: UserInfo = { username, groups };
  if (imp.uid) user.uid = imp.uid;
  if (imp.extra) user.extra = imp.extra;
  return user;
}
