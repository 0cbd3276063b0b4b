import type { PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import { isApiError, StatusReason } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { QueueController, type ControllerContext } from '../controller';
import { newControllerRef } from '../util/controllerRef';
import { ephemeralClaimError, ephemeralClaimName } from './pvHelpers';

// The ephemeral volume controller of pkg/controller/volume/ephemeral/controller.go (v1.32).

/** FailedBinding is the event reason of pkg/controller/volume/events. */
export const FailedBinding = 'FailedBinding';

/** podEphemeralClaimIndex finds the pod a claim would be the ephemeral volume of. */
const podEphemeralClaimIndex = 'pod-ephemeral-claim';

/** podKind is the pod as the owner of its ephemeral claims. */
const podKind = { apiVersion: 'v1', kind: 'Pod' };

const hasEphemeral = (pod: Pod) => !pod.metadata?.deletionTimestamp && (pod.spec?.volumes ?? []).some((v) => v.ephemeral);

/**
 * EphemeralVolumeController creates the claim of each generic ephemeral volume: named
 * "<pod>-<volume>" from the volume's claim template, owned by the pod (so that the garbage
 * collector deletes it with the pod), before the scheduler can place the pod. A claim of that
 * name the pod does not own is not taken over: the pod gets a FailedBinding event.
 */
export class EphemeralVolumeController extends QueueController {
  readonly name = 'ephemeral-volume-controller';
  protected readonly queue: WorkQueue;
  private readonly pods: Informer<Pod>;
  private readonly claims: Informer<PersistentVolumeClaim>;
  private readonly recorder: EventRecorder;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'ephemeral_volume');
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    this.claims = ctx.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    this.pods.addIndexer(podEphemeralClaimIndex, (pod) =>
      (pod.spec?.volumes ?? []).filter((v) => v.ephemeral).map((v) => `${pod.metadata?.namespace}/${ephemeralClaimName(pod, v.name)}`),
    );
    const onPod = (p: Pod) => {
      if (hasEphemeral(p)) this.queue.add(keyOf(p));
    };
    this.pods.addEventHandler({ onAdd: onPod, onUpdate: (_, p) => onPod(p) });
    // A claim deleted while its pod lives is created again.
    this.claims.addEventHandler({ onDelete: (c) => this.pods.lister.byIndex(podEphemeralClaimIndex, keyOf(c)).forEach(onPod) });
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.lister.get(namespace, name);
    if (!pod || pod.metadata?.deletionTimestamp) return;
    for (const vol of pod.spec?.volumes ?? []) {
      const err = await this.handleVolume(pod, vol);
      if (err === undefined) continue;
      this.recorder.event({ apiVersion: 'v1', kind: 'Pod', metadata: pod.metadata }, 'Warning', FailedBinding, `ephemeral volume ${vol.name}: ${err}`);
      throw new Error(`pod ${key}, ephemeral volume ${vol.name}: ${err}`);
    }
  }

  /** handleVolume creates the volume's claim unless it exists; it returns what stops it. */
  private async handleVolume(pod: Pod, vol: Volume): Promise<string | undefined> {
    const template = vol.ephemeral?.volumeClaimTemplate;
    if (!template) return undefined;
    const claimName = ephemeralClaimName(pod, vol.name);
    const existing = this.claims.lister.get(pod.metadata?.namespace, claimName);
    if (existing) return ephemeralClaimError(pod, existing) ?? undefined;
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: {
        name: claimName,
        namespace: pod.metadata?.namespace,
        ownerReferences: [newControllerRef(pod, podKind)],
        annotations: template.metadata?.annotations,
        labels: template.metadata?.labels,
      },
      spec: template.spec,
    };
    try {
      await this.ctx.client.create(Resources.persistentvolumeclaims, claim);
    } catch (e) {
      // The informer has not seen a claim created meanwhile: the next sync judges it.
      if (isApiError(e, StatusReason.AlreadyExists)) return undefined;
      return `create PVC ${claimName}: ${e instanceof Error ? e.message : String(e)}`;
    }
    return undefined;
  }
}
