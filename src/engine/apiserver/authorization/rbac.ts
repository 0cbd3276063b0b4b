import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { MvccStore } from '../../store/mvccStore';
import { objectKey } from '../../store/mvccStore';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';
import type { Attributes } from './attributes';

// The RBAC authorizer of plugin/pkg/auth/authorizer/rbac and its rule checks
// (k8s.io/component-helpers/auth/rbac/validation), v1.32, reading bindings and roles from the store.

/** Decision is an authorizer's answer: allow, or no opinion (RBAC never denies), with its reason. */
export interface Decision {
  allowed: boolean;
  reason: string;
}

/** RuleSet is what RulesFor returns: the rules that apply to a user in a namespace, and what could not be read. */
export interface RuleSet {
  rules: PolicyRule[];
  errors: string[];
}

type Binding = (RoleBinding | ClusterRoleBinding) & { metadata: { name: string; namespace?: string } };

const has = (list: string[] | undefined, v: string) => !!list && (list.includes(v) || list.includes('*'));

/** ruleAllows is RuleAllows: verbs, API groups, resources (a star may stand for the resource of a subresource) and names, or non-resource URLs. */
export function ruleAllows(a: Attributes, rule: PolicyRule): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) {
    return (rule.nonResourceURLs ?? []).some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path.startsWith(u.replace(/\*+$/, ''))));
  }
  const combined = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const resourceOk = (rule.resources ?? []).some((r) => r === '*' || r === combined || (!!a.subresource && r === `*/${a.subresource}`));
  const nameOk = !rule.resourceNames?.length || rule.resourceNames.includes(a.name);
  return has(rule.apiGroups, a.apiGroup) && resourceOk && nameOk;
}

/** appliesTo is appliesToUser: a User or Group by name, a ServiceAccount by its username. */
function appliesTo(user: UserInfo, s: Subject, bindingNamespace: string): boolean {
  if (s.kind === 'User') return user.username === s.name;
  if (s.kind === 'Group') return !!user.groups?.includes(s.name);
  const ns = s.namespace || bindingNamespace;
  return s.kind === 'ServiceAccount' && !!ns && user.username === `system:serviceaccount:${ns}:${s.name}`;
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  const name = s.kind === 'ServiceAccount' ? `${s.name}/${s.namespace || bindingNamespace}` : s.name;
  return `${s.kind} ${JSON.stringify(name)}`;
}

/** RbacAuthorizer answers from the RoleBindings and ClusterRoleBindings in the store. */
export class RbacAuthorizer {
  constructor(private readonly store: MvccStore) {}

  /** authorize is RBACAuthorizer.Authorize: allowed by the first rule of a binding to the user that allows the request. */
  authorize(a: Attributes): Decision {
    const errors: string[] = [];
    let allowedBy = '';
    this.visitRules(a.user, a.namespace, errors, (binding, subject, rule) => {
      if (!ruleAllows(a, rule)) return false;
      const kind = binding.metadata.namespace ? 'RoleBinding' : 'ClusterRoleBinding';
      const name = binding.metadata.namespace ? `${binding.metadata.name}/${binding.metadata.namespace}` : binding.metadata.name;
      allowedBy = `${kind} ${JSON.stringify(name)} of ${binding.roleRef.kind} ${JSON.stringify(binding.roleRef.name)} to ${describeSubject(subject, binding.metadata.namespace ?? '')}`;
      return true;
    });
    if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
    return { allowed: false, reason: errors.length ? `RBAC: ${aggregate(errors)}` : '' };
  }

  /** rulesFor is RulesFor: every rule the user's bindings give it, cluster-wide and in namespace. */
  rulesFor(user: UserInfo, namespace: string): RuleSet {
    const out: RuleSet = { rules: [], errors: [] };
    this.visitRules(user, namespace, out.errors, (_b, _s, rule) => {
      out.rules.push(rule);
      return false;
    });
    return out;
  }

  // VisitRulesFor: ClusterRoleBindings, then the RoleBindings of the namespace; visit stops when it returns true.
  private visitRules(user: UserInfo, namespace: string, errors: string[], visit: (b: Binding, s: Subject, r: PolicyRule) => boolean): void {
    const bindings = [
      ...(this.store.listSorted(storageKey(Resources.clusterrolebindings)) as unknown as Binding[]),
      ...(namespace ? (this.store.listSorted(storageKey(Resources.rolebindings), namespace) as unknown as Binding[]) : []),
    ];
    for (const b of bindings) {
      const bindingNamespace = b.metadata.namespace ?? '';
      const subject = (b.subjects ?? []).find((s) => appliesTo(user, s, bindingNamespace));
      if (!subject) continue;
      const rules = this.roleRules(b, errors);
      for (const rule of rules ?? []) if (visit(b, subject, rule)) return;
    }
  }

  // GetRoleReferenceRules: a RoleBinding may name a Role of its namespace or a ClusterRole.
  private roleRules(b: Binding, errors: string[]): PolicyRule[] | undefined {
    const { kind, name } = b.roleRef;
    const role =
      kind === 'ClusterRole'
        ? (this.store.get(storageKey(Resources.clusterroles), objectKey('', name)) as unknown as ClusterRole | undefined)
        : kind === 'Role' && b.metadata.namespace
          ? (this.store.get(storageKey(Resources.roles), objectKey(b.metadata.namespace, name)) as unknown as Role | undefined)
          : undefined;
    if (!role) errors.push(`${kind.toLowerCase()}.rbac.authorization.k8s.io ${JSON.stringify(name)} not found`);
    return role?.rules;
  }
}

// utilerrors.NewAggregate's text: one message alone, several in brackets.
function aggregate(messages: string[]): string {
  const unique = [...new Set(messages)];
  return unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
}
