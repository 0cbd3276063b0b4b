import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ClusterRole, ClusterRoleBinding, Role, RoleBinding } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import { MvccStore, objectKey } from '../../store/mvccStore';
import { storageKey } from '../registry/resourceDefinition';
import { Resources } from '../registry/resources';
import type { Attributes } from './attributes';
import { forbiddenMessage } from './attributes';
import { RbacAuthorizer, ruleAllows } from './rbac';

const rbac = 'rbac.authorization.k8s.io';
const store = new MvccStore({ now: () => 0 });
const put = (def: typeof Resources.roles, obj: { metadata?: { name?: string; namespace?: string } }) =>
  store.create(storageKey(def), objectKey(obj.metadata?.namespace ?? '', obj.metadata!.name!), obj.metadata?.namespace ?? '', obj as never);

put(Resources.clusterroles, { metadata: { name: 'view' }, rules: [{ apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] }] } as ClusterRole);
put(Resources.clusterroles, { metadata: { name: 'basic' }, rules: [{ nonResourceURLs: ['/api', '/api/*'], verbs: ['get'] }] } as ClusterRole);
put(Resources.roles, { metadata: { name: 'cm-editor', namespace: 'team' }, rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'], verbs: ['update'] }] } as Role);
put(Resources.clusterrolebindings, { metadata: { name: 'basic' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'basic' }, subjects: [{ apiGroup: rbac, kind: 'Group', name: 'system:authenticated' }] } as ClusterRoleBinding);
put(Resources.rolebindings, {
  metadata: { name: 'viewers', namespace: 'team' },
  roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'view' },
  subjects: [{ kind: 'ServiceAccount', name: 'ci' }],
} as RoleBinding);
put(Resources.rolebindings, { metadata: { name: 'editors', namespace: 'team' }, roleRef: { apiGroup: rbac, kind: 'Role', name: 'cm-editor' }, subjects: [{ apiGroup: rbac, kind: 'User', name: 'jane' }] } as RoleBinding);
put(Resources.rolebindings, { metadata: { name: 'dangling', namespace: 'team' }, roleRef: { apiGroup: rbac, kind: 'ClusterRole', name: 'gone' }, subjects: [{ apiGroup: rbac, kind: 'User', name: 'jane' }] } as RoleBinding);

const ci: UserInfo = { username: 'system:serviceaccount:team:ci', groups: ['system:serviceaccounts', 'system:serviceaccounts:team', 'system:authenticated'] };
const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };
const attrs = (user: UserInfo, a: Partial<Attributes>): Attributes => ({
  user,
  verb: 'get',
  resourceRequest: true,
  path: '',
  apiGroup: '',
  apiVersion: 'v1',
  namespace: 'team',
  resource: 'pods',
  subresource: '',
  name: '',
  ...a,
});
const authz = new RbacAuthorizer(store);

describe('RbacAuthorizer', () => {
  it('allows what a binding to the user, its group or its service account grants, and says which binding', () => {
    expect(authz.authorize(attrs(ci, { verb: 'list' }))).toEqual({ allowed: true, reason: 'RBAC: allowed by RoleBinding "viewers/team" of ClusterRole "view" to ServiceAccount "ci/team"' });
    expect(authz.authorize(attrs(ci, { subresource: 'log', name: 'p' })).allowed).toBe(true);
    expect(authz.authorize(attrs(jane, { resourceRequest: false, path: '/api/v1', verb: 'get' }))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "basic" of ClusterRole "basic" to Group "system:authenticated"',
    });
  });

  it('has no opinion on anything else, naming the roles it could not find', () => {
    expect(authz.authorize(attrs(ci, { verb: 'delete', name: 'p' }))).toEqual({ allowed: false, reason: '' });
    expect(authz.authorize(attrs(ci, { namespace: 'other', verb: 'list' }))).toEqual({ allowed: false, reason: '' });
    expect(authz.authorize(attrs(jane, { resource: 'configmaps', name: 'other', verb: 'update' }))).toEqual({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "gone" not found',
    });
    expect(authz.authorize(attrs(jane, { resource: 'configmaps', name: 'settings', verb: 'update' })).allowed).toBe(true);
  });

  it('matches rules as RuleAllows does: wildcards, subresources, names and URL prefixes', () => {
    const a = attrs(jane, { resource: 'deployments', subresource: 'scale', apiGroup: 'apps', verb: 'update', name: 'web' });
    expect(ruleAllows(a, { apiGroups: ['apps'], resources: ['*/scale'], verbs: ['*'] })).toBe(true);
    expect(ruleAllows(a, { apiGroups: ['apps'], resources: ['deployments'], verbs: ['update'] })).toBe(false);
    expect(ruleAllows(a, { apiGroups: ['*'], resources: ['deployments/scale'], verbs: ['update'], resourceNames: ['api'] })).toBe(false);
    const url = attrs(jane, { resourceRequest: false, path: '/healthz/etcd' });
    expect(ruleAllows(url, { nonResourceURLs: ['/healthz/*'], verbs: ['get'] })).toBe(true);
    expect(ruleAllows(url, { nonResourceURLs: ['/healthz'], verbs: ['get'] })).toBe(false);
  });

  it('lists the rules that apply to a user, cluster-wide and in the namespace', () => {
    expect(authz.rulesFor(ci, 'team').rules).toEqual([
      { nonResourceURLs: ['/api', '/api/*'], verbs: ['get'] },
      { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(authz.rulesFor(jane, 'team').errors).toEqual(['clusterrole.rbac.authorization.k8s.io "gone" not found']);
  });

  it('words a refusal as the authorization filter does', () => {
    expect(forbiddenMessage(attrs(ci, { verb: 'list', namespace: 'default' }))).toBe(
      'User "system:serviceaccount:team:ci" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(forbiddenMessage(attrs(jane, { resource: 'nodes', namespace: '', verb: 'delete', name: 'w1' }))).toBe('User "jane" cannot delete resource "nodes" in API group "" at the cluster scope');
    expect(forbiddenMessage(attrs(jane, { resourceRequest: false, path: '/metrics' }))).toBe('User "jane" cannot get path "/metrics"');
  });
});
