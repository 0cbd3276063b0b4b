import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { formatTime } from '../../sim/clock';
import type { ControllerContext } from '../controller';

// Writes and event references shared by the PV controller and its reclaim operations.

/** updateVolumePhase writes a new phase (stamping lastPhaseTransitionTime, which the registry leaves to writers). */
export async function updateVolumePhase(ctx: ControllerContext, volume: PersistentVolume, phase: string, message?: string): Promise<PersistentVolume> {
  if (volume.status?.phase === phase) return volume;
  const status = { ...volume.status, phase, lastPhaseTransitionTime: formatTime(ctx.sim.clock.now()) };
  if (message) status.message = message;
  else delete status.message;
  return ctx.client.updateStatus<PersistentVolume>(Resources.persistentvolumes, { ...volume, status });
}

/** claimRef and volumeRef give events the kind that lister items lack. */
export function claimRef(claim: PersistentVolumeClaim): PersistentVolumeClaim {
  return { ...claim, apiVersion: 'v1', kind: 'PersistentVolumeClaim' };
}

export function volumeRef(volume: PersistentVolume): PersistentVolume {
  return { ...volume, apiVersion: 'v1', kind: 'PersistentVolume' };
}
