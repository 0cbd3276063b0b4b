import type { StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../api/deepCopy';
import { newControllerRef, type GroupVersionKind } from '../util/controllerRef';
import { getPodFromTemplate } from '../util/podControl';
import { isPodAvailable, isPodReady } from '../util/podUtil';

// Identity, storage and pod predicates of pkg/controller/statefulset/stateful_set_utils.go (v1.32),
// with the default feature gates (PodIndexLabel on, MaxUnavailableStatefulSet off).

/** controllerKind is the kind the controller writes into owner references. */
export const controllerKind: GroupVersionKind = { apiVersion: 'apps/v1', kind: 'StatefulSet' };
/** podKind is a pod's kind, for the claims' owner references. */
export const podKind: GroupVersionKind = { apiVersion: 'v1', kind: 'Pod' };

/** StatefulSetPodNameLabel carries a pod's own name, so a Service can select one member. */
export const StatefulSetPodNameLabel = 'statefulset.kubernetes.io/pod-name';
/** PodIndexLabel carries a pod's ordinal. */
export const PodIndexLabel = 'apps.kubernetes.io/pod-index';
/** StatefulSetRevisionLabel names the ControllerRevision a pod was made from. */
export const StatefulSetRevisionLabel = 'controller-revision-hash';

const statefulPodRegex = /(.*)-([0-9]+)$/;
const maxInt32 = 2 ** 31 - 1;

/**
 * getParentNameAndOrdinal splits a pod name `<parent>-<ordinal>`; a name without that shape has no
 * parent and ordinal -1 (an ordinal past int32 has a parent but ordinal -1, as ParseInt fails).
 */
export function getParentNameAndOrdinal(pod: Pod): { parent: string; ordinal: number } {
  const m = statefulPodRegex.exec(pod.metadata?.name ?? '');
  if (!m) return { parent: '', ordinal: -1 };
  const n = Number(m[2]);
  return { parent: m[1], ordinal: n <= maxInt32 ? n : -1 };
}

/** getOrdinal is the pod's ordinal, or -1. */
export function getOrdinal(pod: Pod): number {
  return getParentNameAndOrdinal(pod).ordinal;
}

/** getStartOrdinal is spec.ordinals.start, or 0. */
export function getStartOrdinal(set: StatefulSet): number {
  return set.spec?.ordinals?.start ?? 0;
}

/** getEndOrdinal is the last ordinal the set keeps (inclusive). */
export function getEndOrdinal(set: StatefulSet): number {
  return getStartOrdinal(set) + replicasOf(set) - 1;
}

/** replicasOf is spec.replicas (defaulted to 1 by the API server). */
export function replicasOf(set: StatefulSet): number {
  return set.spec?.replicas ?? 1;
}

/** podInOrdinalRange reports whether the pod's ordinal lies in [start, end]. */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const o = getOrdinal(pod);
  return o >= getStartOrdinal(set) && o <= getEndOrdinal(set);
}

/** getPodName is `<set>-<ordinal>`. */
export function getPodName(set: StatefulSet, ordinal: number): string {
  return `${set.metadata?.name}-${ordinal}`;
}

/** getPersistentVolumeClaimName is `<claim template>-<set>-<ordinal>`. */
export function getPersistentVolumeClaimName(set: StatefulSet, claim: PersistentVolumeClaim, ordinal: number): string {
  return `${claim.metadata?.name}-${set.metadata?.name}-${ordinal}`;
}

/** isMemberOf reports whether the pod's name makes it one of set's pods. */
export function isMemberOf(set: StatefulSet, pod: Pod): boolean {
  return getParentNameAndOrdinal(pod).parent === set.metadata?.name;
}

/** identityMatches reports whether the pod has the name, namespace and pod-name label of a member of set. */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = getParentNameAndOrdinal(pod);
  const m = pod.metadata ?? {};
  return (
    ordinal >= 0 &&
    set.metadata?.name === parent &&
    m.name === getPodName(set, ordinal) &&
    m.namespace === set.metadata?.namespace &&
    m.labels?.[StatefulSetPodNameLabel] === m.name
  );
}

/** storageMatches reports whether the pod mounts each of set's claims under the template's name. */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = getOrdinal(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const claim of set.spec?.volumeClaimTemplates ?? []) {
    const v = volumes.get(claim.metadata?.name ?? '');
    if (v?.persistentVolumeClaim?.claimName !== getPersistentVolumeClaimName(set, claim, ordinal)) return false;
  }
  return true;
}

/**
 * getPersistentVolumeClaims returns the pod's claims by template name: each template named for the
 * pod, in set's namespace, labelled with the template's labels plus the selector's matchLabels.
 */
export function getPersistentVolumeClaims(set: StatefulSet, pod: Pod): Map<string, PersistentVolumeClaim> {
  const ordinal = getOrdinal(pod);
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const claim = deepCopy(template);
    const meta = (claim.metadata ??= {});
    meta.name = getPersistentVolumeClaimName(set, template, ordinal);
    meta.namespace = set.metadata?.namespace;
    meta.labels = { ...meta.labels, ...set.spec?.selector?.matchLabels };
    claims.set(template.metadata?.name ?? '', claim);
  }
  return claims;
}

