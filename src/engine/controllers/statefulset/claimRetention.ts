import type { StatefulSet, StatefulSetPersistentVolumeClaimRetentionPolicy } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { TypedObject } from '../../api/object';
import { newControllerRef, type GroupVersionKind } from '../util/controllerRef';
import { controllerKind, podInOrdinalRange, podKind } from './statefulSetUtils';

// persistentVolumeClaimRetentionPolicy (StatefulSetAutoDeletePVC, GA and on in v1.32) as
// pkg/controller/statefulset/stateful_set_utils.go (v1.32) expresses it in the claims' owner
// references, which the garbage collector then acts on:
//   Retain on scale-down, Retain on set deletion: no owner reference;
//   Retain on scale-down, Delete on set deletion: the set only;
//   Delete on scale-down, Retain on set deletion: the pod, once it is scaled down;
//   Delete on both: the set while the pod is in range, the pod once it is scaled down.

type RetentionPolicy = Required<StatefulSetPersistentVolumeClaimRetentionPolicy>;

/** getPersistentVolumeClaimRetentionPolicy is the set's policy, Retain/Retain when unset. */
export function getPersistentVolumeClaimRetentionPolicy(set: StatefulSet): RetentionPolicy {
  const p = set.spec?.persistentVolumeClaimRetentionPolicy;
  return { whenDeleted: p?.whenDeleted || 'Retain', whenScaled: p?.whenScaled || 'Retain' };
}

/** matchesRef reports whether ref names obj (by kind and name, not UID). */
function matchesRef(ref: OwnerReference, obj: TypedObject, gvk: GroupVersionKind): boolean {
  return ref.apiVersion === gvk.apiVersion && ref.kind === gvk.kind && ref.name === obj.metadata?.name;
}

const retainBoth = (p: RetentionPolicy) => p.whenScaled === 'Retain' && p.whenDeleted === 'Retain';

/**
 * hasUnexpectedController reports a claim controlled by something other than set or pod (or by a
 * set or pod of the same name but another UID), unless the policy is Retain/Retain.
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (retainBoth(getPersistentVolumeClaimRetentionPolicy(set))) return false;
  for (const ref of claim.metadata?.ownerReferences ?? []) {
    if (matchesRef(ref, set, controllerKind)) {
      if (ref.uid !== set.metadata?.uid) return true;
      continue;
    }
    if (matchesRef(ref, pod, podKind)) {
      if (ref.uid !== pod.metadata?.uid) return true;
      continue;
    }
    if (ref.controller) return true;
  }
  return false;
}

function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return (claim.metadata?.ownerReferences ?? []).some((r) => (r.uid === set.metadata?.uid || r.uid === pod.metadata?.uid) && !r.controller);
}

/** hasOwnerRef reports whether target has an owner reference with owner's UID. */
export function hasOwnerRef(target: TypedObject, owner: TypedObject): boolean {
  return (target.metadata?.ownerReferences ?? []).some((r) => r.uid === owner.metadata?.uid);
}

/** hasStaleOwnerRef reports an owner reference naming obj but carrying another UID. */
export function hasStaleOwnerRef(target: PersistentVolumeClaim, obj: TypedObject, gvk: GroupVersionKind): boolean {
  const ref = (target.metadata?.ownerReferences ?? []).find((r) => matchesRef(r, obj, gvk));
  return !!ref && ref.uid !== obj.metadata?.uid;
}

/**
 * isClaimOwnerUpToDate reports whether the claim's owner references follow the policy. Claims with
 * stale references, or under another controller, are left alone (reported up to date).
 */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (hasStaleOwnerRef(claim, set, controllerKind) || hasStaleOwnerRef(claim, pod, podKind)) return true;
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { setRef, podRef } = wantedRefs(getPersistentVolumeClaimRetentionPolicy(set), !podInOrdinalRange(pod, set));
  return hasOwnerRef(claim, set) === setRef && hasOwnerRef(claim, pod) === podRef;
}

/**
 * updateClaimOwnerRefForSetAndPod rewrites the claim's references to set and pod as the policy
 * wants them; under an unexpected controller it only removes ours. claim must be a copy.
 */
export function updateClaimOwnerRefForSetAndPod(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): void {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = (claim.metadata?.ownerReferences ?? []).filter((r) => !matchesRef(r, set, controllerKind) && !matchesRef(r, pod, podKind));
  if (!unexpected) {
    const { setRef, podRef } = wantedRefs(getPersistentVolumeClaimRetentionPolicy(set), !podInOrdinalRange(pod, set));
    if (podRef) addControllerRef(refs, pod, podKind);
    if (setRef) addControllerRef(refs, set, controllerKind);
  }
  claim.metadata!.ownerReferences = refs;
}

/** wantedRefs is the table above: which of set and pod should own a claim (validation admits only Retain and Delete). */
function wantedRefs(p: RetentionPolicy, podScaledDown: boolean): { setRef: boolean; podRef: boolean } {
  const deleteScaled = p.whenScaled === 'Delete';
  const deleteDeleted = p.whenDeleted === 'Delete';
  if (deleteScaled && deleteDeleted) return { setRef: !podScaledDown, podRef: podScaledDown };
  if (deleteScaled) return { setRef: false, podRef: podScaledDown };
  return { setRef: deleteDeleted, podRef: false };
}

function addControllerRef(refs: OwnerReference[], owner: TypedObject, gvk: GroupVersionKind): void {
  if (refs.some((r) => r.uid === owner.metadata?.uid)) return;
  refs.push(newControllerRef(owner, gvk));
}
