import type { ReplicaSet, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { selectorFromLabelSelector, selectorFromSet, type Selector } from '../api/labels';
import { isApiError } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { Resources } from '../apiserver/registry/resources';
import { EventRecorder } from '../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { QueueController, type ControllerContext } from './controller';
import { calculateStatus, getPodsToDelete, slowStartBatch, updateReplicaSetStatus } from './replicaSetUtils';
import {
  ControllerRefManager,
  ControllerUIDIndex,
  controllersSelecting,
  ensureControllerUIDIndex,
  getControllerOf,
  newControllerRef,
  type GroupVersionKind,
  ownedOrOrphaned,
  recheckDeletionTimestamp,
  resolveControllerRef,
} from './util/controllerRef';
import { ControllerExpectations } from './util/expectations';
import { hasStatusCause, NamespaceTerminatingCause, PodControl } from './util/podControl';
import { filterActivePods, isPodReady, podKey } from './util/podUtil';

// The ReplicaSet controller of pkg/controller/replicaset/replica_set.go (v1.32).

/** BurstReplicas caps how many pods one sync creates or deletes. */
export const BurstReplicas = 500;
/** SlowStartInitialBatchSize is the first batch of pod creations; batches then double. */
export const SlowStartInitialBatchSize = 1;
/** ConcurrentRSSyncs is kube-controller-manager's --concurrent-replicaset-syncs default. */
const ConcurrentRSSyncs = 5;

/** rsSyncBatchMs gathers a ReplicaSet's pod events into one sync: each sync walks all its pods. */
const rsSyncBatchMs = 250;

/** ReplicaSetKind is what a ReplicaSetController manages: apps/v1 ReplicaSets or core/v1 ReplicationControllers. */
export interface ReplicaSetKind {
  resource: ResourceDefinition;
  gvk: GroupVersionKind;
  /** controllerName names the controller and the source of its events. */
  controllerName: string;
  selector(rs: ReplicaSet): Selector;
}

/** ReplicaSetKinds are the two flavours; a ReplicationController's selector is a plain label map. */
export const ReplicaSetKinds = {
  ReplicaSet: {
    resource: Resources.replicasets,
    gvk: { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
    controllerName: 'replicaset-controller',
    selector: (rs) => selectorFromLabelSelector(rs.spec?.selector),
  },
  ReplicationController: {
    resource: Resources.replicationcontrollers,
    gvk: { apiVersion: 'v1', kind: 'ReplicationController' },
    controllerName: 'replication-controller',
    selector: (rc) => selectorFromSet(rc.spec?.selector as unknown as Record<string, string> | undefined),
  },
} satisfies Record<string, ReplicaSetKind>;

/**
 * ReplicaSetController keeps the number of active pods of each ReplicaSet at spec.replicas: it adopts
 * matching orphans, creates missing pods in slow-start batches, deletes surplus pods in the order of
 * getPodsToDelete and reports replicas/ready/available through replicasets/status.
 */
export class ReplicaSetController extends QueueController {
  readonly name: string;
  readonly expectations: ControllerExpectations;
  protected readonly queue: WorkQueue;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly podControl: PodControl;

  constructor(
    private readonly ctx: ControllerContext,
    private readonly kind: ReplicaSetKind = ReplicaSetKinds.ReplicaSet,
  ) {
    super();
    this.name = kind.controllerName;
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentRSSyncs, undefined, undefined, rsSyncBatchMs);
    this.expectations = new ControllerExpectations(ctx.sim.clock);
    this.podControl = new PodControl(ctx.client, new EventRecorder(ctx.client, ctx.sim, this.name));
    this.rsInformer = ctx.informers.for<ReplicaSet>(kind.resource);
    this.podInformer = ctx.informers.for<Pod>(Resources.pods);
    ensureControllerUIDIndex(this.rsInformer);
    ensureControllerUIDIndex(this.podInformer);
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.enqueue(rs),
      onUpdate: (old, cur) => {
        if (old.metadata?.uid !== cur.metadata?.uid) this.deleteRS(old);
        this.enqueue(cur);
      },
      onDelete: (rs) => this.deleteRS(rs),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod),
    });
  }

  /** sync is syncReplicaSet: claim pods, create or delete the difference, then write status. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const rs = this.rsInformer.lister.get(namespace, name);
    if (!rs) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const rsNeedsSync = this.expectations.satisfiedExpectations(key);
    const selector = this.kind.selector(rs);
    // Owned pods include those whose labels no longer match: claiming releases them.
    const active = filterActivePods(ownedOrOrphaned(this.podInformer.lister, rs));
    const filteredPods = await this.claimPods(rs, selector, active);
    let manageReplicasErr: Error | undefined;
    if (rsNeedsSync && !rs.metadata?.deletionTimestamp) {
      try {
        await this.manageReplicas(filteredPods, rs);
      } catch (e) {
        manageReplicasErr = e as Error;
      }
    }
    const now = this.ctx.sim.clock.now();
    const newStatus = calculateStatus(rs, filteredPods, manageReplicasErr, now);
    const updated = await updateReplicaSetStatus(this.ctx.client, this.kind.resource, rs, newStatus);
    // Pods become available minReadySeconds after turning ready; nothing else wakes us then.
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    const st: Partial<ReplicaSetStatus> = updated.status ?? {};
    const replicas = updated.spec?.replicas ?? 1;
    if (!manageReplicasErr && minReadySeconds > 0 && (st.readyReplicas ?? 0) === replicas && (st.availableReplicas ?? 0) !== replicas) {
      this.queue.addAfter(key, minReadySeconds * 1000);
    }
    if (manageReplicasErr) throw manageReplicasErr;
  }

  private async claimPods(rs: ReplicaSet, selector: Selector, pods: Pod[]): Promise<Pod[]> {
    const canAdopt = recheckDeletionTimestamp(async () => {
      const fresh = await this.ctx.client.get<ReplicaSet>(this.kind.resource, rs.metadata?.namespace, rs.metadata!.name!);
      if (fresh.metadata?.uid !== rs.metadata?.uid) {
        throw new Error(
          `original ${this.kind.gvk.kind} ${rs.metadata?.namespace}/${rs.metadata?.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${rs.metadata?.uid}`,
        );
      }
      return fresh;
    });
    return new ControllerRefManager<Pod>(this.ctx.client, Resources.pods, rs, selector, this.kind.gvk, canAdopt).claim(pods);
  }

  /** manageReplicas creates or deletes pods so that filteredPods reaches spec.replicas, at most BurstReplicas at once. */
  private async manageReplicas(filteredPods: Pod[], rs: ReplicaSet): Promise<void> {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const key = keyOf(rs);
    const namespace = rs.metadata?.namespace ?? '';
    if (diff < 0) {
      const n = Math.min(-diff, BurstReplicas);
      // Expect the creations before making them: their watch events may arrive at any time.
      this.expectations.expectCreations(key, n);
      const ref = newControllerRef(rs, this.kind.gvk);
      const { successes, error } = await slowStartBatch(n, SlowStartInitialBatchSize, async () => {
        try {
          await this.podControl.createPods(namespace, rs.spec?.template ?? {}, rs, ref);
        } catch (e) {
          // Every create in a terminating namespace fails; there is nothing to retry.
          if (!hasStatusCause(e, NamespaceTerminatingCause)) throw e;
        }
      });
      // Pods never created (failed or skipped) will not be observed: stop expecting them.
      for (let i = 0; i < n - successes; i++) this.expectations.creationObserved(key);
      if (error) throw error;
    } else if (diff > 0) {
      const n = Math.min(diff, BurstReplicas);
      const podsToDelete = getPodsToDelete(filteredPods, this.getIndirectlyRelatedPods(rs), n, this.ctx.sim.clock.now());
      // Expect each pod's deletion once, whether seen as a deletionTimestamp or as the delete itself.
      this.expectations.expectDeletions(key, podsToDelete.map(podKey));
      const errors: Error[] = [];
      await Promise.all(
        podsToDelete.map(async (pod) => {
          try {
            await this.podControl.deletePod(namespace, pod.metadata!.name!, rs);
          } catch (e) {
            this.expectations.deletionObserved(key, podKey(pod));
            if (!isApiError(e, 'NotFound')) errors.push(e as Error);
          }
        }),
      );
      if (errors.length > 0) throw errors[0];
    }
  }

  /** getIndirectlyRelatedPods returns the pods of every ReplicaSet sharing rs's controller, rs's own included. */
  private getIndirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const ref = getControllerOf(rs);
    if (!ref) return [];
    const out: Pod[] = [];
    for (const related of this.rsInformer.lister.byIndex(ControllerUIDIndex, ref.uid)) {
      out.push(...this.podInformer.lister.byIndex(ControllerUIDIndex, related.metadata!.uid!));
    }
    return out;
  }

  private enqueue(rs: ReplicaSet): void {
    this.queue.add(keyOf(rs));
  }

  private deleteRS(rs: ReplicaSet): void {
    const key = keyOf(rs);
    this.expectations.deleteExpectations(key);
    this.queue.add(key);
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): ReplicaSet | undefined {
    return resolveControllerRef(this.rsInformer.lister, this.kind.gvk.kind, namespace, ref);
  }

  /** getPodReplicaSets lists the ReplicaSets whose selector matches an orphan pod. */
  private getPodReplicaSets(pod: Pod): ReplicaSet[] {
    return controllersSelecting(this.rsInformer.lister.list(pod.metadata?.namespace ?? ''), pod.metadata?.labels, (rs) => this.kind.selector(rs));
  }

  private addPod(pod: Pod): void {
    // A pod already terminating when first seen (a restart) must not count as an observed creation.
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = this.resolveControllerRef(pod.metadata?.namespace, ref);
      if (!rs) return;
      const key = keyOf(rs);
      this.expectations.creationObserved(key);
      this.queue.add(key);
      return;
    }
    for (const rs of this.getPodReplicaSets(pod)) this.enqueue(rs);
  }

  private updatePod(old: Pod, cur: Pod): void {
    const labelChanged = !sameMap(old.metadata?.labels, cur.metadata?.labels);
    if (cur.metadata?.deletionTimestamp) {
      // The kubelet deletes the pod once terminated; the ReplicaSet acts on the deletionTimestamp already.
      this.deletePod(cur);
      if (labelChanged) this.deletePod(old);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid || curRef?.name !== oldRef?.name || curRef?.kind !== oldRef?.kind;
    if (refChanged && oldRef) {
      const rs = this.resolveControllerRef(old.metadata?.namespace, oldRef);
      if (rs) this.enqueue(rs);
    }
    if (curRef) {
      const rs = this.resolveControllerRef(cur.metadata?.namespace, curRef);
      if (!rs) return;
      this.enqueue(rs);
      // Availability follows readiness by minReadySeconds; look again then.
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) {
        this.queue.addAfter(keyOf(rs), (minReadySeconds + 1) * 1000);
      }
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.getPodReplicaSets(cur)) this.enqueue(rs);
  }

  private deletePod(pod: Pod): void {
    const ref = getControllerOf(pod);
    if (!ref) return;
    const rs = this.resolveControllerRef(pod.metadata?.namespace, ref);
    if (!rs) return;
    const key = keyOf(rs);
    this.expectations.deletionObserved(key, podKey(pod));
    this.queue.add(key);
  }
}

/**
 * ReplicationManager is the ReplicationController controller (pkg/controller/replication): upstream
 * too runs the ReplicaSet controller's logic on core/v1 ReplicationControllers.
 */
export class ReplicationManager extends ReplicaSetController {
  constructor(ctx: ControllerContext) {
    super(ctx, ReplicaSetKinds.ReplicationController);
  }
}

function sameMap(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ak = Object.keys(a ?? {});
  if (ak.length !== Object.keys(b ?? {}).length) return false;
  for (const k of ak) if (a![k] !== b?.[k]) return false;
  return true;
}