/**
 * updateStorage points the pod's volumes named like set's claim templates at the pod's claims and
 * keeps its other volumes (readOnly false is omitted, as Go's omitempty does). Upstream ranges over
 * a Go map; template order keeps this deterministic.
 */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = getPersistentVolumeClaims(set, pod);
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata!.name! } });
  for (const v of pod.spec?.volumes ?? []) if (!claims.has(v.name)) volumes.push(v);
  pod.spec!.volumes = volumes;
}

/** initIdentity sets the identity and, only at creation (they are immutable), hostname and subdomain. */
export function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec!.hostname = pod.metadata!.name;
  pod.spec!.subdomain = set.spec?.serviceName;
}

/** updateIdentity sets the pod's name, namespace, pod-name and pod-index labels from its ordinal. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = getOrdinal(pod);
  const meta = pod.metadata!;
  meta.name = getPodName(set, ordinal);
  meta.namespace = set.metadata?.namespace;
  meta.labels = { ...meta.labels, [StatefulSetPodNameLabel]: meta.name, [PodIndexLabel]: String(ordinal) };
}

/** isRunningAndReady: phase Running and condition Ready. */
export function isRunningAndReady(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && isPodReady(pod);
}

/** isRunningAndAvailable: Ready for more than minReadySeconds at nowMs. */
export function isRunningAndAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  return isPodAvailable(pod, minReadySeconds, nowMs);
}

/** isCreated: the API server has the pod (it has a phase); placeholders have none. */
export function isCreated(pod: Pod): boolean {
  return !!pod.status?.phase;
}

/** isPending: phase Pending. */
export function isPending(pod: Pod): boolean {
  return pod.status?.phase === 'Pending';
}

/** isFailed: phase Failed. */
export function isFailed(pod: Pod): boolean {
  return pod.status?.phase === 'Failed';
}

/** isSucceeded: phase Succeeded. */
export function isSucceeded(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded';
}

/** isTerminating: the pod has a deletionTimestamp. */
export function isTerminating(pod: Pod): boolean {
  return !!pod.metadata?.deletionTimestamp;
}

/** isHealthy: running, ready and not terminating. */
export function isHealthy(pod: Pod): boolean {
  return isRunningAndReady(pod) && !isTerminating(pod);
}

/** allowsBurst: podManagementPolicy Parallel. */
export function allowsBurst(set: StatefulSet): boolean {
  return set.spec?.podManagementPolicy === 'Parallel';
}

/** setPodRevision labels the pod with its revision's name. */
export function setPodRevision(pod: Pod, revision: string): void {
  pod.metadata!.labels = { ...pod.metadata!.labels, [StatefulSetRevisionLabel]: revision };
}

/** getPodRevision is the pod's controller-revision-hash label, or "". */
export function getPodRevision(pod: Pod): string {
  return pod.metadata?.labels?.[StatefulSetRevisionLabel] ?? '';
}

/**
 * newStatefulSetPod is the pod of set at ordinal, not yet created: GetPodFromTemplate (so it keeps
 * generateName `<set>-`) named `<set>-<ordinal>`, with its identity and claims.
 */
export function newStatefulSetPod(set: StatefulSet, ordinal: number): Pod {
  const pod = getPodFromTemplate(set.spec?.template ?? {}, set, newControllerRef(set, controllerKind));
  pod.metadata!.name = getPodName(set, ordinal);
  initIdentity(set, pod);
  updateStorage(set, pod);
  return pod;
}

/**
 * newVersionedStatefulSetPod builds the pod at ordinal from the current revision when it lies below
 * the partition (or below the current replicas for a RollingUpdate without rollingUpdate), from the
 * update revision otherwise. Upstream's condition reads `A && B || C`: a partition counts whatever
 * the strategy type, and this keeps that.
 */
export function newVersionedStatefulSetPod(
  currentSet: StatefulSet,
  updateSet: StatefulSet,
  currentRevision: string,
  updateRevision: string,
  ordinal: number,
): Pod {
  const strategy = currentSet.spec?.updateStrategy;
  const start = getStartOrdinal(currentSet);
  const ru = strategy?.rollingUpdate;
  const useCurrent =
    (strategy?.type === 'RollingUpdate' && !ru && ordinal < start + (currentSet.status?.currentReplicas ?? 0)) ||
    (!!ru && ordinal < start + (ru.partition ?? 0));
  const pod = newStatefulSetPod(useCurrent ? currentSet : updateSet, ordinal);
  setPodRevision(pod, useCurrent ? currentRevision : updateRevision);
  return pod;
}

/** descendingOrdinal sorts pods by decreasing ordinal (pods without one last). */
export function descendingOrdinal(a: Pod, b: Pod): number {
  return getOrdinal(b) - getOrdinal(a);
}
