import type { ClusterRoleBinding, RoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import type { Printer, TableColumnDefinition } from './types';

// RoleBinding and ClusterRoleBinding printers of pkg/printers/internalversion/printers.go (v1.32).
// Roles and ClusterRoles have no printer upstream: they use the default NAME / CREATED AT table.

/** subjectsStrings splits subjects into users, groups and "namespace/name" service accounts (rbac.SubjectsStrings). */
export function subjectsStrings(subjects: readonly Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === 'ServiceAccount') serviceAccounts.push(`${s.namespace ?? ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingColumns(kind: string, roleRefDescription: string): TableColumnDefinition[] {
  return [
    nameColumn,
    column('Role', 'string', roleRefDescription),
    ageColumn,
    wideColumn('Users', 'string', `Users in the ${kind}`),
    wideColumn('Groups', 'string', `Groups in the ${kind}`),
    wideColumn('ServiceAccounts', 'string', `ServiceAccounts in the ${kind}`),
  ];
}

function bindingCells(b: RoleBinding | ClusterRoleBinding, now: number): string[] {
  const { users, groups, serviceAccounts } = subjectsStrings(b.subjects);
  return [
    b.metadata?.name ?? '',
    `${b.roleRef.kind}/${b.roleRef.name}`,
    translateTimestampSince(b.metadata?.creationTimestamp, now),
    users.join(', '),
    groups.join(', '),
    serviceAccounts.join(', '),
  ];
}

/** roleBindingPrinter: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingPrinter: Printer<RoleBinding> = {
  columns: bindingColumns('roleBinding', docs.roleBindingRoleRef),
  cells: bindingCells,
};

/** clusterRoleBindingPrinter: NAME ROLE AGE, wide USERS GROUPS SERVICEACCOUNTS. */
export const clusterRoleBindingPrinter: Printer<ClusterRoleBinding> = {
  columns: bindingColumns('clusterRoleBinding', docs.clusterRoleBindingRoleRef),
  cells: bindingCells,
};
