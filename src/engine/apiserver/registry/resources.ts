import { allVerbs, type ResourceDefinition, type Verb } from './resourceDefinition';

// The resources a v1.32 kube-apiserver serves that this engine serves too, with the names, short
// names and categories `kubectl api-resources` prints for them.

// events.k8s.io/v1 Event shares core/v1 Event's storage (storageGroup ''), converted on the way.
interface Spec {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: Verb[];
  subresources?: string[];
  storageVersion?: string;
  storageGroup?: string;
  preferred?: boolean;
}

function def(s: Spec): ResourceDefinition {
  return {
    group: s.group,
    version: s.version,
    resource: s.resource,
    kind: s.kind,
    singularName: s.kind.toLowerCase(),
    namespaced: s.namespaced,
    shortNames: s.shortNames,
    categories: s.categories,
    verbs: s.verbs ?? allVerbs,
    subresources: s.subresources,
    storage: { group: s.storageGroup ?? s.group, resource: s.resource, version: s.storageVersion ?? s.version },
    preferred: s.preferred,
  };
}

const all = ['all'];
const noCollectionDelete: Verb[] = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

/** Resources lists every served resource, keyed by a short id that code refers to. */
export const Resources = {
  namespaces: def({ group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false, shortNames: ['ns'], verbs: noCollectionDelete, subresources: ['finalize', 'status'] }),
  nodes: def({ group: '', version: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, shortNames: ['no'], subresources: ['proxy', 'status'] }),
  pods: def({ group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true, shortNames: ['po'], categories: all, subresources: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'] }),
  bindings: def({ group: '', version: 'v1', resource: 'bindings', kind: 'Binding', namespaced: true, verbs: ['create'] }),
  services: def({ group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true, shortNames: ['svc'], categories: all, verbs: allVerbs, subresources: ['proxy', 'status'] }),
  endpoints: def({ group: '', version: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'] }),
  configmaps: def({ group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] }),
  secrets: def({ group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true }),
  serviceaccounts: def({ group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true, shortNames: ['sa'], subresources: ['token'] }),
  events: def({ group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] }),
  persistentvolumes: def({ group: '', version: 'v1', resource: 'persistentvolumes', kind: 'PersistentVolume', namespaced: false, shortNames: ['pv'], subresources: ['status'] }),
  persistentvolumeclaims: def({ group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim', namespaced: true, shortNames: ['pvc'], subresources: ['status'] }),
  replicationcontrollers: def({ group: '', version: 'v1', resource: 'replicationcontrollers', kind: 'ReplicationController', namespaced: true, shortNames: ['rc'], categories: all, subresources: ['scale', 'status'] }),
  resourcequotas: def({ group: '', version: 'v1', resource: 'resourcequotas', kind: 'ResourceQuota', namespaced: true, shortNames: ['quota'], subresources: ['status'] }),
  limitranges: def({ group: '', version: 'v1', resource: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] }),
  podtemplates: def({ group: '', version: 'v1', resource: 'podtemplates', kind: 'PodTemplate', namespaced: true }),
  deployments: def({ group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'], categories: all, subresources: ['scale', 'status'] }),
  replicasets: def({ group: 'apps', version: 'v1', resource: 'replicasets', kind: 'ReplicaSet', namespaced: true, shortNames: ['rs'], categories: all, subresources: ['scale', 'status'] }),
  statefulsets: def({ group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true, shortNames: ['sts'], categories: all, subresources: ['scale', 'status'] }),
  daemonsets: def({ group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet', namespaced: true, shortNames: ['ds'], categories: all, subresources: ['status'] }),
  controllerrevisions: def({ group: 'apps', version: 'v1', resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true }),
  jobs: def({ group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true, categories: all, subresources: ['status'] }),
  cronjobs: def({ group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true, shortNames: ['cj'], categories: all, subresources: ['status'] }),
  horizontalpodautoscalersV2: def({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: all, subresources: ['status'] }),
  horizontalpodautoscalersV1: def({ group: 'autoscaling', version: 'v1', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true, shortNames: ['hpa'], categories: all, subresources: ['status'], storageVersion: 'v2', preferred: false }),
  ingresses: def({ group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'], subresources: ['status'] }),
  ingressclasses: def({ group: 'networking.k8s.io', version: 'v1', resource: 'ingressclasses', kind: 'IngressClass', namespaced: false }),
  networkpolicies: def({ group: 'networking.k8s.io', version: 'v1', resource: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true, shortNames: ['netpol'] }),
  poddisruptionbudgets: def({ group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true, shortNames: ['pdb'], subresources: ['status'] }),
  storageclasses: def({ group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses', kind: 'StorageClass', namespaced: false, shortNames: ['sc'] }),
  certificatesigningrequests: def({ group: 'certificates.k8s.io', version: 'v1', resource: 'certificatesigningrequests', kind: 'CertificateSigningRequest', namespaced: false, shortNames: ['csr'], subresources: ['approval', 'status'] }),
  leases: def({ group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease', namespaced: true }),
  endpointslices: def({ group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true }),
  eventsV1: def({ group: 'events.k8s.io', version: 'v1', resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'], storageGroup: '' }),
  roles: def({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true }),
  clusterroles: def({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false }),
  rolebindings: def({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true }),
  clusterrolebindings: def({ group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false }),
  localsubjectaccessreviews: def({ group: 'authorization.k8s.io', version: 'v1', resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: ['create'] }),
  selfsubjectaccessreviews: def({ group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] }),
  selfsubjectrulesreviews: def({ group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] }),
  subjectaccessreviews: def({ group: 'authorization.k8s.io', version: 'v1', resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: ['create'] }),
  selfsubjectreviews: def({ group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] }),
  tokenreviews: def({ group: 'authentication.k8s.io', version: 'v1', resource: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: ['create'] }),
  priorityclasses: def({ group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', kind: 'PriorityClass', namespaced: false, shortNames: ['pc'] }),
} satisfies Record<string, ResourceDefinition>;

export type ResourceId = keyof typeof Resources;

/** allResources lists the definitions in discovery order. */
export const allResources: ResourceDefinition[] = Object.values(Resources);
