import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import { EventRecorder, EventType } from '../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { formatTime } from '../sim/clock';
import { QueueController, type ControllerContext } from './controller';
import { aggregate } from './util/aggregate';
import {
  ControllerName,
  getAddressTypesForService,
  LabelManagedBy,
  LabelServiceName,
  ownedBy,
  reconcileByAddressType,
  type ReconcilePlan,
} from './endpointSliceReconciler';
import {
  EndpointsLastChangeTriggerTime,
  serviceSelector,
  TriggerTimeTracker,
  watchServicesAndPods,
} from './endpointUtil';
import { hasStatusCause, NamespaceTerminatingCause } from './util/podControl';

// The EndpointSlice controller of pkg/controller/endpointslice/endpointslice_controller.go (v1.32).

/** FailedToUpdateEndpointSlices is the Warning reason of a failed reconcile. */
export const FailedToUpdateEndpointSlices = 'FailedToUpdateEndpointSlices';
/** endpointSliceChangeMinSyncDelayMs delays the resync a foreign slice change causes, batching them. */
const endpointSliceChangeMinSyncDelayMs = 1000;
/** ConcurrentServiceEndpointSyncs is --concurrent-service-endpoint-syncs' default. */
const ConcurrentServiceEndpointSyncs = 5;

/** endpointSliceUpdatesBatchMs is --endpointslice-updates-batch-period. */
const endpointSliceUpdatesBatchMs = 500;
/** ServiceIndex files managed EndpointSlices under "namespace/service". */
const ServiceIndex = 'endpointslice-controller/service';
/** deletionExpected marks a slice this controller deleted and expects to see go. */
const deletionExpected = -1;

/**
 * EndpointSliceController keeps the discovery.k8s.io/v1 EndpointSlices of every Service with a
 * selector: at most 100 endpoints each, grouped by the ports the pods resolve, owned by the Service.
 * It changes slices in place rather than recreating them and writes only what changed.
 */
