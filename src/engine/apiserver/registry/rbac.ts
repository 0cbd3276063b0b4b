import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject } from 'kubernetes-types/rbac/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { nameIsDNSSubdomain, nameIsPathSegment } from '../validation/names';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { labelSelectorAsSelector } from './appsValidation';
import { goLabelSelector, goQuote, goStringSlice } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';

// Role, ClusterRole, RoleBinding and ClusterRoleBinding as pkg/apis/rbac/v1/defaults.go,
// pkg/apis/rbac/validation/validation.go and pkg/registry/rbac/*/strategy.go of v1.32 define them:
// no status, no generation. (Escalation checks belong to authorization, not to validation.)

/** RBACGroupName is the API group role references and user/group subjects name. */
export const RBACGroupName = 'rbac.authorization.k8s.io';

function setDefaultsSubjects(subjects: Subject[] | undefined): void {
  for (const s of subjects ?? []) {
    if (!s.apiGroup && (s.kind === 'User' || s.kind === 'Group')) s.apiGroup = RBACGroupName;
  }
}

/** setDefaultsRoleBinding is SetDefaults_RoleBinding / SetDefaults_ClusterRoleBinding with SetDefaults_Subject. */
export function setDefaultsRoleBinding(rb: RoleBinding | ClusterRoleBinding): void {
  const ref = (rb.roleRef ??= {} as RoleRef);
  ref.apiGroup ||= RBACGroupName;
  setDefaultsSubjects(rb.subjects);
}

