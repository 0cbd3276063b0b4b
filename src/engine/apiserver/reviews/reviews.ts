import type { SelfSubjectReview } from 'kubernetes-types/authentication/v1';
import type { SelfSubjectAccessReview, SelfSubjectRulesReview } from 'kubernetes-types/authorization/v1';
import type { KubeObject } from '../../api/object';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import { fieldError, newInvalid } from '../fieldErrors';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import { asObject, decodeBody } from '../request/decode';

// The playground's API server authenticates nobody and authorizes every request, as a v1.32 server
// started with --anonymous-auth and --authorization-mode=AlwaysAllow does: the reviews that ask it
// who the caller is and what the caller may do answer accordingly. They are computed, not stored.

/** anonymousUser is who every request comes from without authentication. */
const anonymousUser = { username: 'system:anonymous', groups: ['system:unauthenticated'] };

/** reviewResources are the create-only review resources served, by "group/resource". */
const reviewResources = new Set([
  'authorization.k8s.io/selfsubjectaccessreviews',
  'authorization.k8s.io/selfsubjectrulesreviews',
  'authentication.k8s.io/selfsubjectreviews',
]);

/** isReview reports whether a resource is one of the computed reviews. */
export function isReview(def: ResourceDefinition): boolean {
  return reviewResources.has(`${def.group}/${def.resource}`);
}

// AlwaysAllow's rules: every verb on everything (k8s.io/apiserver authorizerfactory alwaysAllowAuthorizer.RulesFor).
const allResourceRules = [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }];
const allNonResourceRules = [{ verbs: ['*'], nonResourceURLs: ['*'] }];

/** createReview answers a POST of a review: the object sent back with its status filled in (201). */
export function createReview(def: ResourceDefinition, req: ApiRequest): ApiResponse {
  const review = asObject(decodeBody(req.body, req.contentType), def.kind) as KubeObject & { spec?: Record<string, unknown> };
  const head = { kind: def.kind, apiVersion: `${def.group}/${def.version}`, metadata: { ...review.metadata, creationTimestamp: null } };
  switch (def.resource) {
    case 'selfsubjectaccessreviews': {
      const spec = (review as SelfSubjectAccessReview).spec ?? {};
      // pkg/apis/authorization/validation ValidateSelfSubjectAccessReviewSpec.
      const errs = [];
      if (spec.resourceAttributes && spec.nonResourceAttributes) {
        errs.push(fieldError.invalid('spec.nonResourceAttributes', spec.nonResourceAttributes, 'cannot be specified in combination with resourceAttributes'));
      }
      if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
        errs.push(fieldError.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
      }
      if (errs.length) throw newInvalid({ group: def.group, kind: def.kind }, review.metadata?.name ?? '', errs);
      return { status: 201, body: { ...head, spec, status: { allowed: true } } };
    }
    case 'selfsubjectrulesreviews': {
      const spec = (review as SelfSubjectRulesReview).spec ?? {};
      return { status: 201, body: { ...head, spec, status: { resourceRules: allResourceRules, nonResourceRules: allNonResourceRules, incomplete: false } } };
    }
    default: {
      const status: SelfSubjectReview['status'] = { userInfo: anonymousUser };
      return { status: 201, body: { ...head, status } };
    }
  }
}
