import type { ApiClient } from '../client/apiClient';
import { Resources } from '../apiserver/registry/resources';
import { isApiError } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import type { TypedObject } from '../api/object';
import { IsDefaultStorageClassAnnotation } from '../apiserver/registry/persistentvolumeclaims';
import { LocalPathProvisionerName } from '../controllers/volume/localPathProvisioner';
import { bootstrapPolicyObjects } from './bootstrapPolicy';
import { nodeIPFor } from './topology';

/** SystemNamespaces are the namespaces every v1.32 cluster starts with. */
export const SystemNamespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/**
 * bootstrapObjects are what kube-apiserver's bootstrap controllers and kubeadm create before any
 * workload: the system namespaces, the `kubernetes` Service (ClusterIP 10.96.0.1) and its
 * endpoints, the system PriorityClasses, kube-dns's Service (10.96.0.10), kind's default
 * StorageClass `standard` and the default RBAC policy.
 */
function bootstrapObjects(advertiseAddress: string): [ResourceDefinition, TypedObject][] {
  const objs: [ResourceDefinition, TypedObject][] = SystemNamespaces.map((name) => [
    Resources.namespaces,
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  ]);
  objs.push([
    Resources.priorityclasses,
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-cluster-critical' },
      value: 2000000000,
      description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.',
    } as TypedObject,
  ]);
  objs.push([
    Resources.priorityclasses,
    {
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'system-node-critical' },
      value: 2000001000,
      description: 'Used for system critical pods that must not be moved from their current node.',
    } as TypedObject,
  ]);
  objs.push([
    Resources.services,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], sessionAffinity: 'None', type: 'ClusterIP' },
    } as TypedObject,
  ]);
  // The API server's own endpoint reconciler publishes its advertise address behind `kubernetes`,
  // in Endpoints (kept from mirroring) and in the EndpointSlice it writes alongside (endpointsadapter.go).
  const https = { name: 'https', port: 6443, protocol: 'TCP' };
  objs.push([
    Resources.endpoints,
    {
      apiVersion: 'v1',
      kind: 'Endpoints',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
      subsets: [{ addresses: [{ ip: advertiseAddress }], ports: [https] }],
    } as TypedObject,
  ]);
  objs.push([
    Resources.endpointslices,
    {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
      addressType: 'IPv4',
      endpoints: [{ addresses: [advertiseAddress], conditions: { ready: true } }],
      ports: [https],
    } as TypedObject,
  ]);
  objs.push([
    Resources.services,
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: 'kube-dns',
        namespace: 'kube-system',
        labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
        annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      },
      spec: {
        clusterIP: '10.96.0.10',
        selector: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
      },
    } as TypedObject,
  ]);
  // kind installs rancher/local-path-provisioner and this class (kind's default-storage manifest).
  objs.push([
    Resources.storageclasses,
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'standard', annotations: { [IsDefaultStorageClassAnnotation]: 'true' } },
      provisioner: LocalPathProvisionerName,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    } as TypedObject,
  ]);
  objs.push(...bootstrapPolicyObjects());
  return objs;
}

/** bootstrapCluster creates the bootstrap objects through the API; existing ones are kept. */
export async function bootstrapCluster(client: ApiClient, advertiseAddress = nodeIPFor(0)): Promise<void> {
  for (const [res, obj] of bootstrapObjects(advertiseAddress)) {
    try {
      await client.create(res, obj);
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
    }
  }
}
