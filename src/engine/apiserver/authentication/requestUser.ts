import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ApiRequest } from '../../client/transport';
import { newUnauthorized } from '../errors';
import type { ServerContext } from '../handlers/context';
import { authenticateToken } from './serviceAccountTokens';

// The authenticator chain of a v1.32 server started with --anonymous-auth and only service account
// tokens configured (union.NewFailOnError(tokens, anonymous)): a request without credentials is
// anonymous; a bearer token must be a valid service account token, or the request is refused.

/** anonymousUser is who a request without credentials comes from. */
export const anonymousUser: UserInfo = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** requestUser authenticates a request, or throws the 401 Unauthorized Status a bad token gets. */
export function requestUser(ctx: ServerContext, req: ApiRequest): UserInfo {
  if (!req.authorization) return anonymousUser;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.authorization);
  if (!m) return anonymousUser;
  const result = authenticateToken(ctx, m[1]);
  if (!result.authenticated) throw newUnauthorized('Unauthorized');
  return result.user!;
}
