import type { ObjectReference, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { matches, selectorFromLabelSelector } from '../../api/labels';
import { parseQuantity } from '../../apiserver/validation/quantity';
import { NodeSelectorMatcher } from '../../scheduler/plugins/helper/nodeAffinity';

// The PV/PVC helpers of k8s.io/component-helpers/storage/volume (pv_helpers.go, helpers.go, v1.32),
// shared as upstream shares them by the PV controller, the provisioner and the scheduler's
// VolumeBinding plugin.

/** Annotations the binder, the scheduler and provisioners use to talk to each other. */
export const AnnBindCompleted = 'pv.kubernetes.io/bind-completed';
export const AnnBoundByController = 'pv.kubernetes.io/bound-by-controller';
export const AnnSelectedNode = 'volume.kubernetes.io/selected-node';
export const AnnStorageProvisioner = 'volume.kubernetes.io/storage-provisioner';
export const AnnBetaStorageProvisioner = 'volume.beta.kubernetes.io/storage-provisioner';
export const AnnDynamicallyProvisioned = 'pv.kubernetes.io/provisioned-by';
const AnnBetaStorageClass = 'volume.beta.kubernetes.io/storage-class';

/** NotSupportedProvisioner marks a StorageClass whose volumes are created by hand. */
export const NotSupportedProvisioner = 'kubernetes.io/no-provisioner';

/** getPersistentVolumeClaimClass is the claim's class: the beta annotation wins over the field. */
export function getPersistentVolumeClaimClass(claim: PersistentVolumeClaim): string {
  const ann = claim.metadata?.annotations?.[AnnBetaStorageClass];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? '';
}

/** getPersistentVolumeClass is the volume's class, the beta annotation winning as for claims. */
export function getPersistentVolumeClass(volume: PersistentVolume): string {
  const ann = volume.metadata?.annotations?.[AnnBetaStorageClass];
  if (ann !== undefined) return ann;
  return volume.spec?.storageClassName ?? '';
}

/** isDelayBindingMode says whether the claim's class waits for the first consumer; a missing class binds at once. */
export function isDelayBindingMode(claim: PersistentVolumeClaim, getClass: (name: string) => StorageClass | undefined): boolean {
  const name = getPersistentVolumeClaimClass(claim);
  if (name === '') return false;
  return getClass(name)?.volumeBindingMode === 'WaitForFirstConsumer';
}

/** isDelayBindingProvisioning says the scheduler picked a node for a delayed claim. */
export function isDelayBindingProvisioning(claim: PersistentVolumeClaim): boolean {
  return claim.metadata?.annotations?.[AnnSelectedNode] !== undefined;
}

/** isVolumeBoundToClaim: the volume's claimRef names this claim (and its UID, once set). */
export function isVolumeBoundToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = volume.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace) return false;
  return !ref.uid || ref.uid === claim.metadata?.uid;
}

/** storageRequest is the claim's requested storage in bytes. */
export function storageRequest(claim: PersistentVolumeClaim): number {
  return parseQuantity((claim.spec?.resources?.requests as Record<string, string> | undefined)?.storage) ?? 0;
}

/** storageCapacity is the volume's capacity in bytes. */
export function storageCapacity(volume: PersistentVolume): number {
  return parseQuantity((volume.spec?.capacity as Record<string, string> | undefined)?.storage) ?? 0;
}

/** checkVolumeModeMismatches: Filesystem is the default on both sides. */
export function checkVolumeModeMismatches(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  return (claim.spec?.volumeMode ?? 'Filesystem') !== (volume.spec?.volumeMode ?? 'Filesystem');
}

/** checkAccessModes: the volume offers every mode the claim asks for. */
export function checkAccessModes(claim: PersistentVolumeClaim, volume: PersistentVolume): boolean {
  const offered = new Set(volume.spec?.accessModes ?? []);
  return (claim.spec?.accessModes ?? []).every((m) => offered.has(m));
}

/** checkNodeAffinity is nil when the volume may be used on a node with these labels, else the error text. */
export function checkNodeAffinity(volume: PersistentVolume, nodeLabels: Record<string, string>): string | null {
  const required = volume.spec?.nodeAffinity?.required;
  if (!required) return null;
  // Upstream matches a Node built from the labels alone, so metadata.name fields never match.
  return new NodeSelectorMatcher(required.nodeSelectorTerms ?? []).match(nodeLabels, '') ? null : 'no matching NodeSelectorTerms';
}

/** MatchNode is the node a scheduler-side match is for: its labels. */
export interface MatchNode {
  name: string;
  labels: Record<string, string>;
}

/**
 * findMatchingVolume is FindMatchingVolume: the volume pre-bound to the claim if any, else the
 * smallest Available volume of the claim's class, selector and volume mode that is big enough.
 * The PV controller passes no node and skips delayed claims; the scheduler passes the node, whose
 * labels must satisfy the volume's node affinity, and checks access modes too.
 */
