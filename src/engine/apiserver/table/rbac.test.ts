import type { RoleBinding } from 'kubernetes-types/rbac/v1';
import { describe, expect, it } from 'vitest';
import { roleBindingPrinter } from './rbac';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' };

describe('roleBindingPrinter', () => {
  it('prints a role binding with its subjects in wide columns', () => {
    const rb: RoleBinding = {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [
        { kind: 'User', name: 'jane' },
        { kind: 'Group', name: 'devs' },
        { kind: 'ServiceAccount', namespace: 'ci', name: 'builder' },
        { kind: 'User', name: 'joe' },
      ],
    };
    expect(roleBindingPrinter.cells(rb, now)).toEqual(['web', 'ClusterRole/view', '60m', 'jane, joe', 'devs', 'ci/builder']);
    expect(roleBindingPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual(['Name:0', 'Role:0', 'Age:0', 'Users:1', 'Groups:1', 'ServiceAccounts:1']);
  });
});
