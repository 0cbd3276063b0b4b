import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { EventType, type EventRecorder } from '../../client/eventRecorder';
import type { ControllerContext } from '../controller';
import { updateVolumePhase, volumeRef } from './volumeUpdates';
import { AnnBoundByController, AnnDynamicallyProvisioned } from './pvHelpers';

// reclaimVolume of pkg/controller/volume/persistentvolume/pv_controller.go (v1.32) with the
// in-tree hostPath plugin's deleter and recycler, the only in-tree volume plugin simulated.

/** Event reasons of a reclaim. */
export const VolumeFailedDelete = 'VolumeFailedDelete';
export const VolumeFailedRecycle = 'VolumeFailedRecycle';
export const VolumeRecycled = 'VolumeRecycled';
export const VolumeUnknownReclaimPolicy = 'VolumeUnknownReclaimPolicy';

/** hostPathDeletable is the hostPath deleter's guard: it only removes directories under /tmp. */
const hostPathDeletable = /\/tmp\/.+/;

/** reclaimVolume applies the reclaim policy of a Released volume. */
export async function reclaimVolume(ctx: ControllerContext, recorder: EventRecorder, volume: PersistentVolume): Promise<void> {
  switch (volume.spec?.persistentVolumeReclaimPolicy) {
    case 'Retain':
      return;
    case 'Recycle':
      return recycleVolume(ctx, recorder, volume);
    case 'Delete':
      return deleteVolume(ctx, recorder, volume);
    default:
      await failVolume(ctx, recorder, volume, VolumeUnknownReclaimPolicy, 'Volume has unrecognized PersistentVolumeReclaimPolicy');
  }
}

/**
 * deleteVolume is deleteVolumeOperation: a volume an external provisioner made is left for it to
 * delete; an in-tree hostPath volume under /tmp is deleted; anything else cannot be and fails.
 */
async function deleteVolume(ctx: ControllerContext, recorder: EventRecorder, volume: PersistentVolume): Promise<void> {
  const provisionedBy = volume.metadata?.annotations?.[AnnDynamicallyProvisioned];
  if (provisionedBy && !provisionedBy.startsWith('kubernetes.io/')) return;
  const hostPath = volume.spec?.hostPath?.path;
  if (hostPath === undefined) {
    await failVolume(ctx, recorder, volume, VolumeFailedDelete, `error getting deleter volume plugin for volume "${volume.metadata?.name}": no deletable volume plugin matched`);
    return;
  }
  if (!hostPathDeletable.test(hostPath)) {
    await failVolume(ctx, recorder, volume, VolumeFailedDelete, `host_path deleter only supports /tmp/.+ but received provided ${hostPath}`);
    return;
  }
  try {
    await ctx.client.delete(Resources.persistentvolumes, undefined, volume.metadata!.name!);
  } catch (e) {
    if (!isApiError(e, 'NotFound')) throw e;
  }
}

/** recycleVolume scrubs a hostPath or NFS volume (instantly here) and makes it Available again. */
async function recycleVolume(ctx: ControllerContext, recorder: EventRecorder, volume: PersistentVolume): Promise<void> {
  if (!volume.spec?.hostPath && !volume.spec?.nfs) {
    await failVolume(ctx, recorder, volume, VolumeFailedRecycle, 'No recycler plugin found for the volume!');
    return;
  }
  recorder.event(volumeRef(volume), EventType.Normal, VolumeRecycled, 'Volume recycled');
  const next: PersistentVolume = structuredClone(volume);
  if (volume.metadata?.annotations?.[AnnBoundByController] !== undefined) {
    delete next.spec!.claimRef;
    delete next.metadata!.annotations![AnnBoundByController];
  } else {
    delete next.spec!.claimRef!.uid;
  }
  const updated = await ctx.client.update<PersistentVolume>(Resources.persistentvolumes, next);
  await updateVolumePhase(ctx, updated, 'Available');
}

/** failVolume is updateVolumePhaseWithEvent(Failed): the event is sent once, when the phase changes. */
async function failVolume(ctx: ControllerContext, recorder: EventRecorder, volume: PersistentVolume, reason: string, message: string): Promise<void> {
  if (volume.status?.phase === 'Failed') return;
  recorder.event(volumeRef(volume), EventType.Warning, reason, message);
  await updateVolumePhase(ctx, volume, 'Failed', message);
}