/** validatePolicyRule is ValidatePolicyRule. */
export function validatePolicyRule(rule: PolicyRule, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!rule.verbs?.length) errs.push(fieldError.required(`${path}.verbs`, 'verbs must contain at least one value'));
  const urls = rule.nonResourceURLs ?? [];
  if (urls.length > 0) {
    const bad = goStringSlice('[]string', urls);
    if (namespaced) errs.push(fieldError.invalid(`${path}.nonResourceURLs`, bad, 'namespaced rules cannot apply to non-resource URLs'));
    if (rule.apiGroups?.length || rule.resources?.length || rule.resourceNames?.length) {
      errs.push(fieldError.invalid(`${path}.nonResourceURLs`, bad, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (!rule.apiGroups?.length) errs.push(fieldError.required(`${path}.apiGroups`, 'resource rules must supply at least one api group'));
  if (!rule.resources?.length) errs.push(fieldError.required(`${path}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

/** validateRole is ValidateRole. */
export function validateRole(role: Role): FieldError[] {
  const errs = validateObjectMeta(role.metadata, true, nameIsPathSegment);
  (role.rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, true, `rules[${i}]`)));
  return errs;
}

/** validateClusterRole is ValidateClusterRole. */
export function validateClusterRole(role: ClusterRole): FieldError[] {
  const errs = validateObjectMeta(role.metadata, false, nameIsPathSegment);
  (role.rules ?? []).forEach((r, i) => errs.push(...validatePolicyRule(r, false, `rules[${i}]`)));
  const agg = role.aggregationRule;
  if (agg) {
    const selectors = agg.clusterRoleSelectors ?? [];
    if (selectors.length === 0) {
      errs.push(fieldError.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((sel, i) => {
      const p = `aggregationRule.clusterRoleSelectors[${i}]`;
      errs.push(...validateLabelSelector(sel, p));
      if (!labelSelectorAsSelector(sel)) errs.push(fieldError.invalid(p, goLabelSelector(sel), 'invalid label selector.'));
    });
  }
  return errs;
}

function validateSubject(s: Subject, namespaced: boolean, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!s.name) errs.push(fieldError.required(`${path}.name`));
  switch (s.kind) {
    case 'ServiceAccount':
      if (s.name) for (const msg of nameIsDNSSubdomain(s.name, false)) errs.push(fieldError.invalid(`${path}.name`, s.name, msg));
      if (s.apiGroup) errs.push(fieldError.notSupported(`${path}.apiGroup`, s.apiGroup, ['']));
      if (!namespaced && !s.namespace) errs.push(fieldError.required(`${path}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (s.apiGroup !== RBACGroupName) errs.push(fieldError.notSupported(`${path}.apiGroup`, s.apiGroup ?? '', [RBACGroupName]));
      break;
    default:
      errs.push(fieldError.notSupported(`${path}.kind`, s.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(rb: RoleBinding | ClusterRoleBinding, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(rb.metadata, namespaced, nameIsPathSegment);
  const ref = rb.roleRef ?? ({} as RoleRef);
  if (ref.apiGroup !== RBACGroupName) errs.push(fieldError.notSupported('roleRef.apiGroup', ref.apiGroup ?? '', [RBACGroupName]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(ref.kind)) errs.push(fieldError.notSupported('roleRef.kind', ref.kind ?? '', kinds));
  if (!ref.name) errs.push(fieldError.required('roleRef.name'));
  else for (const msg of nameIsPathSegment(ref.name, false)) errs.push(fieldError.invalid('roleRef.name', ref.name, msg));
  (rb.subjects ?? []).forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
  return errs;
}

// The roleRef of a binding never changes; the bad value prints as the internal rbac.RoleRef.
function validateRoleRefUnchanged(rb: RoleBinding, old: RoleBinding): FieldError[] {
  const a = rb.roleRef ?? ({} as RoleRef);
  const b = old.roleRef ?? ({} as RoleRef);
  if (a.apiGroup === b.apiGroup && a.kind === b.kind && a.name === b.name) return [];
  const text = `rbac.RoleRef{APIGroup:${goQuote(a.apiGroup ?? '')}, Kind:${goQuote(a.kind ?? '')}, Name:${goQuote(a.name ?? '')}}`;
  return [fieldError.invalid('roleRef', new GoValue(text), 'cannot change roleRef')];
}

type AnyRBAC = Role & ClusterRole & RoleBinding & ClusterRoleBinding;
const asRBAC = (o: KubeObject) => o as unknown as AnyRBAC;

/** roleStrategy is the REST strategy of rbac.authorization.k8s.io/v1 roles. */
export const roleStrategy: ResourceStrategy = {
  def: Resources.roles,
  validate: (obj) => validateRole(asRBAC(obj)),
  validateUpdate: (obj, old) => [...validateRole(asRBAC(obj)), ...validateObjectMetaUpdate(obj.metadata, old.metadata)],
};

/** clusterRoleStrategy is the REST strategy of rbac.authorization.k8s.io/v1 clusterroles. */
export const clusterRoleStrategy: ResourceStrategy = {
  def: Resources.clusterroles,
  validate: (obj) => validateClusterRole(asRBAC(obj)),
  validateUpdate: (obj, old) => [...validateClusterRole(asRBAC(obj)), ...validateObjectMetaUpdate(obj.metadata, old.metadata)],
};

/** roleBindingStrategy is the REST strategy of rbac.authorization.k8s.io/v1 rolebindings. */
export const roleBindingStrategy: ResourceStrategy = {
  def: Resources.rolebindings,
  defaults: (obj) => setDefaultsRoleBinding(asRBAC(obj)),
  validate: (obj) => validateBinding(asRBAC(obj), true),
  validateUpdate: (obj, old) => [
    ...validateBinding(asRBAC(obj), true),
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...validateRoleRefUnchanged(asRBAC(obj), asRBAC(old)),
  ],
};

/** clusterRoleBindingStrategy is the REST strategy of rbac.authorization.k8s.io/v1 clusterrolebindings. */
export const clusterRoleBindingStrategy: ResourceStrategy = {
  def: Resources.clusterrolebindings,
  defaults: (obj) => setDefaultsRoleBinding(asRBAC(obj)),
  validate: (obj) => validateBinding(asRBAC(obj), false),
  validateUpdate: (obj, old) => [
    ...validateBinding(asRBAC(obj), false),
    ...validateObjectMetaUpdate(obj.metadata, old.metadata),
    ...validateRoleRefUnchanged(asRBAC(obj), asRBAC(old)),
  ],
};