export class EndpointSliceController extends QueueController {
  readonly name = 'endpointslice-controller';
  readonly tracker = new EndpointSliceTracker();
  protected readonly queue: WorkQueue;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly slices: Informer<EndpointSlice>;
  private readonly nodes: Informer<Node>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimeTracker = new TriggerTimeTracker();

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentServiceEndpointSyncs, undefined, undefined, endpointSliceUpdatesBatchMs);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'endpoint-slice-controller');
    ({ services: this.services, pods: this.pods } = watchServicesAndPods(ctx, this.queue));
    this.slices = ctx.informers.for<EndpointSlice>(Resources.endpointslices);
    this.nodes = ctx.informers.for<Node>(Resources.nodes);
    this.slices.addIndexer(ServiceIndex, (s) => (managedByController(s) ? [serviceKeyOf(s)] : []));
    this.slices.addEventHandler({
      onAdd: (s) => {
        if (managedByController(s) && this.tracker.shouldSync(s)) this.queueServiceFor(s);
      },
      onUpdate: (old, s) => {
        // Generations do not move on label changes; a slice moved to another Service concerns both.
        if (old.metadata?.labels?.[LabelServiceName] !== s.metadata?.labels?.[LabelServiceName]) {
          this.queueServiceFor(s);
          this.queueServiceFor(old);
        } else if (managedByController(old) !== managedByController(s) || (managedByController(s) && this.tracker.shouldSync(s))) {
          this.queueServiceFor(s);
        }
      },
      onDelete: (s) => {
        if (managedByController(s) && this.tracker.has(s) && !this.tracker.handleDeletion(s)) this.queueServiceFor(s);
      },
    });
  }

  /** sync is syncService: reconcile the Service's slices against its pods. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.lister.get(namespace, name);
    if (!svc) {
      // The garbage collector deletes the slices through their owner reference.
      this.triggerTimeTracker.deleteService(namespace, name);
      this.tracker.deleteService(key);
      return;
    }
    const selector = serviceSelector(svc);
    if (svc.spec?.type === 'ExternalName' || !selector) return;
    const pods = this.pods.lister.list(namespace, selector);
    const slices = this.slices.lister.byIndex(ServiceIndex, key).filter((s) => !s.metadata?.deletionTimestamp);
    if (this.tracker.staleSlices(key, slices)) throw new Error('EndpointSlice informer cache is out of date');
    const triggerTime = this.triggerTimeTracker.computeEndpointLastChangeTriggerTime(namespace, svc, pods);
    try {
      await this.reconcile(svc, pods, slices, triggerTime);
    } catch (e) {
      const msg = `Error updating Endpoint Slices for Service ${key}: ${(e as Error).message}`;
      this.recorder.event(svc, EventType.Warning, FailedToUpdateEndpointSlices, msg);
      throw e;
    }
  }

  /** reconcile is Reconciler.Reconcile: one pass per address type; slices of other types go. */
  private async reconcile(svc: Service, pods: Pod[], slices: EndpointSlice[], triggerTime: number | undefined): Promise<void> {
    const types = getAddressTypesForService(svc);
    const errs: string[] = [];
    const getNode = (n: string) => this.nodes.lister.get(undefined, n);
    for (const type of types) {
      const plan = reconcileByAddressType(
        svc,
        pods,
        slices.filter((s) => s.addressType === type),
        type,
        getNode,
      );
      errs.push(...plan.errors);
      try {
        await this.finalize(svc, plan, triggerTime);
      } catch (e) {
        errs.push((e as Error).message);
      }
    }
    for (const s of slices) {
      if ((types as string[]).includes(s.addressType)) continue;
      try {
        await this.ctx.client.delete(Resources.endpointslices, s.metadata?.namespace, s.metadata!.name!);
        this.tracker.expectDeletion(s);
      } catch (e) {
        if (!isApiError(e, 'NotFound'))
          errs.push(`error deleting ${s.metadata?.name} EndpointSlice for Service ${keyOf(svc)}: ${(e as Error).message}`);
      }
    }
    const failed = aggregate(errs);
    if (failed) throw failed;
  }

  /**
   * finalize is Reconciler.finalize: creates become updates of slices that would be deleted, then
   * slices are created (not for a Service being deleted, which would race the garbage collector),
   * updated and deleted, each write stamped with the trigger time and tracked.
   */
  private async finalize(svc: Service, plan: ReconcilePlan, triggerTime: number | undefined): Promise<void> {
    const client = this.ctx.client;
    const toCreate = [...plan.toCreate];
    const toUpdate = [...plan.toUpdate];
    const toDelete: EndpointSlice[] = [];
    for (const slice of plan.toDelete) {
      const last = toCreate[toCreate.length - 1];
      if (last && slice.addressType === last.addressType && ownedBy(slice, svc)) {
        toCreate.pop();
        toUpdate.push({ ...last, metadata: { ...slice.metadata, labels: last.metadata?.labels } });
      } else {
        toDelete.push(slice);
      }
    }
    const key = keyOf(svc);
    if (!svc.metadata?.deletionTimestamp) {
      for (const slice of toCreate) {
        try {
          this.tracker.update(await client.create(Resources.endpointslices, withTriggerTime(slice, triggerTime)));
        } catch (e) {
          if (hasStatusCause(e, NamespaceTerminatingCause)) return;
          throw new Error(`failed to create EndpointSlice for Service ${key}: ${(e as Error).message}`);
        }
      }
    }
    for (const slice of toUpdate) {
      try {
        this.tracker.update(await client.update(Resources.endpointslices, withTriggerTime(slice, triggerTime)));
      } catch (e) {
        throw new Error(`failed to update ${slice.metadata?.name} EndpointSlice for Service ${key}: ${(e as Error).message}`);
      }
    }
    for (const slice of toDelete) {
      try {
        await client.delete(Resources.endpointslices, slice.metadata?.namespace, slice.metadata!.name!);
      } catch (e) {
        throw new Error(`failed to delete ${slice.metadata?.name} EndpointSlice for Service ${key}: ${(e as Error).message}`);
      }
      this.tracker.expectDeletion(slice);
    }
  }

  private queueServiceFor(slice: EndpointSlice): void {
    const key = serviceKeyOf(slice);
    if (key) this.queue.addAfter(key, endpointSliceChangeMinSyncDelayMs);
  }

}

