import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';
import { property } from './overlayUtil';

// Merge and list markers of the served fields, read off the `+listType`, `+listMapKey`, `+mapType`,
// `+structType` comments and `patchStrategy`/`patchMergeKey` tags in k8s.io/api and k8s.io/apimachinery
// v0.32.0 types.go. kube-openapi serves them as x-kubernetes-* extensions; kubectl apply and strategic
// merge patch read them. Spelled as space-separated `name=value` pairs to keep the table readable.

/** listMarkers maps definition → field → markers. */
const listMarkers: Record<string, Record<string, string>> = {
  'io.k8s.api.apps.v1.DaemonSetStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.apps.v1.DeploymentSpec': { strategy: 'patch=retainKeys' },
  'io.k8s.api.apps.v1.DeploymentStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.apps.v1.StatefulSetSpec': { volumeClaimTemplates: 'list=atomic' },
  'io.k8s.api.apps.v1.StatefulSetStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { policies: 'list=atomic' },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec': { metrics: 'list=atomic' },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': {
    conditions: 'list=map keys=type patch=merge key=type',
    currentMetrics: 'list=atomic',
  },
  'io.k8s.api.batch.v1.CronJobStatus': { active: 'list=atomic' },
  'io.k8s.api.batch.v1.JobStatus': { conditions: 'list=atomic patch=merge key=type' },
  'io.k8s.api.batch.v1.PodFailurePolicy': { rules: 'list=atomic' },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { values: 'list=set' },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { onPodConditions: 'list=atomic' },
  'io.k8s.api.batch.v1.SuccessPolicy': { rules: 'list=atomic' },
  'io.k8s.api.batch.v1.UncountedTerminatedPods': { failed: 'list=set', succeeded: 'list=set' },
  'io.k8s.api.core.v1.Capabilities': { add: 'list=atomic', drop: 'list=atomic' },
  'io.k8s.api.core.v1.CephFSPersistentVolumeSource': { monitors: 'list=atomic' },
  'io.k8s.api.core.v1.CephFSVolumeSource': { monitors: 'list=atomic' },
  'io.k8s.api.core.v1.ConfigMapProjection': { items: 'list=atomic' },
  'io.k8s.api.core.v1.ConfigMapVolumeSource': { items: 'list=atomic' },
  'io.k8s.api.core.v1.Container': {
    args: 'list=atomic',
    command: 'list=atomic',
    env: 'list=map keys=name patch=merge key=name',
    envFrom: 'list=atomic',
    ports: 'list=map keys=containerPort,protocol patch=merge key=containerPort',
    resizePolicy: 'list=atomic',
    volumeDevices: 'list=map keys=devicePath patch=merge key=devicePath',
    volumeMounts: 'list=map keys=mountPath patch=merge key=mountPath',
  },
  'io.k8s.api.core.v1.ContainerImage': { names: 'list=atomic' },
  'io.k8s.api.core.v1.ContainerStatus': {
    allocatedResourcesStatus: 'list=map keys=name patch=merge key=name',
    volumeMounts: 'list=map keys=mountPath patch=merge key=mountPath',
  },
  'io.k8s.api.core.v1.DownwardAPIProjection': { items: 'list=atomic' },
  'io.k8s.api.core.v1.DownwardAPIVolumeSource': { items: 'list=atomic' },
  'io.k8s.api.core.v1.EndpointSubset': {
    addresses: 'list=atomic',
    notReadyAddresses: 'list=atomic',
    ports: 'list=atomic',
  },
  'io.k8s.api.core.v1.Endpoints': { subsets: 'list=atomic' },
  'io.k8s.api.core.v1.EphemeralContainer': {
    args: 'list=atomic',
    command: 'list=atomic',
    env: 'list=map keys=name patch=merge key=name',
    envFrom: 'list=atomic',
    ports: 'list=map keys=containerPort,protocol patch=merge key=containerPort',
    resizePolicy: 'list=atomic',
    volumeDevices: 'list=map keys=devicePath patch=merge key=devicePath',
    volumeMounts: 'list=map keys=mountPath patch=merge key=mountPath',
  },
  'io.k8s.api.core.v1.ExecAction': { command: 'list=atomic' },
  'io.k8s.api.core.v1.FCVolumeSource': { targetWWNs: 'list=atomic', wwids: 'list=atomic' },
  'io.k8s.api.core.v1.HTTPGetAction': { httpHeaders: 'list=atomic' },
  'io.k8s.api.core.v1.HostAlias': { hostnames: 'list=atomic' },
  'io.k8s.api.core.v1.ISCSIPersistentVolumeSource': { portals: 'list=atomic' },
  'io.k8s.api.core.v1.ISCSIVolumeSource': { portals: 'list=atomic' },
  'io.k8s.api.core.v1.LimitRangeSpec': { limits: 'list=atomic' },
  'io.k8s.api.core.v1.LinuxContainerUser': { supplementalGroups: 'list=atomic' },
  'io.k8s.api.core.v1.LoadBalancerIngress': { ports: 'list=atomic' },
  'io.k8s.api.core.v1.LoadBalancerStatus': { ingress: 'list=atomic' },
  'io.k8s.api.core.v1.NamespaceSpec': { finalizers: 'list=atomic' },
  'io.k8s.api.core.v1.NamespaceStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.core.v1.NodeAffinity': { preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic' },
  'io.k8s.api.core.v1.NodeSelector': { nodeSelectorTerms: 'list=atomic' },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { values: 'list=atomic' },
  'io.k8s.api.core.v1.NodeSelectorTerm': { matchExpressions: 'list=atomic', matchFields: 'list=atomic' },
  'io.k8s.api.core.v1.NodeSpec': { podCIDRs: 'list=set patch=merge', taints: 'list=atomic' },
  'io.k8s.api.core.v1.NodeStatus': {
    addresses: 'list=map keys=type patch=merge key=type',
    conditions: 'list=map keys=type patch=merge key=type',
    images: 'list=atomic',
    runtimeHandlers: 'list=atomic',
    volumesAttached: 'list=atomic',
    volumesInUse: 'list=atomic',
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': { accessModes: 'list=atomic' },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': {
    accessModes: 'list=atomic',
    allocatedResourceStatuses: 'map=granular',
    conditions: 'list=map keys=type patch=merge key=type',
  },
  'io.k8s.api.core.v1.PersistentVolumeSpec': {
    accessModes: 'list=atomic',
    claimRef: 'struct=granular',
    mountOptions: 'list=atomic',
  },
  'io.k8s.api.core.v1.PodAffinity': {
    preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
    requiredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
  },
  'io.k8s.api.core.v1.PodAffinityTerm': {
    matchLabelKeys: 'list=atomic',
    mismatchLabelKeys: 'list=atomic',
    namespaces: 'list=atomic',
  },
  'io.k8s.api.core.v1.PodAntiAffinity': {
    preferredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
    requiredDuringSchedulingIgnoredDuringExecution: 'list=atomic',
  },
  'io.k8s.api.core.v1.PodDNSConfig': { nameservers: 'list=atomic', options: 'list=atomic', searches: 'list=atomic' },
  'io.k8s.api.core.v1.PodSecurityContext': { supplementalGroups: 'list=atomic', sysctls: 'list=atomic' },
  'io.k8s.api.core.v1.PodSpec': {
    containers: 'list=map keys=name patch=merge key=name',
    ephemeralContainers: 'list=map keys=name patch=merge key=name',
    hostAliases: 'list=map keys=ip patch=merge key=ip',
    imagePullSecrets: 'list=map keys=name patch=merge key=name',
    initContainers: 'list=map keys=name patch=merge key=name',
    nodeSelector: 'map=atomic',
    readinessGates: 'list=atomic',
    resourceClaims: 'list=map keys=name patch=merge,retainKeys key=name',
    schedulingGates: 'list=map keys=name patch=merge key=name',
    tolerations: 'list=atomic',
    topologySpreadConstraints: 'list=map keys=topologyKey,whenUnsatisfiable patch=merge key=topologyKey',
    volumes: 'list=map keys=name patch=merge,retainKeys key=name',
  },
  'io.k8s.api.core.v1.PodStatus': {
    conditions: 'list=map keys=type patch=merge key=type',
    containerStatuses: 'list=atomic',
    ephemeralContainerStatuses: 'list=atomic',
    hostIPs: 'list=atomic patch=merge key=ip',
    initContainerStatuses: 'list=atomic',
    podIPs: 'list=map keys=ip patch=merge key=ip',
    resourceClaimStatuses: 'list=map keys=name patch=merge,retainKeys key=name',
  },
  'io.k8s.api.core.v1.ProjectedVolumeSource': { sources: 'list=atomic' },
  'io.k8s.api.core.v1.RBDPersistentVolumeSource': { monitors: 'list=atomic' },
  'io.k8s.api.core.v1.RBDVolumeSource': { monitors: 'list=atomic' },
  'io.k8s.api.core.v1.ReplicationControllerSpec': { selector: 'map=atomic' },
  'io.k8s.api.core.v1.ReplicationControllerStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.core.v1.ResourceQuotaSpec': { scopes: 'list=atomic' },
  'io.k8s.api.core.v1.ResourceRequirements': { claims: 'list=map keys=name' },
  'io.k8s.api.core.v1.ResourceStatus': { resources: 'list=map keys=resourceID' },
  'io.k8s.api.core.v1.ScopeSelector': { matchExpressions: 'list=atomic' },
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement': { values: 'list=atomic' },
  'io.k8s.api.core.v1.SecretProjection': { items: 'list=atomic' },
  'io.k8s.api.core.v1.SecretVolumeSource': { items: 'list=atomic' },
  'io.k8s.api.core.v1.ServiceAccount': {
    imagePullSecrets: 'list=atomic',
    secrets: 'list=map keys=name patch=merge key=name',
  },
  'io.k8s.api.core.v1.ServiceSpec': {
    clusterIPs: 'list=atomic',
    externalIPs: 'list=atomic',
    ipFamilies: 'list=atomic',
    loadBalancerSourceRanges: 'list=atomic',
    ports: 'list=map keys=port,protocol patch=merge key=port',
    selector: 'map=atomic',
  },
  'io.k8s.api.core.v1.ServiceStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.core.v1.TopologySelectorLabelRequirement': { values: 'list=atomic' },
  'io.k8s.api.core.v1.TopologySelectorTerm': { matchLabelExpressions: 'list=atomic' },
  'io.k8s.api.core.v1.TopologySpreadConstraint': { matchLabelKeys: 'list=atomic' },
  'io.k8s.api.discovery.v1.Endpoint': { addresses: 'list=set' },
  'io.k8s.api.discovery.v1.EndpointHints': { forZones: 'list=atomic' },
  'io.k8s.api.discovery.v1.EndpointSlice': { endpoints: 'list=atomic', ports: 'list=atomic' },
  'io.k8s.api.networking.v1.HTTPIngressRuleValue': { paths: 'list=atomic' },
  'io.k8s.api.networking.v1.IPBlock': { except: 'list=atomic' },
  'io.k8s.api.networking.v1.IngressLoadBalancerIngress': { ports: 'list=atomic' },
  'io.k8s.api.networking.v1.IngressLoadBalancerStatus': { ingress: 'list=atomic' },
  'io.k8s.api.networking.v1.IngressSpec': { rules: 'list=atomic', tls: 'list=atomic' },
  'io.k8s.api.networking.v1.IngressTLS': { hosts: 'list=atomic' },
  'io.k8s.api.networking.v1.NetworkPolicyEgressRule': { ports: 'list=atomic', to: 'list=atomic' },
  'io.k8s.api.networking.v1.NetworkPolicyIngressRule': { from: 'list=atomic', ports: 'list=atomic' },
  'io.k8s.api.networking.v1.NetworkPolicySpec': {
    egress: 'list=atomic',
    ingress: 'list=atomic',
    policyTypes: 'list=atomic',
  },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { selector: 'patch=replace' },
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': { conditions: 'list=map keys=type patch=merge key=type' },
  'io.k8s.api.rbac.v1.AggregationRule': { clusterRoleSelectors: 'list=atomic' },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: 'list=atomic' },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { subjects: 'list=atomic' },
  'io.k8s.api.rbac.v1.PolicyRule': {
    apiGroups: 'list=atomic',
    nonResourceURLs: 'list=atomic',
    resourceNames: 'list=atomic',
    resources: 'list=atomic',
    verbs: 'list=atomic',
  },
  'io.k8s.api.rbac.v1.Role': { rules: 'list=atomic' },
  'io.k8s.api.rbac.v1.RoleBinding': { subjects: 'list=atomic' },
  'io.k8s.api.storage.v1.StorageClass': { allowedTopologies: 'list=atomic', mountOptions: 'list=atomic' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': { dryRun: 'list=atomic' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector': { matchExpressions: 'list=atomic' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { values: 'list=atomic' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    finalizers: 'list=set patch=merge',
    managedFields: 'list=atomic',
    ownerReferences: 'list=map keys=uid patch=merge key=uid',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status': { details: 'list=atomic' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails': { causes: 'list=atomic' },};

/** applyListMarkers writes the markers as the x-kubernetes-* extensions kube-openapi emits. */
export function applyListMarkers(defs: Map<string, StoredSchema>): void {
  for (const [definition, fields] of Object.entries(listMarkers)) {
    for (const [field, markers] of Object.entries(fields)) {
      const schema = property(defs, definition, field);
      for (const marker of markers.split(' ')) {
        const [name, value] = marker.split('=');
        switch (name) {
          case 'list':
            schema['x-kubernetes-list-type'] = value;
            break;
          case 'keys':
            schema['x-kubernetes-list-map-keys'] = value.split(',');
            break;
          case 'map':
          case 'struct':
            // +mapType and +structType both become x-kubernetes-map-type.
            schema['x-kubernetes-map-type'] = value;
            break;
          case 'patch':
            schema['x-kubernetes-patch-strategy'] = value;
            break;
          case 'key':
            schema['x-kubernetes-patch-merge-key'] = value;
            break;
          default:
            throw new Error(`unknown marker ${marker} on ${definition}.${field}`);
        }
      }
    }
  }
}
