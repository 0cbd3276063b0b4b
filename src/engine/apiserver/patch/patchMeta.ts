import type { GroupVersionKind } from '../../api/groupVersion';
import { hasKey } from './jsonValue';

// The patchStrategy and patchMergeKey struct tags of the served kinds, from k8s.io/api and
// k8s.io/apimachinery v0.32 (core/v1, apps/v1, batch/v1, autoscaling/v2, policy/v1 types.go and
// meta/v1 ObjectMeta). Only the types on a path to a tagged field are listed: a field that is not
// listed has no strategy, so its maps merge key by key and its lists are replaced whole. The
// server ignores "retainKeys" (the $retainKeys directive does that work), so it is not recorded.

/** PatchStrategy is a field's patchStrategy tag as the server applies it. */
export const PatchStrategy = { Merge: 'merge', Replace: 'replace' } as const;
export type PatchStrategy = (typeof PatchStrategy)[keyof typeof PatchStrategy];

/** PatchMeta is one field's strategic merge patch metadata and the metadata of its type's fields. */
export interface PatchMeta {
  readonly strategy?: PatchStrategy;
  /** mergeKey identifies the elements of a list of objects with the merge strategy. */
  readonly mergeKey?: string;
  /** fields describes the field's value or, for a list, each element. */
  readonly fields?: StructMeta;
}

/** StructMeta maps a struct's JSON field names to their patch metadata. */
export type StructMeta = Readonly<Record<string, PatchMeta>>;

const mergeBy = (mergeKey: string, fields?: StructMeta): PatchMeta => ({ strategy: PatchStrategy.Merge, mergeKey, fields });
const mergePrimitives: PatchMeta = { strategy: PatchStrategy.Merge };
const struct = (fields: StructMeta): PatchMeta => ({ fields });

const objectMeta: StructMeta = {
  ownerReferences: mergeBy('uid'),
  finalizers: mergePrimitives,
};

// Container and EphemeralContainerCommon carry the same tags.
const container: StructMeta = {
  ports: mergeBy('containerPort'),
  env: mergeBy('name'),
  volumeMounts: mergeBy('mountPath'),
  volumeDevices: mergeBy('devicePath'),
};

const podSpec: StructMeta = {
  volumes: mergeBy('name'),
  initContainers: mergeBy('name', container),
  containers: mergeBy('name', container),
  ephemeralContainers: mergeBy('name', container),
  imagePullSecrets: mergeBy('name'),
  hostAliases: mergeBy('ip'),
  topologySpreadConstraints: mergeBy('topologyKey'),
  schedulingGates: mergeBy('name'),
  resourceClaims: mergeBy('name'),
};

const podStatus: StructMeta = {
  conditions: mergeBy('type'),
  hostIPs: mergeBy('ip'),
  podIPs: mergeBy('ip'),
  resourceClaimStatuses: mergeBy('name'),
};

const podTemplateSpec = struct({ metadata: struct(objectMeta), spec: struct(podSpec) });
const conditionsStatus = struct({ conditions: mergeBy('type') });
const withTemplate = (spec: StructMeta = {}): StructMeta => ({
  spec: struct({ template: podTemplateSpec, ...spec }),
  status: conditionsStatus,
});

// Keyed by group and kind: the served versions of a kind share these tags (autoscaling/v1
// HorizontalPodAutoscaler has no conditions list, so its extra entry is never reached).
const byGroupKind = new Map<string, StructMeta>(([
  ['/Pod', { spec: struct(podSpec), status: struct(podStatus) }],
  ['/PodTemplate', { template: podTemplateSpec }],
  ['/ReplicationController', withTemplate()],
  ['/Service', { spec: struct({ ports: mergeBy('port') }), status: conditionsStatus }],
  ['/ServiceAccount', { secrets: mergeBy('name') }],
  ['/Node', { spec: struct({ podCIDRs: mergePrimitives }), status: struct({ conditions: mergeBy('type'), addresses: mergeBy('type') }) }],
  ['/Namespace', { status: conditionsStatus }],
  ['/PersistentVolumeClaim', { status: conditionsStatus }],
  ['apps/Deployment', withTemplate()],
  ['apps/ReplicaSet', withTemplate()],
  ['apps/StatefulSet', withTemplate()],
  ['apps/DaemonSet', withTemplate()],
  ['batch/Job', withTemplate()],
  ['batch/CronJob', { spec: struct({ jobTemplate: struct({ metadata: struct(objectMeta), spec: struct({ template: podTemplateSpec }) }) }) }],
  ['autoscaling/HorizontalPodAutoscaler', { status: conditionsStatus }],
  ['policy/PodDisruptionBudget', { spec: struct({ selector: { strategy: PatchStrategy.Replace } }), status: conditionsStatus }],
] as [string, StructMeta][]).map(([key, meta]) => [key, { metadata: struct(objectMeta), ...meta }]));

// Every kind has ObjectMeta, so a kind with no tagged field of its own still merges its metadata.
const objectOnly: StructMeta = { metadata: struct(objectMeta) };

/** patchMetaFor returns the top-level struct metadata of a kind. */
export function patchMetaFor(gvk: Pick<GroupVersionKind, 'group' | 'kind'>): StructMeta {
  return byGroupKind.get(`${gvk.group}/${gvk.kind}`) ?? objectOnly;
}

/** lookupPatchMeta returns a field's metadata, or none for a field with no strategy or an unknown one. */
export function lookupPatchMeta(meta: StructMeta | undefined, field: string): PatchMeta | undefined {
  return meta !== undefined && hasKey(meta, field) ? meta[field] : undefined;
}

/** fieldPatchMeta looks up a dotted field path of a kind, e.g. "spec.template.spec.containers". */
export function fieldPatchMeta(gvk: Pick<GroupVersionKind, 'group' | 'kind'>, path: string): PatchMeta | undefined {
  let meta: PatchMeta | undefined = struct(patchMetaFor(gvk));
  for (const field of path.split('.')) meta = lookupPatchMeta(meta?.fields, field);
  return meta;
}