/**
 * EndpointSliceTracker is endpointsliceutil.EndpointSliceTracker: the generation of every slice this
 * controller wrote, per Service, so that a sync can tell a cache that has not caught up with its own
 * writes (and wait) from a change someone else made (and act on it).
 */
export class EndpointSliceTracker {
  private readonly byService = new Map<string, Map<string, number>>();

  /** has reports whether the slice is tracked. */
  has(slice: EndpointSlice): boolean {
    return this.byService.get(serviceKeyOf(slice))?.has(slice.metadata!.uid!) ?? false;
  }

  /** shouldSync is true for a slice not written here or changed since (a higher generation). */
  shouldSync(slice: EndpointSlice): boolean {
    const g = this.byService.get(serviceKeyOf(slice))?.get(slice.metadata!.uid!);
    return g === undefined || (slice.metadata?.generation ?? 0) > g;
  }

  /**
   * staleSlices is true when the cache lags behind this controller's writes: a slice older than
   * written, one expected deleted still there, or one written missing.
   */
  staleSlices(serviceKey: string, slices: EndpointSlice[]): boolean {
    const gens = this.byService.get(serviceKey);
    if (!gens) return false;
    const provided = new Set<string>();
    for (const s of slices) {
      const uid = s.metadata!.uid!;
      provided.add(uid);
      const g = gens.get(uid);
      if (g !== undefined && (g === deletionExpected || g > (s.metadata?.generation ?? 0))) return true;
    }
    for (const [uid, g] of gens) if (g !== deletionExpected && !provided.has(uid)) return true;
    return false;
  }

  /** update records the generation of a slice just written. */
  update(slice: EndpointSlice): void {
    this.gens(slice).set(slice.metadata!.uid!, slice.metadata?.generation ?? 0);
  }

  /** expectDeletion records that a slice was deleted here. */
  expectDeletion(slice: EndpointSlice): void {
    this.gens(slice).set(slice.metadata!.uid!, deletionExpected);
  }

  /** handleDeletion forgets a deleted slice; false when its deletion was not expected. */
  handleDeletion(slice: EndpointSlice): boolean {
    const gens = this.byService.get(serviceKeyOf(slice));
    const g = gens?.get(slice.metadata!.uid!);
    gens?.delete(slice.metadata!.uid!);
    return g === undefined || g === deletionExpected;
  }

  /** deleteService forgets a deleted Service. */
  deleteService(serviceKey: string): void {
    this.byService.delete(serviceKey);
  }

  private gens(slice: EndpointSlice): Map<string, number> {
    const key = serviceKeyOf(slice);
    let gens = this.byService.get(key);
    if (!gens) this.byService.set(key, (gens = new Map()));
    return gens;
  }
}

function managedByController(slice: EndpointSlice): boolean {
  return slice.metadata?.labels?.[LabelManagedBy] === ControllerName;
}

/** serviceKeyOf is the "namespace/name" of the Service a slice's label names ("" without one). */
function serviceKeyOf(slice: EndpointSlice): string {
  const name = slice.metadata?.labels?.[LabelServiceName];
  return name ? `${slice.metadata?.namespace}/${name}` : '';
}

/** withTriggerTime is addTriggerTimeAnnotation: set the annotation, or clear it when there is no new trigger. */
function withTriggerTime(slice: EndpointSlice, triggerTime: number | undefined): EndpointSlice {
  const annotations = { ...slice.metadata?.annotations };
  if (triggerTime !== undefined) annotations[EndpointsLastChangeTriggerTime] = formatTime(triggerTime);
  else delete annotations[EndpointsLastChangeTriggerTime];
  return { ...slice, metadata: { ...slice.metadata, annotations: Object.keys(annotations).length > 0 ? annotations : undefined } };
}
