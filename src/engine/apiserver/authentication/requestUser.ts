import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ApiRequest } from '../../client/transport';
import { newUnauthorized } from '../errors';
import type { ServerContext } from '../handlers/context';
import { authenticateToken } from './serviceAccountTokens';

// The authenticator chain of a v1.32 server started with --anonymous-auth, a client CA and service
// account tokens (union.NewFailOnError(union(x509, tokens), anonymous)): a client certificate the CA
// signed names the user (CN) and groups (O); else a bearer token must be a valid service account
// token; a request with neither is anonymous, and one whose credentials fail is refused.

/** anonymousUser is who a request without credentials comes from. */
export const anonymousUser: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** requestUser authenticates a request, or throws the 401 Unauthorized Status a bad token gets. */
export function requestUser(ctx: ServerContext, req: ApiRequest): UserInfo {
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
