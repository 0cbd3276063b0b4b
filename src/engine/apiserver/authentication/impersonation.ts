import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { Impersonation } from '../../client/transport';
import { type Attributes, newRequestForbidden } from '../authorization/attributes';
import type { Authorizer } from '../authorization/authorizer';
import { PlainTextError } from '../errors';

// Impersonation as k8s.io/apiserver's WithImpersonation filter does it (v1.32): the Impersonate-*
// headers name who a request acts as, and the requester must be allowed to impersonate each.

const serviceAccountUser = /^system:serviceaccount:([^:]+):([^:]+)$/;

/**
 * impersonatedUser is the user WithImpersonation (k8s.io/apiserver, v1.32) makes: a service
 * account's groups when none are asked for, and system:authenticated (or, for system:anonymous,
 * system:unauthenticated) unless asked for otherwise.
 */
export function impersonatedUser(imp: Impersonation, path: string): UserInfo {
  const username = imp.user ?? '';
  if (!username) {
    // The requests as buildImpersonationRequests lists them: v1.ObjectReference values printed with %v.
    const requests = [...(imp.groups ?? []).map((g) => `{Group  ${g}    }`), ...(imp.uid ? [`{UID  ${imp.uid}    }`] : [])];
    throw new PlainTextError(500, `Internal Server Error: ${JSON.stringify(path)}: requested [${requests.join(' ')}] without impersonating a user`);
  }
  const groups = [...(imp.groups ?? [])];
  const sa = serviceAccountUser.exec(username);
  if (sa && !imp.groups?.length) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (username !== 'system:anonymous') {
    if (!groups.includes('system:authenticated') && !groups.includes('system:unauthenticated')) groups.push('system:authenticated');
  } else if (!groups.includes('system:unauthenticated')) {
    groups.push('system:unauthenticated');
  }
  const user: UserInfo = { username, groups };
  if (imp.uid) user.uid = imp.uid;
  if (imp.extra) user.extra = imp.extra;
  return user;
}

/** authorizeImpersonation asks, for each thing impersonated, whether user may `impersonate` it (WithImpersonation). */
export function authorizeImpersonation(authorizer: Authorizer, user: UserInfo, imp: Impersonation): void {
  const sa = serviceAccountUser.exec(imp.user ?? '');
  const requests: Partial<Attributes>[] = [
    sa ? { resource: 'serviceaccounts', namespace: sa[1], name: sa[2] } : { resource: 'users', name: imp.user },
    ...(imp.groups ?? []).map((name) => ({ resource: 'groups', name })),
    ...Object.entries(imp.extra ?? {}).flatMap(([key, values]) => values.map((name) => ({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: key, name }))),
    ...(imp.uid ? [{ apiGroup: 'authentication.k8s.io', resource: 'uids', name: imp.uid }] : []),
  ];
  for (const r of requests) {
    const attrs: Attributes = { user, verb: 'impersonate', resourceRequest: true, path: '', apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', ...r };
    const { allowed, reason } = authorizer.authorize(attrs);
    if (!allowed) throw newRequestForbidden(attrs, reason);
  }
}
