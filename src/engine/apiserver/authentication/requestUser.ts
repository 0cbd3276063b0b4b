import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ApiRequest } from '../../client/transport';
import { newUnauthorized } from '../errors';
import type { ServerContext } from '../handlers/context';
import { authorizeImpersonation, impersonatedUser } from './impersonation';
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
  if (req.remote) authorizeImpersonation(ctx.authorizer, user, req.impersonate);
  return impersonated;
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
