import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';
import { addDefinitions, addFields, property } from './overlayUtil';

// What v1.31 and v1.32 changed in the served kinds that kubernetes-types 1.30 does not know, read off
// k8s.io/api v0.32.0 (core/v1 and coordination/v1 types.go, diffed against v0.30.0). Without these,
// strict decoding would reject valid v1.32 manifests. Descriptions are the first paragraph of the
// upstream doc comments. Go widths and named types come from goTypes.ts, markers from listMarkers.ts.

const core = 'io.k8s.api.core.v1.';
const ref = (name: string, description?: string): StoredSchema =>
  description ? { $ref: core + name, description } : { $ref: core + name };
const str = (description: string): StoredSchema => ({ type: 'string', description });
const bool = (description: string): StoredSchema => ({ type: 'boolean', description });

/** newDefinitions are the core/v1 types the new fields refer to. */
const newDefinitions: Record<string, StoredSchema> = {
  NodeFeatures: {
    description: 'NodeFeatures describes the set of features implemented by the CRI implementation. The features contained in the NodeFeatures should depend only on the cri implementation independent of runtime handlers.',
    type: 'object',
    properties: {
      supplementalGroupsPolicy: bool('SupplementalGroupsPolicy is set to true if the runtime supports SupplementalGroupsPolicy and ContainerUser.'),
    },
  },
  ImageVolumeSource: {
    description: 'ImageVolumeSource represents a image volume resource.',
    type: 'object',
    properties: {
      pullPolicy: str('Policy for pulling OCI objects. Possible values are: Always: the kubelet always attempts to pull the reference. Container creation will fail If the pull fails. Never: the kubelet never pulls the reference and only uses a local image or artifact. Container creation will fail if the reference isn\'t present. IfNotPresent: the kubelet pulls if the reference isn\'t already present on disk. Container creation will fail if the reference isn\'t present and the pull fails. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise.'),
      reference: str('Required: Image or artifact reference to be used. Behaves in the same way as pod.spec.containers[*].image. Pull secrets will be assembled in the same way as for the container image by looking up node credentials, SA image pull secrets, and pod spec image pull secrets. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.'),
    },
  },
  ContainerUser: {
    description: 'ContainerUser represents user identity information',
    type: 'object',
    properties: {
      linux: ref('LinuxContainerUser', 'Linux holds user identity information initially attached to the first process of the containers in Linux. Note that the actual running identity can be changed if the process has enough privilege to do so.'),
    },
  },
  LinuxContainerUser: {
    description: 'LinuxContainerUser represents user identity information in Linux containers',
    type: 'object',
    properties: {
      gid: { type: 'integer', format: 'int64', description: 'GID is the primary gid initially attached to the first process in the container' },
      supplementalGroups: { type: 'array', items: { type: 'integer', format: 'int64' }, description: 'SupplementalGroups are the supplemental groups initially attached to the first process in the container' },
      uid: { type: 'integer', format: 'int64', description: 'UID is the primary uid initially attached to the first process in the container' },
    },
    required: ['uid', 'gid'],
  },
  ResourceStatus: {
    description: 'ResourceStatus represents the status of a single resource allocated to a Pod.',
    type: 'object',
    properties: {
      name: str('Name of the resource. Must be unique within the pod and in case of non-DRA resource, match one of the resources from the pod spec. For DRA resources, the value must be "claim:<claim_name>/<request>". When this status is reported about a container, the "claim_name" and "request" must match one of the claims of this container.'),
      resources: { type: 'array', items: ref('ResourceHealth'), description: 'List of unique resources health. Each element in the list contains an unique resource ID and its health. At a minimum, for the lifetime of a Pod, resource ID must uniquely identify the resource allocated to the Pod on the Node. If other Pod on the same Node reports the status with the same resource ID, it must be the same resource they share. See ResourceID type definition for a specific format it has in various use cases.' },
    },
    required: ['name'],
  },
  ResourceHealth: {
    description: 'ResourceHealth represents the health of a resource. It has the latest device health information. This is a part of KEP https://kep.k8s.io/4680.',
    type: 'object',
    properties: {
      health: str('Health of the resource. can be one of:\n - Healthy: operates as normal\n - Unhealthy: reported unhealthy. We consider this a temporary health issue\n              since we do not have a mechanism today to distinguish\n              temporary and permanent issues.\n - Unknown: The status cannot be determined.\n            For example, Device Plugin got unregistered and hasn\'t been re-registered since.\n\nIn future we may want to introduce the PermanentlyUnhealthy Status.'),
      resourceID: str('ResourceID is the unique identifier of the resource. See the ResourceID type for more information.'),
    },
    required: ['resourceID'],
  },
};

