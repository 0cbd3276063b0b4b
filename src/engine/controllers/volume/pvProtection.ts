import type { PersistentVolume } from 'kubernetes-types/core/v1';
import { PVProtectionFinalizer } from '../../apiserver/registry/persistentvolumes';
import { Resources } from '../../apiserver/registry/resources';
import { keyOf, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { QueueController, type ControllerContext } from '../controller';
import { hasFinalizer, withFinalizer, withoutFinalizer } from './finalizers';

// The PV protection controller of pkg/controller/volume/pvprotection/pv_protection_controller.go
// (v1.32): a volume being deleted keeps its finalizer while it is Bound.

/** PVProtectionController removes kubernetes.io/pv-protection from a deleted volume once it is not Bound. */
export class PVProtectionController extends QueueController {
  readonly name = 'pv-protection-controller';
  protected readonly queue: WorkQueue;
  private readonly volumes: Informer<PersistentVolume>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.volumes = ctx.informers.for<PersistentVolume>(Resources.persistentvolumes);
    const onVolume = (v: PersistentVolume) => {
      if (!!v.metadata?.deletionTimestamp === hasFinalizer(v, PVProtectionFinalizer)) this.queue.add(keyOf(v));
    };
    this.volumes.addEventHandler({ onAdd: onVolume, onUpdate: (_, v) => onVolume(v) });
  }

  async sync(key: string): Promise<void> {
    const volume = this.volumes.lister.get(undefined, key);
    if (!volume) return;
    if (volume.metadata?.deletionTimestamp && hasFinalizer(volume, PVProtectionFinalizer)) {
      if (volume.status?.phase !== 'Bound') await this.ctx.client.update(Resources.persistentvolumes, withoutFinalizer(volume, PVProtectionFinalizer));
      return;
    }
    if (!volume.metadata?.deletionTimestamp && !hasFinalizer(volume, PVProtectionFinalizer)) {
      await this.ctx.client.update(Resources.persistentvolumes, withFinalizer(volume, PVProtectionFinalizer));
    }
  }
}
