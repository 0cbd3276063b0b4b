import { describe, expect, it } from 'vitest';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './rbac';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

describe('rbac strategies', () => {
  it.each([
    ['a rule without verbs', { resources: ['pods'], apiGroups: [''] }, ['rules[0].verbs: Required value: verbs must contain at least one value']],
    ['a rule without groups or resources', { verbs: ['get'] }, ['rules[0].apiGroups: Required value: resource rules must supply at least one api group', 'rules[0].resources: Required value: resource rules must supply at least one resource']],
    ['non-resource URLs in a Role', { verbs: ['get'], nonResourceURLs: ['/healthz'] }, ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs']],
  ])('rejects a Role with %s', (_n, rule, want) => {
    expect(simulateCreate(roleStrategy, { metadata: { name: 'r' }, rules: [rule] }).errors).toEqual(want);
  });

  it('allows non-resource URLs in a ClusterRole', () => {
    expect(simulateCreate(clusterRoleStrategy, { metadata: { name: 'r' }, rules: [{ verbs: ['get'], nonResourceURLs: ['/healthz'] }] }).errors).toEqual([]);
  });

  it('defaults apiGroups of roleRef and of user subjects', () => {
    const { obj, errors } = simulateCreate(roleBindingStrategy, {
      metadata: { name: 'b' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'default' }],
    });
    expect(errors).toEqual([]);
    expect(obj.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' });
    expect((obj.subjects as any)[0].apiGroup).toBe('rbac.authorization.k8s.io');
    expect((obj.subjects as any)[1].apiGroup).toBeUndefined();
  });

  it('requires a ClusterRole and namespaced service accounts in a ClusterRoleBinding', () => {
    const { errors } = simulateCreate(clusterRoleBindingStrategy, {
      metadata: { name: 'b' },
      roleRef: { kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'default' }],
    });
    expect(errors).toEqual(['roleRef.kind: Unsupported value: "Role": supported values: "ClusterRole"', 'subjects[0].namespace: Required value']);
  });

  it('never lets a binding change its roleRef', () => {
    const old = stored(simulateCreate(roleBindingStrategy, { metadata: { name: 'b' }, roleRef: { kind: 'Role', name: 'r' } }).obj);
    const next = { ...structuredClone(old), roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' } };
    expect(simulateUpdate(roleBindingStrategy, next, old).errors).toEqual([
      'roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"ClusterRole", Name:"view"}: cannot change roleRef',
    ]);
  });
});
