import type { PersistentVolume, PersistentVolumeClaim } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { TypedObject } from '../../api/object';
import type { VolumeListers } from '../framework/interface';

// The PV and PVC assume caches of pkg/scheduler/framework/plugins/volumebinding/assume_cache.go
// (v1.32) over informer listers.

/** VolumeSources are the informer-backed getters the assume cache stands in front of. */
export interface VolumeSources {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
}

/** noVolumeSources serves a scheduler without storage informers (tests, explainScheduling). */
export const noVolumeSources: VolumeSources = { claim: () => undefined, volume: () => undefined, volumes: () => [], storageClass: () => undefined };

function rv(o: TypedObject | undefined): number {
  return Number(o?.metadata?.resourceVersion ?? 0);
}

/**
 * VolumeAssumeCache keeps the claims and volumes the scheduler assumed in Reserve until the
 * informer shows a version newer than the one they were assumed from.
 */
export class VolumeAssumeCache implements VolumeListers {
  private readonly claims = new Map<string, PersistentVolumeClaim>();
  private readonly pvs = new Map<string, PersistentVolume>();

  constructor(private readonly src: VolumeSources = noVolumeSources) {}

  claim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.latest(this.claims, `${namespace}/${name}`, this.src.claim(namespace, name));
  }

  volume(name: string): PersistentVolume | undefined {
    return this.latest(this.pvs, name, this.src.volume(name));
  }

  volumes(): readonly PersistentVolume[] {
    const all = this.src.volumes();
    if (this.pvs.size === 0) return all;
    return all.map((v) => this.latest(this.pvs, v.metadata?.name ?? '', v)!);
  }

  storageClass(name: string): StorageClass | undefined {
    return this.src.storageClass(name);
  }

  apiClaim(namespace: string, name: string): PersistentVolumeClaim | undefined {
    return this.src.claim(namespace, name);
  }

  apiVolume(name: string): PersistentVolume | undefined {
    return this.src.volume(name);
  }

  assumeClaim(claim: PersistentVolumeClaim): void {
    this.claims.set(`${claim.metadata?.namespace}/${claim.metadata?.name}`, claim);
  }

  assumeVolume(volume: PersistentVolume): void {
    this.pvs.set(volume.metadata?.name ?? '', volume);
  }

  restoreClaim(namespace: string, name: string): void {
    this.claims.delete(`${namespace}/${name}`);
  }

  restoreVolume(name: string): void {
    this.pvs.delete(name);
  }

  /** latest is the assumed object while the informer's is no newer, else the informer's (dropping the assumption). */
  private latest<T extends TypedObject>(assumed: Map<string, T>, key: string, api: T | undefined): T | undefined {
    const a = assumed.get(key);
    if (a === undefined) return api;
    if (api !== undefined && rv(api) <= rv(a)) return a;
    assumed.delete(key);
    return api;
  }
}
