import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { quantity } from './format';
import type { Printer } from './types';

// PersistentVolume, PersistentVolumeClaim and StorageClass printers of
// pkg/printers/internalversion/printers.go (v1.32).

/** BetaStorageClassAnnotation still takes precedence over spec.storageClassName (pkg/apis/core/helper). */
export const BetaStorageClassAnnotation = 'volume.beta.kubernetes.io/storage-class';
/** IsDefaultStorageClassAnnotation marks the default StorageClass (pkg/apis/storage/util). */
export const IsDefaultStorageClassAnnotation = 'storageclass.kubernetes.io/is-default-class';
/** BetaIsDefaultStorageClassAnnotation is the beta spelling, still honoured. */
export const BetaIsDefaultStorageClassAnnotation = 'storageclass.beta.kubernetes.io/is-default-class';

/** getAccessModesAsString abbreviates access modes in a fixed order: RWO,ROX,RWX,RWOP. */
export function getAccessModesAsString(modes: readonly string[] | undefined): string {
  if (!modes || modes.length === 0) return '';
  const out: string[] = [];
  if (modes.includes('ReadWriteOnce')) out.push('RWO');
  if (modes.includes('ReadOnlyMany')) out.push('ROX');
  if (modes.includes('ReadWriteMany')) out.push('RWX');
  if (modes.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

function storageClassOf(annotations: Readonly<Record<string, string>> | undefined, className: string | undefined): string {
  if (annotations && Object.hasOwn(annotations, BetaStorageClassAnnotation)) return annotations[BetaStorageClassAnnotation];
  return className ?? '';
}

/** persistentVolumePrinter: NAME CAPACITY ACCESS MODES RECLAIM POLICY STATUS CLAIM STORAGECLASS VOLUMEATTRIBUTESCLASS REASON AGE, wide VOLUMEMODE. */
export const persistentVolumePrinter: Printer<PersistentVolume> = {
  columns: [
    nameColumn,
    column('Capacity', 'string', docs.pvCapacity),
    column('Access Modes', 'string', docs.pvAccessModes),
    column('Reclaim Policy', 'string', docs.pvReclaimPolicy),
    column('Status', 'string', docs.pvPhase),
    column('Claim', 'string', docs.pvClaimRef),
    column('StorageClass', 'string', 'StorageClass of the pv'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    column('Reason', 'string', docs.pvReason),
    ageColumn,
    wideColumn('VolumeMode', 'string', docs.pvVolumeMode),
  ],
  cells(pv, now) {
    const claim = pv.spec?.claimRef ? `${pv.spec.claimRef.namespace ?? ''}/${pv.spec.claimRef.name ?? ''}` : '';
    return [
      pv.metadata?.name ?? '',
      quantity(pv.spec?.capacity?.storage),
      getAccessModesAsString(pv.spec?.accessModes),
      pv.spec?.persistentVolumeReclaimPolicy ?? '',
      pv.metadata?.deletionTimestamp ? 'Terminating' : (pv.status?.phase ?? ''),
      claim,
      storageClassOf(pv.metadata?.annotations, pv.spec?.storageClassName),
      pv.spec?.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '',
      translateTimestampSince(pv.metadata?.creationTimestamp, now),
      pv.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** persistentVolumeClaimPrinter: NAME STATUS VOLUME CAPACITY ACCESS MODES STORAGECLASS VOLUMEATTRIBUTESCLASS AGE, wide VOLUMEMODE. */
export const persistentVolumeClaimPrinter: Printer<PersistentVolumeClaim> = {
  columns: [
    nameColumn,
    column('Status', 'string', docs.pvcPhase),
    column('Volume', 'string', docs.pvcVolumeName),
    column('Capacity', 'string', docs.pvcCapacity),
    column('Access Modes', 'string', docs.pvcAccessModes),
    column('StorageClass', 'string', 'StorageClass of the pvc'),
    column('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn,
    wideColumn('VolumeMode', 'string', docs.pvcVolumeMode),
  ],
  cells(pvc, now) {
    const volumeName = pvc.spec?.volumeName ?? '';
    // Capacity and access modes are only known once the claim is bound to a volume.
    const bound = volumeName !== '';
    return [
      pvc.metadata?.name ?? '',
      pvc.metadata?.deletionTimestamp ? 'Terminating' : (pvc.status?.phase ?? ''),
      volumeName,
      bound ? quantity(pvc.status?.capacity?.storage) : '',
      bound ? getAccessModesAsString(pvc.status?.accessModes) : '',
      storageClassOf(pvc.metadata?.annotations, pvc.spec?.storageClassName),
      pvc.spec?.volumeAttributesClassName ?? '<unset>',
      translateTimestampSince(pvc.metadata?.creationTimestamp, now),
      pvc.spec?.volumeMode ?? '<unset>',
    ];
  },
};

/** isDefaultStorageClass reports whether either is-default-class annotation is "true". */
export function isDefaultStorageClass(sc: StorageClass): boolean {
  const a = sc.metadata?.annotations;
  return a?.[IsDefaultStorageClassAnnotation] === 'true' || a?.[BetaIsDefaultStorageClassAnnotation] === 'true';
}

/** storageClassPrinter: NAME ("standard (default)") PROVISIONER RECLAIMPOLICY VOLUMEBINDINGMODE ALLOWVOLUMEEXPANSION AGE. */
export const storageClassPrinter: Printer<StorageClass> = {
  columns: [
    nameColumn,
    column('Provisioner', 'string', docs.scProvisioner),
    column('ReclaimPolicy', 'string', docs.scReclaimPolicy),
    column('VolumeBindingMode', 'string', docs.scVolumeBindingMode),
    column('AllowVolumeExpansion', 'string', docs.scAllowVolumeExpansion),
    ageColumn,
  ],
  cells(sc, now) {
    const name = sc.metadata?.name ?? '';
    return [
      isDefaultStorageClass(sc) ? `${name} (default)` : name,
      sc.provisioner,
      sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate',
      sc.allowVolumeExpansion ?? false,
      translateTimestampSince(sc.metadata?.creationTimestamp, now),
    ];
  },
};
