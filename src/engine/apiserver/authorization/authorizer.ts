import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { NonResourceRule, ResourceRule, SubjectRulesReviewStatus } from 'kubernetes-types/authorization/v1';
import type { MvccStore } from '../../store/mvccStore';
import type { Attributes } from './attributes';
import { type Decision, RbacAuthorizer } from './rbac';

// The authorizer chain kube-apiserver builds from --authorization-mode (v1.32): AlwaysAllow, or
// kubeadm's Node,RBAC behind the system:masters superuser group. The Node authorizer only speaks
// for kubelets' own credentials (group system:nodes), which no client of this server presents.

/** AuthorizationMode is --authorization-mode: AlwaysAllow, or RBAC (with Node, as kubeadm runs it). */
export type AuthorizationMode = 'AlwaysAllow' | 'RBAC';

/** Authorizer decides requests and lists the rules that apply to a user (SelfSubjectRulesReview). */
export interface Authorizer {
  authorize(a: Attributes): Decision;
  rulesFor(user: UserInfo, namespace: string): SubjectRulesReviewStatus;
}

const everything = { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }] };

/** alwaysAllow is authorizerfactory.NewAlwaysAllowAuthorizer. */
const alwaysAllow: Authorizer = {
  authorize: () => ({ allowed: true, reason: '' }),
  rulesFor: () => ({ ...everything, incomplete: false }),
};

/** SystemMasters is the group no authorizer may refuse (user.SystemPrivilegedGroup). */
export const SystemMasters = 'system:masters';

/** newAuthorizer builds the chain of a mode over the store's RBAC objects. */
export function newAuthorizer(mode: AuthorizationMode, store: MvccStore): Authorizer {
  if (mode === 'AlwaysAllow') return alwaysAllow;
  const rbac = new RbacAuthorizer(store);
  return {
    authorize: (a) => (a.user.groups?.includes(SystemMasters) ? { allowed: true, reason: '' } : rbac.authorize(a)),
    rulesFor(user, namespace) {
      if (user.groups?.includes(SystemMasters)) return { ...everything, incomplete: false };
      const { rules, errors } = rbac.rulesFor(user, namespace);
      // kubernetes-types 1.30's ResourceRule lacks verbs and resources, which v1.32 has.
      const resourceRules: (ResourceRule & { verbs: string[]; resources?: string[] })[] = [];
      const nonResourceRules: NonResourceRule[] = [];
      for (const r of rules) {
        if (r.resources?.length) resourceRules.push({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames });
        if (r.nonResourceURLs?.length) nonResourceRules.push({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs });
      }
      const status: SubjectRulesReviewStatus = { resourceRules: resourceRules as ResourceRule[], nonResourceRules, incomplete: errors.length > 0 };
      if (errors.length) status.evaluationError = errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`;
      return status;
    },
  };
}
