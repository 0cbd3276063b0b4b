import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { PVCProtectionFinalizer } from '../../apiserver/registry/persistentvolumeclaims';
import { Resources } from '../../apiserver/registry/resources';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { QueueController, type ControllerContext } from '../controller';
import { hasFinalizer, withFinalizer, withoutFinalizer } from './finalizers';
import { podClaimNames } from './pvHelpers';

// The PVC protection controller of pkg/controller/volume/pvcprotection/pvc_protection_controller.go
// (v1.32): a claim being deleted keeps its finalizer while a scheduled pod uses it.

/** podPVCIndex finds the pods that name a claim. */
const podPVCIndex = 'pvc-protection-pod-pvc';

/**
 * PVCProtectionController removes kubernetes.io/pvc-protection from a deleted claim once no
 * scheduled pod uses it, and adds the finalizer to claims that lack it.
 */
export class PVCProtectionController extends QueueController {
  readonly name = 'pvc-protection-controller';
  protected readonly queue: WorkQueue;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly pods: Informer<Pod>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.claims = ctx.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    this.pods.addIndexer(podPVCIndex, (pod) => podClaimNames(pod).map((c) => `${pod.metadata?.namespace}/${c}`));
    const onClaim = (c: PersistentVolumeClaim) => {
      if (needsProcessing(c)) this.queue.add(keyOf(c));
    };
    this.claims.addEventHandler({ onAdd: onClaim, onUpdate: (_, c) => onClaim(c) });
    this.pods.addEventHandler({
      onAdd: (p) => this.enqueueClaims(p, false),
      onUpdate: (_, p) => this.enqueueClaims(p, false),
      onDelete: (p) => this.enqueueClaims(p, true),
    });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const claim = this.claims.lister.get(namespace, name);
    if (!claim) return;
    if (claim.metadata?.deletionTimestamp && hasFinalizer(claim, PVCProtectionFinalizer)) {
      if (!this.isBeingUsed(claim)) await this.ctx.client.update(Resources.persistentvolumeclaims, withoutFinalizer(claim, PVCProtectionFinalizer));
      return;
    }
    if (!claim.metadata?.deletionTimestamp && !hasFinalizer(claim, PVCProtectionFinalizer)) {
      await this.ctx.client.update(Resources.persistentvolumeclaims, withFinalizer(claim, PVCProtectionFinalizer));
    }
  }

  /** isBeingUsed: only scheduled pods count, since the kubelet refuses to start a pod whose claim is being deleted. */
  private isBeingUsed(claim: PersistentVolumeClaim): boolean {
    return this.pods.lister.byIndex(podPVCIndex, keyOf(claim)).some((p) => !!p.spec?.nodeName);
  }

  /** enqueueClaims queues the claims of a pod that may have stopped blocking their deletion. */
  private enqueueClaims(pod: Pod, deleted: boolean): void {
    const phase = pod.status?.phase;
    const terminated = phase === 'Succeeded' || phase === 'Failed';
    if (!deleted && !terminated && pod.spec?.nodeName) return;
    for (const c of podClaimNames(pod)) this.queue.add(`${pod.metadata?.namespace}/${c}`);
  }
}

function needsProcessing(c: PersistentVolumeClaim): boolean {
  return !!c.metadata?.deletionTimestamp === hasFinalizer(c, PVCProtectionFinalizer);
}