export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  node: MatchNode | null,
  excluded: ReadonlySet<string>,
  delayBinding: boolean,
): PersistentVolume | undefined {
  const requested = storageRequest(claim);
  const requestedClass = getPersistentVolumeClaimClass(claim);
  const selector = claim.spec?.selector ? selectorFromLabelSelector(claim.spec.selector) : undefined;
  let smallest: PersistentVolume | undefined;
  let smallestQty = 0;
  for (const volume of volumes) {
    if (excluded.has(volume.metadata?.name ?? '')) continue;
    if (volume.spec?.claimRef && !isVolumeBoundToClaim(volume, claim)) continue;
    const qty = storageCapacity(volume);
    if (qty < requested) continue;
    if (checkVolumeModeMismatches(claim, volume)) continue;
    if (volume.metadata?.deletionTimestamp) continue;
    const nodeAffinityValid = node === null || checkNodeAffinity(volume, node.labels) === null;
    if (isVolumeBoundToClaim(volume, claim)) return nodeAffinityValid ? volume : undefined;
    if (node === null && delayBinding) continue;
    if (volume.status?.phase !== 'Available') continue;
    if (selector && !matches(selector, volume.metadata?.labels)) continue;
    if (getPersistentVolumeClass(volume) !== requestedClass) continue;
    if (!nodeAffinityValid) continue;
    if (node !== null && !checkAccessModes(claim, volume)) continue;
    if (!smallest || smallestQty > qty) {
      smallest = volume;
      smallestQty = qty;
    }
  }
  return smallest;
}

/**
 * findBestMatchForClaim is the PV controller's persistentVolumeOrderedIndex.findByClaim: volumes are
 * grouped by their set of access modes, and the sets holding every requested mode are tried from
 * the fewest modes up, so a ReadWriteOnce claim does not take a volume that could also serve many.
 */
export function findBestMatchForClaim(claim: PersistentVolumeClaim, volumes: readonly PersistentVolume[], delayBinding: boolean): PersistentVolume | undefined {
  const byModes = new Map<string, PersistentVolume[]>();
  for (const v of volumes) {
    const key = [...new Set(v.spec?.accessModes ?? [])].sort().join(',');
    let group = byModes.get(key);
    if (!group) byModes.set(key, (group = []));
    group.push(v);
  }
  const wanted = claim.spec?.accessModes ?? [];
  const candidates = [...byModes.keys()]
    .filter((key) => {
      const modes = new Set(key.split(','));
      return wanted.every((m) => modes.has(m));
    })
    .sort((a, b) => a.split(',').length - b.split(',').length || a.localeCompare(b));
  for (const key of candidates) {
    const best = findMatchingVolume(claim, byModes.get(key)!, null, new Set(), delayBinding);
    if (best) return best;
  }
  return undefined;
}

/** checkVolumeSatisfyClaim is nil when a claim may bind to the volume it names, else why not. */
export function checkVolumeSatisfyClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): string | null {
  if (volume.metadata?.deletionTimestamp) return `the volume is marked for deletion "${volume.metadata.name}"`;
  if (storageCapacity(volume) < storageRequest(claim)) return 'requested PV is too small';
  if (getPersistentVolumeClass(volume) !== getPersistentVolumeClaimClass(claim)) return 'storageClassName does not match';
  if (checkVolumeModeMismatches(claim, volume)) return 'incompatible volumeMode';
  if (!checkAccessModes(claim, volume)) return 'incompatible accessMode';
  return null;
}

/** claimRefTo is the reference a volume keeps to the claim bound to it. */
export function claimRefTo(claim: PersistentVolumeClaim): ObjectReference {
  const m = claim.metadata!;
  return { kind: 'PersistentVolumeClaim', namespace: m.namespace, name: m.name, uid: m.uid, apiVersion: 'v1', resourceVersion: m.resourceVersion };
}

/**
 * getBindVolumeToClaim is GetBindVolumeToClaim: the volume with its claimRef set to the claim
 * (bound-by-controller when the binder set it), and whether anything changed.
 */
export function getBindVolumeToClaim(volume: PersistentVolume, claim: PersistentVolumeClaim): { volume: PersistentVolume; dirty: boolean } {
  const shouldSetBoundByController = !isVolumeBoundToClaim(volume, claim);
  const ref = volume.spec?.claimRef;
  const refDirty = !ref || ref.name !== claim.metadata?.name || ref.namespace !== claim.metadata?.namespace || ref.uid !== claim.metadata?.uid;
  const annDirty = shouldSetBoundByController && volume.metadata?.annotations?.[AnnBoundByController] !== 'yes';
  if (!refDirty && !annDirty) return { volume, dirty: false };
  const next: PersistentVolume = structuredClone(volume);
  if (refDirty) next.spec!.claimRef = claimRefTo(claim);
  if (annDirty) next.metadata!.annotations = { ...next.metadata!.annotations, [AnnBoundByController]: 'yes' };
  return { volume: next, dirty: true };
}

/** podClaimNames lists the claims a pod's volumes use: persistentVolumeClaim volumes name theirs, generic ephemeral volumes get "<pod>-<volume>". */
export function podClaimNames(pod: Pick<Pod, 'metadata' | 'spec'>): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
    else if (v.ephemeral) out.push(ephemeralClaimName(pod, v.name));
  }
  return out;
}

/** ephemeralClaimName is the claim of a generic ephemeral volume (ephemeral.VolumeClaimName). */
export function ephemeralClaimName(pod: Pick<Pod, 'metadata'>, volume: string): string {
  return `${pod.metadata?.name}-${volume}`;
}

/** ephemeralClaimError is ephemeral.VolumeIsForPod: a claim of that name the pod does not own is not its volume. */
export function ephemeralClaimError(pod: Pick<Pod, 'metadata'>, pvc: PersistentVolumeClaim): string | null {
  const owner = pvc.metadata?.ownerReferences?.find((r) => r.controller);
  if (owner?.uid === pod.metadata?.uid) return null;
  return `PVC ${pvc.metadata?.namespace}/${pvc.metadata?.name} was not created for pod ${pod.metadata?.namespace}/${pod.metadata?.name} (pod is not owner)`;
}
