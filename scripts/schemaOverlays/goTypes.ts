import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';
import { property } from './overlayUtil';

// Go field types kubernetes-types cannot express, read off k8s.io/api and k8s.io/apimachinery v0.32.0
// types.go: every field whose Go type differs from the one its JSON schema implies (a TypeScript number
// is an int32, a string a string, a $ref the Go struct of that name). Decode errors print these types
// ("json: cannot unmarshal number into Go struct field PodSpec.spec.restartPolicy of type
// v1.RestartPolicy"), and int64 and []byte also change the served schema (format int64 / byte).

/** goTypes maps definition → field → Go reflect type string. */
const goTypes: Record<string, Record<string, string>> = {
  'io.k8s.api.apps.v1.ControllerRevision': { revision: 'int64' },
  'io.k8s.api.apps.v1.DaemonSetCondition': { status: 'v1.ConditionStatus', type: 'v1.DaemonSetConditionType' },
  'io.k8s.api.apps.v1.DaemonSetStatus': { observedGeneration: 'int64' },
  'io.k8s.api.apps.v1.DaemonSetUpdateStrategy': { type: 'v1.DaemonSetUpdateStrategyType' },
  'io.k8s.api.apps.v1.DeploymentCondition': { status: 'v1.ConditionStatus', type: 'v1.DeploymentConditionType' },
  'io.k8s.api.apps.v1.DeploymentStatus': { observedGeneration: 'int64' },
  'io.k8s.api.apps.v1.DeploymentStrategy': { type: 'v1.DeploymentStrategyType' },
  'io.k8s.api.apps.v1.ReplicaSetCondition': { status: 'v1.ConditionStatus', type: 'v1.ReplicaSetConditionType' },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { observedGeneration: 'int64' },
  'io.k8s.api.apps.v1.StatefulSetCondition': { status: 'v1.ConditionStatus', type: 'v1.StatefulSetConditionType' },
  'io.k8s.api.apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy': {
    whenDeleted: 'v1.PersistentVolumeClaimRetentionPolicyType',
    whenScaled: 'v1.PersistentVolumeClaimRetentionPolicyType',
  },
  'io.k8s.api.apps.v1.StatefulSetSpec': { podManagementPolicy: 'v1.PodManagementPolicyType' },
  'io.k8s.api.apps.v1.StatefulSetStatus': { observedGeneration: 'int64' },
  'io.k8s.api.apps.v1.StatefulSetUpdateStrategy': { type: 'v1.StatefulSetUpdateStrategyType' },
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus': { observedGeneration: 'int64' },
  'io.k8s.api.autoscaling.v2.ContainerResourceMetricSource': { name: 'v1.ResourceName' },
  'io.k8s.api.autoscaling.v2.ContainerResourceMetricStatus': { name: 'v1.ResourceName' },
  'io.k8s.api.autoscaling.v2.HPAScalingPolicy': { type: 'v2.HPAScalingPolicyType' },
  'io.k8s.api.autoscaling.v2.HPAScalingRules': { selectPolicy: 'v2.ScalingPolicySelect' },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerCondition': {
    status: 'v1.ConditionStatus',
    type: 'v2.HorizontalPodAutoscalerConditionType',
  },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { observedGeneration: 'int64' },
  'io.k8s.api.autoscaling.v2.MetricSpec': { type: 'v2.MetricSourceType' },
  'io.k8s.api.autoscaling.v2.MetricStatus': { type: 'v2.MetricSourceType' },
  'io.k8s.api.autoscaling.v2.MetricTarget': { type: 'v2.MetricTargetType' },
  'io.k8s.api.autoscaling.v2.ResourceMetricSource': { name: 'v1.ResourceName' },
  'io.k8s.api.autoscaling.v2.ResourceMetricStatus': { name: 'v1.ResourceName' },
  'io.k8s.api.batch.v1.CronJobSpec': { concurrencyPolicy: 'v1.ConcurrencyPolicy', startingDeadlineSeconds: 'int64' },
  'io.k8s.api.batch.v1.JobCondition': { status: 'v1.ConditionStatus', type: 'v1.JobConditionType' },
  'io.k8s.api.batch.v1.JobSpec': {
    activeDeadlineSeconds: 'int64',
    completionMode: 'v1.CompletionMode',
    podReplacementPolicy: 'v1.PodReplacementPolicy',
  },
  'io.k8s.api.batch.v1.PodFailurePolicyOnExitCodesRequirement': { operator: 'v1.PodFailurePolicyOnExitCodesOperator' },
  'io.k8s.api.batch.v1.PodFailurePolicyOnPodConditionsPattern': {
    status: 'v1.ConditionStatus',
    type: 'v1.PodConditionType',
  },
  'io.k8s.api.batch.v1.PodFailurePolicyRule': { action: 'v1.PodFailurePolicyAction' },
  'io.k8s.api.batch.v1.UncountedTerminatedPods': { failed: '[]types.UID', succeeded: '[]types.UID' },
  'io.k8s.api.coordination.v1.LeaseSpec': { strategy: 'v1.CoordinatedLeaseStrategy' },
  'io.k8s.api.core.v1.AppArmorProfile': { type: 'v1.AppArmorProfileType' },
  'io.k8s.api.core.v1.AttachedVolume': { name: 'v1.UniqueVolumeName' },
  'io.k8s.api.core.v1.AzureDiskVolumeSource': {
    cachingMode: 'v1.AzureDataDiskCachingMode',
    kind: 'v1.AzureDataDiskKind',
  },
  'io.k8s.api.core.v1.Capabilities': { add: '[]v1.Capability', drop: '[]v1.Capability' },
  'io.k8s.api.core.v1.ConfigMap': { binaryData: 'map[string][]uint8' },
  'io.k8s.api.core.v1.ConfigMapNodeConfigSource': { uid: 'types.UID' },
  'io.k8s.api.core.v1.Container': {
    imagePullPolicy: 'v1.PullPolicy',
    restartPolicy: 'v1.ContainerRestartPolicy',
    terminationMessagePolicy: 'v1.TerminationMessagePolicy',
  },
  'io.k8s.api.core.v1.ContainerImage': { sizeBytes: 'int64' },
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'v1.Protocol' },
  'io.k8s.api.core.v1.ContainerResizePolicy': {
    resourceName: 'v1.ResourceName',
    restartPolicy: 'v1.ResourceResizeRestartPolicy',
  },
  'io.k8s.api.core.v1.ContainerStatus': { allocatedResources: 'v1.ResourceList' },
  'io.k8s.api.core.v1.EmptyDirVolumeSource': { medium: 'v1.StorageMedium' },
  'io.k8s.api.core.v1.EndpointPort': { protocol: 'v1.Protocol' },
  'io.k8s.api.core.v1.EphemeralContainer': {
    imagePullPolicy: 'v1.PullPolicy',
    restartPolicy: 'v1.ContainerRestartPolicy',
    terminationMessagePolicy: 'v1.TerminationMessagePolicy',
  },
  'io.k8s.api.core.v1.HTTPGetAction': { scheme: 'v1.URIScheme' },
  'io.k8s.api.core.v1.HostPathVolumeSource': { type: 'v1.HostPathType' },
  'io.k8s.api.core.v1.ImageVolumeSource': { pullPolicy: 'v1.PullPolicy' },
  'io.k8s.api.core.v1.LimitRangeItem': {
    default: 'v1.ResourceList',
    defaultRequest: 'v1.ResourceList',
    max: 'v1.ResourceList',
    maxLimitRequestRatio: 'v1.ResourceList',
    min: 'v1.ResourceList',
    type: 'v1.LimitType',
  },
  'io.k8s.api.core.v1.LoadBalancerIngress': { ipMode: 'v1.LoadBalancerIPMode' },
  'io.k8s.api.core.v1.ModifyVolumeStatus': { status: 'v1.PersistentVolumeClaimModifyVolumeStatus' },
  'io.k8s.api.core.v1.NamespaceCondition': { status: 'v1.ConditionStatus', type: 'v1.NamespaceConditionType' },
  'io.k8s.api.core.v1.NamespaceSpec': { finalizers: '[]v1.FinalizerName' },
  'io.k8s.api.core.v1.NamespaceStatus': { phase: 'v1.NamespacePhase' },
  'io.k8s.api.core.v1.NodeAddress': { type: 'v1.NodeAddressType' },
  'io.k8s.api.core.v1.NodeCondition': { status: 'v1.ConditionStatus', type: 'v1.NodeConditionType' },
  'io.k8s.api.core.v1.NodeSelectorRequirement': { operator: 'v1.NodeSelectorOperator' },
  'io.k8s.api.core.v1.NodeStatus': {
    allocatable: 'v1.ResourceList',
    capacity: 'v1.ResourceList',
    phase: 'v1.NodePhase',
    volumesInUse: '[]v1.UniqueVolumeName',
  },
  'io.k8s.api.core.v1.ObjectReference': { uid: 'types.UID' },
  'io.k8s.api.core.v1.PersistentVolumeClaimCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.PersistentVolumeClaimConditionType',
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec': {
    accessModes: '[]v1.PersistentVolumeAccessMode',
    volumeMode: 'v1.PersistentVolumeMode',
  },
  'io.k8s.api.core.v1.PersistentVolumeClaimStatus': {
    accessModes: '[]v1.PersistentVolumeAccessMode',
    allocatedResourceStatuses: 'map[v1.ResourceName]v1.ClaimResourceStatus',
    allocatedResources: 'v1.ResourceList',
    capacity: 'v1.ResourceList',
    phase: 'v1.PersistentVolumeClaimPhase',
  },
  'io.k8s.api.core.v1.PersistentVolumeSpec': {
    accessModes: '[]v1.PersistentVolumeAccessMode',
    capacity: 'v1.ResourceList',
    persistentVolumeReclaimPolicy: 'v1.PersistentVolumeReclaimPolicy',
    volumeMode: 'v1.PersistentVolumeMode',
  },
  'io.k8s.api.core.v1.PersistentVolumeStatus': { phase: 'v1.PersistentVolumePhase' },
  'io.k8s.api.core.v1.PodCondition': { status: 'v1.ConditionStatus', type: 'v1.PodConditionType' },
  'io.k8s.api.core.v1.PodOS': { name: 'v1.OSName' },
  'io.k8s.api.core.v1.PodReadinessGate': { conditionType: 'v1.PodConditionType' },
  'io.k8s.api.core.v1.PodSecurityContext': {
    fsGroup: 'int64',
    fsGroupChangePolicy: 'v1.PodFSGroupChangePolicy',
    runAsGroup: 'int64',
    runAsUser: 'int64',
    seLinuxChangePolicy: 'v1.PodSELinuxChangePolicy',
    supplementalGroups: '[]int64',
    supplementalGroupsPolicy: 'v1.SupplementalGroupsPolicy',
  },
  'io.k8s.api.core.v1.PodSpec': {
    activeDeadlineSeconds: 'int64',
    dnsPolicy: 'v1.DNSPolicy',
    overhead: 'v1.ResourceList',
    preemptionPolicy: 'v1.PreemptionPolicy',
    restartPolicy: 'v1.RestartPolicy',
    terminationGracePeriodSeconds: 'int64',
  },
  'io.k8s.api.core.v1.PodStatus': { phase: 'v1.PodPhase', qosClass: 'v1.PodQOSClass', resize: 'v1.PodResizeStatus' },
  'io.k8s.api.core.v1.PortStatus': { protocol: 'v1.Protocol' },
  'io.k8s.api.core.v1.Probe': { terminationGracePeriodSeconds: 'int64' },
  'io.k8s.api.core.v1.ReplicationControllerCondition': {
    status: 'v1.ConditionStatus',
    type: 'v1.ReplicationControllerConditionType',
  },
  'io.k8s.api.core.v1.ReplicationControllerStatus': { observedGeneration: 'int64' },
  'io.k8s.api.core.v1.ResourceHealth': { health: 'v1.ResourceHealthStatus', resourceID: 'v1.ResourceID' },
  'io.k8s.api.core.v1.ResourceQuotaSpec': { hard: 'v1.ResourceList', scopes: '[]v1.ResourceQuotaScope' },
  'io.k8s.api.core.v1.ResourceQuotaStatus': { hard: 'v1.ResourceList', used: 'v1.ResourceList' },
  'io.k8s.api.core.v1.ResourceRequirements': { limits: 'v1.ResourceList', requests: 'v1.ResourceList' },
  'io.k8s.api.core.v1.ResourceStatus': { name: 'v1.ResourceName' },
  'io.k8s.api.core.v1.ScopedResourceSelectorRequirement': {
    operator: 'v1.ScopeSelectorOperator',
    scopeName: 'v1.ResourceQuotaScope',
  },
  'io.k8s.api.core.v1.SeccompProfile': { type: 'v1.SeccompProfileType' },
  'io.k8s.api.core.v1.Secret': { data: 'map[string][]uint8', type: 'v1.SecretType' },
  'io.k8s.api.core.v1.SecurityContext': { procMount: 'v1.ProcMountType', runAsGroup: 'int64', runAsUser: 'int64' },
  'io.k8s.api.core.v1.ServiceAccountTokenProjection': { expirationSeconds: 'int64' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'v1.Protocol' },
  'io.k8s.api.core.v1.ServiceSpec': {
    externalTrafficPolicy: 'v1.ServiceExternalTrafficPolicy',
    internalTrafficPolicy: 'v1.ServiceInternalTrafficPolicy',
    ipFamilies: '[]v1.IPFamily',
    ipFamilyPolicy: 'v1.IPFamilyPolicy',
    sessionAffinity: 'v1.ServiceAffinity',
    type: 'v1.ServiceType',
  },
  'io.k8s.api.core.v1.SleepAction': { seconds: 'int64' },
  'io.k8s.api.core.v1.Taint': { effect: 'v1.TaintEffect' },
  'io.k8s.api.core.v1.Toleration': {
    effect: 'v1.TaintEffect',
    operator: 'v1.TolerationOperator',
    tolerationSeconds: 'int64',
  },
  'io.k8s.api.core.v1.TopologySpreadConstraint': {
    nodeAffinityPolicy: 'v1.NodeInclusionPolicy',
    nodeTaintsPolicy: 'v1.NodeInclusionPolicy',
    whenUnsatisfiable: 'v1.UnsatisfiableConstraintAction',
  },
  'io.k8s.api.core.v1.VolumeMount': {
    mountPropagation: 'v1.MountPropagationMode',
    recursiveReadOnly: 'v1.RecursiveReadOnlyMode',
  },
  'io.k8s.api.core.v1.VolumeMountStatus': { recursiveReadOnly: 'v1.RecursiveReadOnlyMode' },
  'io.k8s.api.core.v1.VolumeResourceRequirements': { limits: 'v1.ResourceList', requests: 'v1.ResourceList' },
  'io.k8s.api.discovery.v1.EndpointPort': { protocol: 'v1.Protocol' },
  'io.k8s.api.discovery.v1.EndpointSlice': { addressType: 'v1.AddressType' },
  'io.k8s.api.networking.v1.HTTPIngressPath': { pathType: 'v1.PathType' },
  'io.k8s.api.networking.v1.IngressPortStatus': { protocol: 'v1.Protocol' },
  'io.k8s.api.networking.v1.NetworkPolicyPort': { protocol: 'v1.Protocol' },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { policyTypes: '[]v1.PolicyType' },
  'io.k8s.api.policy.v1.PodDisruptionBudgetSpec': { unhealthyPodEvictionPolicy: 'v1.UnhealthyPodEvictionPolicyType' },
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': { observedGeneration: 'int64' },
  'io.k8s.api.scheduling.v1.PriorityClass': { preemptionPolicy: 'v1.PreemptionPolicy' },
  'io.k8s.api.storage.v1.StorageClass': {
    reclaimPolicy: 'v1.PersistentVolumeReclaimPolicy',
    volumeBindingMode: 'v1.VolumeBindingMode',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition': { observedGeneration: 'int64', status: 'v1.ConditionStatus' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions': {
    gracePeriodSeconds: 'int64',
    propagationPolicy: 'v1.DeletionPropagation',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement': { operator: 'v1.LabelSelectorOperator' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta': { remainingItemCount: 'int64' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry': { operation: 'v1.ManagedFieldsOperationType' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta': {
    deletionGracePeriodSeconds: 'int64',
    generation: 'int64',
    uid: 'types.UID',
  },
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference': { uid: 'types.UID' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions': { uid: 'types.UID' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.Status': { reason: 'v1.StatusReason' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusCause': { reason: 'v1.CauseType' },
  'io.k8s.apimachinery.pkg.apis.meta.v1.StatusDetails': { uid: 'types.UID' },};

/** applyGoTypes records Go integer widths and []byte as OpenAPI formats, other named types as x-go-type. */
export function applyGoTypes(defs: Map<string, StoredSchema>): void {
  for (const [definition, fields] of Object.entries(goTypes)) {
    for (const [field, goType] of Object.entries(fields)) {
      const schema = property(defs, definition, field);
      if (goType === 'int64' && schema.type === 'integer') schema.format = 'int64';
      else if (goType === '[]int64' && schema.items?.type === 'integer') schema.items.format = 'int64';
      else if (goType === 'map[string][]uint8' && schema.additionalProperties?.type === 'string') {
        schema.additionalProperties.format = 'byte';
      } else schema['x-go-type'] = goType;
    }
  }
}
