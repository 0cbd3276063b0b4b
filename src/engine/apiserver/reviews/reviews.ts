import type { TokenReview, UserInfo } from 'kubernetes-types/authentication/v1';
import type { SubjectAccessReviewSpec } from 'kubernetes-types/authorization/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { authenticateToken } from '../authentication/serviceAccountTokens';
import { newBadRequest } from '../errors';
import { newInvalid } from '../fieldErrors';
import type { ServerContext } from '../handlers/context';
import { decodeObject } from '../handlers/decodeObject';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import type { ResourceStrategy } from '../registry/strategy';
import type { Attributes } from '../authorization/attributes';
import { type AccessReviewKind, validateAccessReview } from './accessReviews';

// The reviews that ask the API server who someone is and what they may do, answered by its
// authenticator (requestUser.ts) and authorizer (authorization/authorizer.ts). They are computed,
// not stored.

/** reviewResources are the create-only review resources served, by "group/resource". */
const reviewResources = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/subjectaccessreviews',
  'authorization.k8s.io/localsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
  'authentication.k8s.io/tokenreviews',
]);

/** isReview reports whether a resource is one of the computed reviews. */
export function isReview(def: ResourceDefinition): boolean {
  return reviewResources.has(`${def.group}/${def.resource}`);
}

type Review = { metadata?: ObjectMeta; spec?: Record<string, unknown> };

/** createReview answers a POST of a review from user: the object sent back with its status filled in (201). */
export function createReview(ctx: ServerContext, s: ResourceStrategy, ns: string, req: ApiRequest, user: UserInfo): ApiResponse {
  const def = s.def;
  const { obj, warnings } = decodeObject(s, req);
  const review = obj as Review;
  const meta: ObjectMeta = { ...review.metadata };
  // The create handler's EnsureObjectNamespaceMatchesRequestNamespace.
  if (def.namespaced) {
    if (meta.namespace && meta.namespace !== ns) throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
    meta.namespace = ns;
  } else {
    delete meta.namespace;
  }
  const answer = (status: unknown, spec = review.spec): ApiResponse => ({
    status: 201,
    body: { kind: def.kind, apiVersion: `${def.group}/${def.version}`, metadata: { ...meta, creationTimestamp: null }, spec, status },
    warnings,
  });
  switch (def.resource) {
    case 'selfsubjectaccessreviews':
    case 'subjectaccessreviews':
    case 'localsubjectaccessreviews': {
      const spec = (review.spec ?? {}) as SubjectAccessReviewSpec;
      const errs = validateAccessReview(def.kind as AccessReviewKind, meta, spec);
      // The REST storage passes the decoded (internal) object's kind, which is empty.
      if (errs.length) throw newInvalid({ group: def.group, kind: '' }, '', errs);
      const subject = def.resource === 'selfsubjectaccessreviews' ? user : specUser(spec);
      const { allowed, reason } = ctx.authorizer.authorize(reviewAttributes(subject, spec));
      return answer(reason ? { allowed, reason } : { allowed });
    }
    case 'selfsubjectrulesreviews':
      return answer(ctx.authorizer.rulesFor(user, String(review.spec?.namespace ?? '')));
    case 'selfsubjectreviews':
      return answer({ userInfo: user }, undefined);
    default: {
      const spec = (review as TokenReview).spec ?? {};
      if (!spec.token) throw newBadRequest('token is required for TokenReview in authentication');
      const result = authenticateToken(ctx, spec.token, spec.audiences?.length ? spec.audiences : undefined);
      return answer({ authenticated: result.authenticated || undefined, user: result.user ?? {}, audiences: result.audiences, error: result.error });
    }
  }
}

/** specUser is the user a SubjectAccessReview asks about. */
function specUser(spec: SubjectAccessReviewSpec): UserInfo {
  const user: UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
  if (spec.uid) user.uid = spec.uid;
  if (spec.extra) user.extra = spec.extra;
  return user;
}

/** reviewAttributes are authorizationutil.AuthorizationAttributesFrom: the access a review asks about. */
function reviewAttributes(user: UserInfo, spec: SubjectAccessReviewSpec): Attributes {
  const r = spec.resourceAttributes;
  const n = spec.nonResourceAttributes;
  return {
    user,
    verb: r?.verb ?? n?.verb ?? '',
    resourceRequest: !!r,
    path: n?.path ?? '',
    apiGroup: r?.group ?? '',
    apiVersion: r?.version ?? '',
    namespace: r?.namespace ?? '',
    resource: r?.resource ?? '',
    subresource: r?.subresource ?? '',
    name: r?.name ?? '',
  };
}
