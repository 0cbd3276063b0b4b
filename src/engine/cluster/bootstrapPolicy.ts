import type { ClusterRole, ClusterRoleBinding, Subject } from 'kubernetes-types/rbac/v1';
import type { TypedObject } from '../api/object';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { Resources } from '../apiserver/registry/resources';
import clusterRoles from './bootstrapPolicy.generated.json';

// The default RBAC policy kube-apiserver's rbac/bootstrap-roles hook writes (plugin/pkg/auth/
// authorizer/rbac/bootstrappolicy): its ClusterRoles, generated from the upstream testdata by
// scripts/generateBootstrapPolicy.ts, and its ClusterRoleBindings, plus the binding kubeadm adds for
// the admin kubeconfig's group. The controllers' own roles (system:controller:*) are not written.

const bootstrapMeta = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };
const rbacGroup = 'rbac.authorization.k8s.io';
const group = (name: string): Subject => ({ apiGroup: rbacGroup, kind: 'Group', name });
const user = (name: string): Subject => ({ apiGroup: rbacGroup, kind: 'User', name });

function binding(name: string, subjects: Subject[] | undefined, role = name, meta: object = bootstrapMeta): ClusterRoleBinding {
  return { apiVersion: `${rbacGroup}/v1`, kind: 'ClusterRoleBinding', metadata: { name, ...meta }, roleRef: { apiGroup: rbacGroup, kind: 'ClusterRole', name: role }, subjects };
}

/** bootstrapClusterRoleBindings are bootstrappolicy.ClusterRoleBindings() (v1.32) and kubeadm's kubeadm:cluster-admins. */
function bootstrapClusterRoleBindings(): ClusterRoleBinding[] {
  return [
    binding('cluster-admin', [group('system:masters')]),
    binding('system:monitoring', [group('system:monitoring')]),
    binding('system:discovery', [group('system:authenticated')]),
    binding('system:basic-user', [group('system:authenticated')]),
    binding('system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
    binding('system:node-proxier', [user('system:kube-proxy')]),
    binding('system:kube-controller-manager', [user('system:kube-controller-manager')]),
    binding('system:kube-dns', [{ kind: 'ServiceAccount', name: 'kube-dns', namespace: 'kube-system' }]),
    binding('system:kube-scheduler', [user('system:kube-scheduler')]),
    binding('system:volume-scheduler', [user('system:kube-scheduler')]),
    binding('system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
    // The Node authorizer grants kubelets what they need; the binding is kept without subjects.
    binding('system:node', undefined),
    binding('kubeadm:cluster-admins', [group('kubeadm:cluster-admins')], 'cluster-admin', {}),
  ];
}

/** bootstrapPolicyObjects are the default ClusterRoles and ClusterRoleBindings, roles first. */
export function bootstrapPolicyObjects(): [ResourceDefinition, TypedObject][] {
  return [
    ...(clusterRoles as unknown as ClusterRole[]).map((r): [ResourceDefinition, TypedObject] => [Resources.clusterroles, r as TypedObject]),
    ...bootstrapClusterRoleBindings().map((b): [ResourceDefinition, TypedObject] => [Resources.clusterrolebindings, b as TypedObject]),
  ];
}
