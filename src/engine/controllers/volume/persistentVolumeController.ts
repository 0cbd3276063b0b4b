import type { PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import type { Controller, ControllerContext } from '../controller';
import {
  AnnBetaStorageProvisioner,
  AnnBindCompleted,
  AnnBoundByController,
  AnnDynamicallyProvisioned,
  AnnStorageProvisioner,
  checkVolumeModeMismatches,
  checkVolumeSatisfyClaim,
  findBestMatchForClaim,
  getBindVolumeToClaim,
  getPersistentVolumeClaimClass,
  isDelayBindingMode,
  isDelayBindingProvisioning,
  isVolumeBoundToClaim,
  podClaimNames,
} from './pvHelpers';
import { reclaimVolume } from './reclaim';
import { claimRef, updateVolumePhase, volumeRef } from './volumeUpdates';

// The PersistentVolume binder of pkg/controller/volume/persistentvolume/pv_controller.go and
// pv_controller_base.go (v1.32): a claim queue and a volume queue, both resynced every 15 s.
// Dynamic provisioning always goes to an external provisioner (no in-tree provisioners are
// simulated); deletion of provisioned volumes is left to that provisioner, as upstream does.

/** Event reasons of pkg/controller/volume/events (v1.32). */
export const WaitForFirstConsumer = 'WaitForFirstConsumer';
export const WaitForPodScheduled = 'WaitForPodScheduled';
export const ExternalProvisioning = 'ExternalProvisioning';
export const ProvisioningFailed = 'ProvisioningFailed';
export const FailedBinding = 'FailedBinding';
export const VolumeMismatch = 'VolumeMismatch';
export const ClaimLost = 'ClaimLost';
export const ClaimMisbound = 'ClaimMisbound';

/** Messages of pv_controller.go (v1.32). */
export const msgWaitForFirstConsumer = 'waiting for first consumer to be created before binding';
export const msgNoVolumeNoClass = 'no persistent volumes available for this claim and no storage class is set';
export const msgExternalProvisioning = (provisioner: string) =>
  `Waiting for a volume to be created either by the external provisioner '${provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;

/** syncPeriodMs is --pvclaimbinder-sync-period: every claim and volume is synced this often. */
export const syncPeriodMs = 15_000;

/** podPVCIndex finds the pods that use a claim (common.PodPVCIndex). */
const podPVCIndex = 'pod-pvc-index';

/**
 * PersistentVolumeController binds claims to volumes: a Pending claim gets the smallest matching
 * Available volume, or, when its class has a provisioner, the annotations that ask for one (after
 * the scheduler picked a node for WaitForFirstConsumer classes). It keeps both sides' phases and
 * the claim's status, and reclaims the volume of a deleted claim by its reclaim policy.
 */
export class PersistentVolumeController implements Controller {
  readonly name = 'persistentvolume-binder-controller';
  private readonly claimQueue: WorkQueue;
  private readonly volumeQueue: WorkQueue;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly volumes: Informer<PersistentVolume>;
  private readonly classes: Informer<StorageClass>;
  private readonly pods: Informer<Pod>;
  private readonly recorder: EventRecorder;
  private stopResync?: () => void;

  constructor(private readonly ctx: ControllerContext) {
    this.claimQueue = new WorkQueue(ctx.sim.timers);
    this.volumeQueue = new WorkQueue(ctx.sim.timers);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'persistentvolume-controller');
    this.claims = ctx.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    this.volumes = ctx.informers.for<PersistentVolume>(Resources.persistentvolumes);
    this.classes = ctx.informers.for<StorageClass>(Resources.storageclasses);
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    this.pods.addIndexer(podPVCIndex, (pod) => podClaimNames(pod).map((c) => `${pod.metadata?.namespace}/${c}`));
    this.claims.addEventHandler({
      onAdd: (c) => this.claimQueue.add(keyOf(c)),
      onUpdate: (_, c) => this.claimQueue.add(keyOf(c)),
      onDelete: (c) => {
        // The claim's volume is now Released: sync it at once.
        if (c.spec?.volumeName) this.volumeQueue.add(c.spec.volumeName);
      },
    });
    this.volumes.addEventHandler({
      onAdd: (v) => this.volumeQueue.add(keyOf(v)),
      onUpdate: (_, v) => this.volumeQueue.add(keyOf(v)),
    });
  }

  run(): void {
    this.claimQueue.run((key) => this.sync(key));
    this.volumeQueue.run((key) => this.sync(key));
    this.stopResync = this.ctx.sim.timers.every(syncPeriodMs, () => this.resync());
  }

  stop(): void {
    this.stopResync?.();
    this.claimQueue.shutdown();
    this.volumeQueue.shutdown();
  }

  /** sync reconciles one claim ("namespace/name") or one volume (a cluster-scoped name). */
  async sync(key: string): Promise<void> {
    if (key.includes('/')) {
      const { namespace, name } = splitKey(key);
      const claim = this.claims.lister.get(namespace, name);
      if (claim) await this.syncClaim(claim);
      return;
    }
    const volume = this.volumes.lister.get(undefined, key);
    if (volume) await this.syncVolume(volume);
  }

  /** syncClaim: claims the binder has not finished with go through syncUnboundClaim. */
  private async syncClaim(claim: PersistentVolumeClaim): Promise<void> {
    if (claim.metadata?.annotations?.[AnnBindCompleted] === undefined) await this.syncUnboundClaim(claim);
    else await this.syncBoundClaim(claim);
  }

  private async syncUnboundClaim(claim: PersistentVolumeClaim): Promise<void> {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      const delayBinding = isDelayBindingMode(claim, (n) => this.classes.lister.get(undefined, n));
      const volume = findBestMatchForClaim(claim, this.volumes.lister.list(), delayBinding);
      if (volume) return this.bind(volume, claim);
      if (delayBinding && !isDelayBindingProvisioning(claim)) this.emitEventForUnboundDelayBindingClaim(claim);
      else if (getPersistentVolumeClaimClass(claim) !== '') return this.provisionClaim(claim);
      else this.recorder.event(claimRef(claim), EventType.Normal, FailedBinding, msgNoVolumeNoClass);
      await this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    // The user asked for a specific volume.
    const volume = this.volumes.lister.get(undefined, volumeName);
    if (!volume) {
      await this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    if (!volume.spec?.claimRef) {
      const mismatch = checkVolumeSatisfyClaim(volume, claim);
      if (mismatch) {
        this.recorder.event(claimRef(claim), EventType.Warning, VolumeMismatch, `Cannot bind to requested volume "${volumeName}": ${mismatch}`);
        await this.updateClaimStatus(claim, 'Pending', undefined);
        return;
      }
      return this.bind(volume, claim);
    }
    if (isVolumeBoundToClaim(volume, claim)) return this.bind(volume, claim);
    if (claim.metadata?.annotations?.[AnnBoundByController] === undefined) {
      await this.updateClaimStatus(claim, 'Pending', undefined);
      return;
    }
    throw new Error(`invalid binding of claim "${keyOf(claim)}" to volume "${volumeName}": volume already claimed by "${volume.spec.claimRef.namespace}/${volume.spec.claimRef.name}"`);
  }

  private async syncBoundClaim(claim: PersistentVolumeClaim): Promise<void> {
    const volumeName = claim.spec?.volumeName;
    if (!volumeName) {
      await this.updateClaimStatusWithEvent(claim, 'Lost', ClaimLost, 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!');
      return;
    }
    const volume = this.volumes.lister.get(undefined, volumeName);
    if (!volume) {
      await this.updateClaimStatusWithEvent(claim, 'Lost', ClaimLost, 'Bound claim has lost its PersistentVolume. Data on the volume is lost!');
      return;
    }
    if (!volume.spec?.claimRef || volume.spec.claimRef.uid === claim.metadata?.uid) return this.bind(volume, claim);
    await this.updateClaimStatusWithEvent(claim, 'Lost', ClaimMisbound, 'Two claims are bound to the same volume, this one is bound incorrectly');
  }

  private async syncVolume(volume: PersistentVolume): Promise<void> {
    const ref = volume.spec?.claimRef;
    if (!ref || !ref.uid) {
      // Unused, or reserved for a claim whose own sync will bind it.
      await this.updateVolumePhase(volume, 'Available');
      return;
    }
    let claim = this.claims.lister.get(ref.namespace, ref.name ?? '');
    if (!claim && volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') {
      // A provisioner may have created the volume before this cache saw its claim: ask the API.
      claim = await this.ctx.client.get<PersistentVolumeClaim>(Resources.persistentvolumeclaims, ref.namespace, ref.name ?? '').catch((e: unknown) => {
        if (isApiError(e, 'NotFound')) return undefined;
        throw e;
      });
    }
    if (claim && claim.metadata?.uid !== ref.uid) claim = undefined;
    if (!claim) {
      const released = await this.ensureReleased(volume);
      await reclaimVolume(this.ctx, this.recorder, released);
      return;
    }
    if (!claim.spec?.volumeName) {
      if (checkVolumeModeMismatches(claim, volume)) {
        this.recorder.event(volumeRef(volume), EventType.Warning, VolumeMismatch, `Cannot bind PersistentVolume to requested PersistentVolumeClaim "${claim.metadata?.name}" due to incompatible volumeMode.`);
        this.recorder.event(claimRef(claim), EventType.Warning, VolumeMismatch, `Cannot bind PersistentVolume "${volume.metadata?.name}" to requested PersistentVolumeClaim due to incompatible volumeMode.`);
        return;
      }
      // The claim's sync finishes the binding; this is how a provisioned volume gets bound quickly.
      this.claimQueue.add(keyOf(claim));
      return;
    }
    if (claim.spec.volumeName === volume.metadata?.name) {
      await this.updateVolumePhase(volume, 'Bound');
      return;
    }
    // The claim got bound to another volume.
    if (volume.metadata?.annotations?.[AnnDynamicallyProvisioned] !== undefined && volume.spec?.persistentVolumeReclaimPolicy === 'Delete') {
      const released = await this.ensureReleased(volume);
      await reclaimVolume(this.ctx, this.recorder, released);
      return;
    }
    await this.unbindVolume(volume);
  }

  /** bind is the binder's four writes: volume claimRef, volume phase, claim volumeName, claim status. */
  private async bind(volume: PersistentVolume, claim: PersistentVolumeClaim): Promise<void> {
    const bound = getBindVolumeToClaim(volume, claim);
    let v = bound.volume;
    if (bound.dirty) v = await this.ctx.client.update<PersistentVolume>(Resources.persistentvolumes, v);
    v = await this.updateVolumePhase(v, 'Bound');
    const c = await this.bindClaimToVolume(claim, v);
    await this.updateClaimStatus(c, 'Bound', v);
  }

  private async bindClaimToVolume(claim: PersistentVolumeClaim, volume: PersistentVolume): Promise<PersistentVolumeClaim> {
    const name = volume.metadata!.name!;
    const annotations = { ...claim.metadata?.annotations };
    let dirty = false;
    if (claim.spec?.volumeName !== name) {
      dirty = true;
      annotations[AnnBoundByController] ??= 'yes';
    }
    if (annotations[AnnBindCompleted] === undefined) {
      annotations[AnnBindCompleted] = 'yes';
      dirty = true;
    }
    if (!dirty) return claim;
    const next: PersistentVolumeClaim = { ...claim, metadata: { ...claim.metadata, annotations }, spec: { ...claim.spec, volumeName: name } };
    return this.ctx.client.update<PersistentVolumeClaim>(Resources.persistentvolumeclaims, next);
  }

  private async unbindVolume(volume: PersistentVolume): Promise<void> {
    const next: PersistentVolume = structuredClone(volume);
    if (volume.metadata?.annotations?.[AnnBoundByController] !== undefined) {
      delete next.spec!.claimRef;
      delete next.metadata!.annotations![AnnBoundByController];
      if (Object.keys(next.metadata!.annotations!).length === 0) delete next.metadata!.annotations;
    } else {
      // Pre-bound by the user: only the claim's UID goes.
      delete next.spec!.claimRef!.uid;
    }
    const updated = await this.ctx.client.update<PersistentVolume>(Resources.persistentvolumes, next);
    await this.updateVolumePhase(updated, 'Available');
  }

  /** updateClaimStatus sets the phase; a bound claim reports the volume's access modes and, when it becomes Bound, its capacity. */
  private async updateClaimStatus(claim: PersistentVolumeClaim, phase: string, volume: PersistentVolume | undefined): Promise<PersistentVolumeClaim> {
    const status = { ...claim.status };
    let dirty = false;
    if (status.phase !== phase) {
      status.phase = phase;
      dirty = true;
    }
    if (!volume) {
      if (status.accessModes !== undefined || status.capacity !== undefined) dirty = true;
      delete status.accessModes;
      delete status.capacity;
    } else {
      if (JSON.stringify(status.accessModes) !== JSON.stringify(volume.spec?.accessModes)) {
        status.accessModes = volume.spec?.accessModes;
        dirty = true;
      }
      const storage = (volume.spec?.capacity as Record<string, string> | undefined)?.storage;
      if (claim.status?.phase !== phase && (status.capacity as Record<string, string> | undefined)?.storage !== storage) {
        status.capacity = volume.spec?.capacity;
        dirty = true;
      }
    }
    if (!dirty) return claim;
    return this.ctx.client.updateStatus<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { ...claim, status });
  }

  private async updateClaimStatusWithEvent(claim: PersistentVolumeClaim, phase: string, reason: string, message: string): Promise<void> {
    if (claim.status?.phase === phase) return;
    this.recorder.event(claimRef(claim), EventType.Warning, reason, message);
    await this.updateClaimStatus(claim, phase, undefined);
  }

  private updateVolumePhase(volume: PersistentVolume, phase: string): Promise<PersistentVolume> {
    return updateVolumePhase(this.ctx, volume, phase);
  }

  private async ensureReleased(volume: PersistentVolume): Promise<PersistentVolume> {
    if (volume.status?.phase === 'Released' || volume.status?.phase === 'Failed') return volume;
    return this.updateVolumePhase(volume, 'Released');
  }

  /** emitEventForUnboundDelayBindingClaim says who the claim waits for: a consumer, or the scheduling of the pods that use it. */
  private emitEventForUnboundDelayBindingClaim(claim: PersistentVolumeClaim): void {
    const pending = this.pods.lister
      .byIndex(podPVCIndex, keyOf(claim))
      .filter((p) => !p.spec?.nodeName)
      .map((p) => p.metadata?.name ?? '');
    if (pending.length === 0) {
      this.recorder.event(claimRef(claim), EventType.Normal, WaitForFirstConsumer, msgWaitForFirstConsumer);
      return;
    }
    const message = pending.length > 1 ? `waiting for pods ${pending.join(',')} to be scheduled` : `waiting for pod ${pending[0]} to be scheduled`;
    this.recorder.event(claimRef(claim), EventType.Normal, WaitForPodScheduled, message);
  }

  /**
   * provisionClaim is provisionClaimOperation for an external provisioner: annotate the claim with
   * the class's provisioner and say so in an event; the provisioner creates the volume.
   */
  private async provisionClaim(claim: PersistentVolumeClaim): Promise<void> {
    const className = getPersistentVolumeClaimClass(claim);
    const storageClass = this.classes.lister.get(undefined, className);
    if (!storageClass) {
      // Upstream's provisioning operation fails the same way; the next resync tries again.
      this.recorder.event(claimRef(claim), EventType.Warning, ProvisioningFailed, `storageclass.storage.k8s.io "${className}" not found`);
      return;
    }
    const provisioner = storageClass.provisioner;
    let c = claim;
    if (c.metadata?.annotations?.[AnnBetaStorageProvisioner] !== provisioner) {
      const annotations = { ...c.metadata?.annotations, [AnnBetaStorageProvisioner]: provisioner, [AnnStorageProvisioner]: provisioner };
      c = await this.ctx.client.update<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { ...c, metadata: { ...c.metadata, annotations } });
    }
    this.recorder.event(claimRef(c), EventType.Normal, ExternalProvisioning, msgExternalProvisioning(provisioner));
  }

  /** resync re-queues every claim and volume, as the informers' resync period does upstream. */
  private resync(): void {
    for (const c of this.claims.lister.list()) this.claimQueue.add(keyOf(c));
    for (const v of this.volumes.lister.list()) this.volumeQueue.add(keyOf(v));
  }
}