/** newFields maps definition (without the core/v1 prefix when it has one) to the fields it gained. */
const newFields: Record<string, Record<string, StoredSchema>> = {
  // KEP-2837 pod-level resources (v1.32 alpha).
  PodSpec: {
    resources: ref('ResourceRequirements', 'Resources is the total amount of CPU and Memory resources required by all containers in the pod. It supports specifying Requests and Limits for "cpu" and "memory" resource names only. ResourceClaims are not supported.'),
  },
  PodSecurityContext: {
    seLinuxChangePolicy: str('seLinuxChangePolicy defines how the container\'s SELinux label is applied to all volumes used by the Pod. It has no effect on nodes that do not support SELinux or to volumes does not support SELinux. Valid values are "MountOption" and "Recursive".'),
    supplementalGroupsPolicy: str('Defines how supplemental groups of the first container processes are calculated. Valid values are "Merge" and "Strict". If not specified, "Merge" is used. (Alpha) Using the field requires the SupplementalGroupsPolicy feature gate to be enabled and the container runtime must implement support for this feature. Note that this field cannot be set when spec.os.name is windows.'),
  },
  // Image volumes (v1.31 alpha).
  Volume: {
    image: ref('ImageVolumeSource', 'image represents an OCI object (a container image or artifact) pulled and mounted on the kubelet\'s host machine.'),
  },
  // DRA moved to structured parameters in v1.31: claims name their source directly.
  PodResourceClaim: {
    resourceClaimName: str('ResourceClaimName is the name of a ResourceClaim object in the same namespace as this pod.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set.'),
    resourceClaimTemplateName: str('ResourceClaimTemplateName is the name of a ResourceClaimTemplate object in the same namespace as this pod.\n\nExactly one of ResourceClaimName and ResourceClaimTemplateName must be set.'),
  },
  ResourceClaim: {
    request: str('Request is the name chosen for a request in the referenced claim. If empty, everything from the claim is made available, otherwise only the result of this request.'),
  },
  ContainerStatus: {
    allocatedResourcesStatus: { type: 'array', items: ref('ResourceStatus'), description: 'AllocatedResourcesStatus represents the status of various resources allocated for this Pod.' },
    user: ref('ContainerUser', 'User represents user identity information initially attached to the first process of the container'),
  },
  NodeStatus: {
    features: ref('NodeFeatures', 'Features describes the set of features implemented by the CRI implementation.'),
  },
  NodeRuntimeHandlerFeatures: {
    userNamespaces: bool('UserNamespaces is set to true if the runtime handler supports UserNamespaces, including for volumes.'),
  },
  // Coordinated leader election (v1.31 alpha).
  'io.k8s.api.coordination.v1.LeaseSpec': {
    preferredHolder: str('PreferredHolder signals to a lease holder that the lease has a more optimal holder and should be given up. This field can only be set if Strategy is also set.'),
    strategy: str('Strategy indicates the strategy for picking the leader for coordinated leader election. If the field is not specified, there is no active coordination for this lease. (Alpha) Using this field requires the CoordinatedLeaderElection feature gate to be enabled.'),
  },
};

/** removedFields were dropped by v1.31 (PodResourceClaim.source went with the old DRA API). */
const removedFields: Record<string, string[]> = {
  PodResourceClaim: ['source'],
};

const qualified = (name: string) => (name.startsWith('io.') ? name : core + name);

/** applyV132Overlay brings the v1.30 definitions to v1.32. */
export function applyV132Overlay(defs: Map<string, StoredSchema>): void {
  addDefinitions(defs, Object.fromEntries(Object.entries(newDefinitions).map(([name, def]) => [core + name, def])));
  for (const [name, fields] of Object.entries(newFields)) addFields(defs, qualified(name), fields);
  for (const [name, fields] of Object.entries(removedFields)) {
    for (const field of fields) {
      property(defs, qualified(name), field);
      delete defs.get(qualified(name))!.properties![field];
    }
  }
}
