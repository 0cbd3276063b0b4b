import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { deepEqual } from '../../api/deepEqual';
import { matches, nothing, selectorFromLabelSelector, type Selector } from '../../api/labels';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { QueueController, type ControllerContext } from '../controller';
import { ControllerHistory } from '../history/controllerHistory';
import {
  ControllerRefManager,
  controllersSelecting,
  ensureControllerUIDIndex,
  getControllerOf,
  ownedOrOrphaned,
  recheckDeletionTimestamp,
  resolveControllerRef,
} from '../util/controllerRef';
import { isPodReady } from '../util/podUtil';
import { StatefulPodControl } from './statefulPodControl';
import { StatefulSetControl } from './statefulSetControl';
import { controllerKind, isMemberOf, replicasOf } from './statefulSetUtils';

// The StatefulSet controller of pkg/controller/statefulset/stateful_set.go (v1.32): informers,
// work queue, adoption of pods and ControllerRevisions; the reconcile itself is StatefulSetControl.

/** ConcurrentStatefulSetSyncs is kube-controller-manager's --concurrent-statefulset-syncs default. */
const ConcurrentStatefulSetSyncs = 5;

/**
 * StatefulSetController gives each StatefulSet its pods `<set>-<ordinal>` with stable identities and
 * claims, created and removed in ordinal order (OrderedReady) or all at once (Parallel), rolled to
 * new templates through ControllerRevisions, and reports replicas and revisions in the status.
 */
export class StatefulSetController extends QueueController {
  readonly name = 'statefulset-controller';
  protected readonly queue: WorkQueue;
  private readonly setInformer: Informer<StatefulSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly revInformer: Informer<ControllerRevision>;
  private readonly control: StatefulSetControl;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentStatefulSetSyncs);
    this.setInformer = ctx.informers.for<StatefulSet>(Resources.statefulsets);
    this.podInformer = ctx.informers.for<Pod>(Resources.pods);
    this.revInformer = ctx.informers.for<ControllerRevision>(Resources.controllerrevisions);
    // Claims are only read (upstream: "TODO: Watch volumes"); the informer keeps the cache.
    const pvcInformer = ctx.informers.for<PersistentVolumeClaim>(Resources.persistentvolumeclaims);
    ensureControllerUIDIndex(this.podInformer);
    ensureControllerUIDIndex(this.revInformer);
    const recorder = new EventRecorder(ctx.client, ctx.sim, this.name);
    const podControl = new StatefulPodControl(ctx.client, pvcInformer.lister, recorder);
    this.control = new StatefulSetControl(ctx.client, podControl, new ControllerHistory(ctx.client), ctx.sim.clock);
    this.setInformer.addEventHandler({
      onAdd: (set) => this.enqueue(set),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (set) => this.enqueue(set),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** sync adopts orphaned revisions, claims the set's pods and runs StatefulSetControl over them. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const set = this.setInformer.lister.get(namespace, name);
    if (!set) return;
    const selector = selectorFromLabelSelector(set.spec?.selector);
    await this.adoptOrphanRevisions(set, selector);
    const pods = await this.getPodsForStatefulSet(set, selector);
    const status = await this.control.updateStatefulSet(set, pods, this.listRevisions(set, selector));
    // Pods become available minReadySeconds after turning ready; look again then.
    const minReadySeconds = set.spec?.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && status.availableReplicas !== replicasOf(set)) this.queue.addAfter(key, minReadySeconds * 1000);
  }

  /** listRevisions is ListControllerRevisions: the revisions matching selector that set owns or nobody does. */
  private listRevisions(set: StatefulSet, selector: Selector): ControllerRevision[] {
    return ownedOrOrphaned(this.revInformer.lister, set).filter((r) => matches(selector, r.metadata?.labels));
  }

  private canAdopt(set: StatefulSet): () => Promise<void> {
    return recheckDeletionTimestamp(async () => {
      const fresh = await this.ctx.client.get<StatefulSet>(Resources.statefulsets, set.metadata?.namespace, set.metadata!.name!);
      if (fresh.metadata?.uid !== set.metadata?.uid) {
        throw new Error(`original StatefulSet ${set.metadata?.namespace}/${set.metadata?.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${set.metadata?.uid}`);
      }
      return fresh;
    });
  }

  /** adoptOrphanRevisions takes ownership of the orphaned revisions matching the selector. */
  private async adoptOrphanRevisions(set: StatefulSet, selector: Selector): Promise<void> {
    const orphans = this.listRevisions(set, selector).filter((r) => !getControllerOf(r));
    if (orphans.length === 0) return;
    const manager = new ControllerRefManager<ControllerRevision>(this.ctx.client, Resources.controllerrevisions, set, selector, controllerKind, this.canAdopt(set));
    await manager.claim(orphans);
  }

  /**
   * getPodsForStatefulSet claims the pods matching the selector whose names make them members of
   * set; owned pods that stopped matching, or whose names do not fit, are released.
   */
  private async getPodsForStatefulSet(set: StatefulSet, selector: Selector): Promise<Pod[]> {
    const candidates = ownedOrOrphaned(this.podInformer.lister, set);
    const members = candidates.filter((p) => isMemberOf(set, p));
    const strangers = candidates.filter((p) => !isMemberOf(set, p) && getControllerOf(p));
    const canAdopt = this.canAdopt(set);
    const claimed = await new ControllerRefManager<Pod>(this.ctx.client, Resources.pods, set, selector, controllerKind, canAdopt).claim(members);
    // A selector matching nothing makes the manager release every owned pod it is given.
    if (strangers.length > 0) await new ControllerRefManager<Pod>(this.ctx.client, Resources.pods, set, nothing, controllerKind, canAdopt).claim(strangers);
    return claimed;
  }

  private enqueue(set: StatefulSet): void {
    this.queue.add(keyOf(set));
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): StatefulSet | undefined {
    return resolveControllerRef(this.setInformer.lister, controllerKind.kind, namespace, ref);
  }

  /** getStatefulSetsForPod lists the sets whose selector matches an orphan pod. */
  private getStatefulSetsForPod(pod: Pod): StatefulSet[] {
    return controllersSelecting(this.setInformer.lister.list(pod.metadata?.namespace ?? ''), pod.metadata?.labels, (set) => selectorFromLabelSelector(set.spec?.selector));
  }

  private addPod(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ref = getControllerOf(pod);
    if (ref) {
      const set = this.resolveControllerRef(pod.metadata?.namespace, ref);
      if (set) this.enqueue(set);
      return;
    }
    for (const set of this.getStatefulSetsForPod(pod)) this.enqueue(set);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelChanged = !deepEqual(old.metadata?.labels, cur.metadata?.labels);
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !deepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const set = this.resolveControllerRef(old.metadata?.namespace, oldRef);
      if (set) this.enqueue(set);
    }
    if (curRef) {
      const set = this.resolveControllerRef(cur.metadata?.namespace, curRef);
      if (!set) return;
      this.enqueue(set);
      // Availability follows readiness by minReadySeconds; a second more avoids clock skew (upstream).
      const minReadySeconds = set.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) this.queue.addAfter(keyOf(set), (minReadySeconds + 1) * 1000);
      return;
    }
    if (labelChanged || refChanged) for (const set of this.getStatefulSetsForPod(cur)) this.enqueue(set);
  }

  private deletePod(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (!ref) return;
    const set = this.resolveControllerRef(pod.metadata?.namespace, ref);
    if (set) this.enqueue(set);
  }
}
