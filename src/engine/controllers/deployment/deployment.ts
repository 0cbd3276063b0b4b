import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { matches, selectorFromLabelSelector } from '../../api/labels';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import type { Controller, ControllerContext } from '../controller';
import {
  ControllerRefManager,
  ControllerUIDIndex,
  controllersSelecting,
  ensureControllerUIDIndex,
  getControllerOf,
  ownedOrOrphaned,
  recheckDeletionTimestamp,
  resolveControllerRef,
} from '../util/controllerRef';
import { hasStatusCause, NamespaceTerminatingCause } from '../util/podControl';
import { controllerKind, updateDeploymentStatus, type DeploymentContext } from './context';
import { rolloutRecreate, type PodMap } from './recreate';
import { getRollbackTo } from './annotations';
import { rollback } from './rollback';
import { rolloutRolling } from './rolling';
import { checkPausedConditions, isScalingEvent, sync, syncStatusOnly } from './sync';

// The Deployment controller of pkg/controller/deployment/deployment_controller.go (v1.32).

/** SelectingAll is the warning event of a Deployment whose selector is empty. */
export const SelectingAll = 'SelectingAll';
/** SelectingAllMessage is its message (v1.32). */
export const SelectingAllMessage = 'This deployment is selecting all pods. A non-empty selector is required.';
/** maxRetries is how often a failing Deployment is retried before it is dropped until its next change. */
const maxRetries = 15;
/** ConcurrentDeploymentSyncs is kube-controller-manager's --concurrent-deployment-syncs default. */
const ConcurrentDeploymentSyncs = 5;

/** deploymentSyncBatchMs gathers a Deployment's ReplicaSet and pod events into one sync. */
const deploymentSyncBatchMs = 250;

/**
 * DeploymentController rolls Deployments out through ReplicaSets: one ReplicaSet per pod template,
 * named `<deployment>-<pod-template-hash>`, scaled by the RollingUpdate or Recreate strategy, with
 * revisions, history cleanup, pause/resume, proportional scaling and the Available/Progressing
 * conditions. It watches Deployments, ReplicaSets and pods, and writes only through the API.
 */
export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';
  private readonly queue: WorkQueue;
  private readonly dInformer: Informer<Deployment>;
  private readonly rsInformer: Informer<ReplicaSet>;
  private readonly podInformer: Informer<Pod>;
  private readonly dc: DeploymentContext;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentDeploymentSyncs, undefined, undefined, deploymentSyncBatchMs);
    this.dInformer = ctx.informers.for<Deployment>(Resources.deployments);
    this.rsInformer = ctx.informers.for<ReplicaSet>(Resources.replicasets);
    this.podInformer = ctx.informers.for<Pod>(Resources.pods);
    ensureControllerUIDIndex(this.rsInformer);
    ensureControllerUIDIndex(this.podInformer);
    this.dc = {
      client: ctx.client,
      rsLister: this.rsInformer.lister,
      recorder: new EventRecorder(ctx.client, ctx.sim, this.name),
      now: () => ctx.sim.clock.now(),
      enqueueAfter: (d, ms) => this.queue.addAfter(keyOf(d), ms),
      enqueueRateLimited: (d) => this.queue.addRateLimited(keyOf(d)),
    };
    this.dInformer.addEventHandler({
      onAdd: (d) => this.enqueue(d),
      onUpdate: (_old, cur) => this.enqueue(cur),
      onDelete: (d) => this.enqueue(d),
    });
    this.rsInformer.addEventHandler({
      onAdd: (rs) => this.addReplicaSet(rs),
      onUpdate: (old, cur) => this.updateReplicaSet(old, cur),
      onDelete: (rs) => this.deleteReplicaSet(rs),
    });
    this.podInformer.addEventHandler({ onDelete: (pod) => this.deletePod(pod) });
  }

  run(): void {
    this.queue.run(async (key) => {
      try {
        await this.sync(key);
      } catch (e) {
        // In a terminating namespace every create fails: retrying is pointless.
        if (hasStatusCause(e, NamespaceTerminatingCause)) return;
        if (this.queue.numRequeues(key) < maxRetries) throw e;
      }
    });
  }

  stop(): void {
    this.queue.shutdown();
  }

  /** sync is syncDeployment: pause, rollback, scaling event or rollout, in that order of precedence. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.dInformer.lister.get(namespace, name);
    if (!cached) return;
    // Work on a copy: the steps below change the Deployment as upstream does with its DeepCopy.
    const d = structuredClone(cached);
    const sel = d.spec?.selector;
    if (sel && sel.matchLabels === undefined && sel.matchExpressions === undefined) {
      this.dc.recorder.event(d, EventType.Warning, SelectingAll, SelectingAllMessage);
      if ((d.status?.observedGeneration ?? 0) < (d.metadata?.generation ?? 0)) {
        (d.status ??= {}).observedGeneration = d.metadata?.generation;
        await updateDeploymentStatus(this.dc, d);
      }
      return;
    }
    const rsList = await this.getReplicaSetsForDeployment(d);
    if (d.metadata?.deletionTimestamp) return syncStatusOnly(this.dc, d, rsList);
    // Record pausing and resuming first, so a resumed Deployment does not time out at once.
    await checkPausedConditions(this.dc, d);
    if (d.spec?.paused) return sync(this.dc, d, rsList);
    // A rollback rewrites the template; nothing else may happen until it is cleared.
    if (getRollbackTo(d) !== undefined) return rollback(this.dc, d, rsList);
    if (await isScalingEvent(this.dc, d, rsList)) return sync(this.dc, d, rsList);
    switch (d.spec?.strategy?.type) {
      case 'Recreate':
        return rolloutRecreate(this.dc, d, rsList, this.getPodMapForDeployment(d, rsList));
      case 'RollingUpdate':
        return rolloutRolling(this.dc, d, rsList);
    }
    throw new Error(`unexpected deployment strategy type: ${d.spec?.strategy?.type ?? ''}`);
  }

  /** getReplicaSetsForDeployment claims the Deployment's ReplicaSets: adopts matching orphans, releases mismatches. */
  private async getReplicaSetsForDeployment(d: Deployment): Promise<ReplicaSet[]> {
    const selector = selectorFromLabelSelector(d.spec?.selector);
    const canAdopt = recheckDeletionTimestamp(async () => {
      const fresh = await this.ctx.client.get<Deployment>(Resources.deployments, d.metadata?.namespace, d.metadata!.name!);
      if (fresh.metadata?.uid !== d.metadata?.uid) {
        throw new Error(
          `original Deployment ${d.metadata?.namespace}/${d.metadata?.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${d.metadata?.uid}`,
        );
      }
      return fresh;
    });
    const cm = new ControllerRefManager<ReplicaSet>(this.ctx.client, Resources.replicasets, d, selector, controllerKind, canAdopt);
    return cm.claim(ownedOrOrphaned(this.rsInformer.lister, d));
  }

  /** getPodMapForDeployment groups the Deployment's pods by ReplicaSet UID, inactive pods included. */
  private getPodMapForDeployment(d: Deployment, rsList: ReplicaSet[]): PodMap {
    const selector = selectorFromLabelSelector(d.spec?.selector);
    const podMap: PodMap = new Map();
    for (const rs of rsList) {
      const uid = rs.metadata!.uid!;
      podMap.set(
        uid,
        this.podInformer.lister.byIndex(ControllerUIDIndex, uid).filter((p) => matches(selector, p.metadata?.labels)),
      );
    }
    return podMap;
  }

  private enqueue(d: Deployment): void {
    this.queue.add(keyOf(d));
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): Deployment | undefined {
    return resolveControllerRef(this.dInformer.lister, controllerKind.kind, namespace, ref);
  }

  /** getDeploymentsForReplicaSet lists the Deployments whose selector matches an orphan; an empty selector matches nothing. */
  private getDeploymentsForReplicaSet(rs: ReplicaSet): Deployment[] {
    return controllersSelecting(this.dInformer.lister.list(rs.metadata?.namespace ?? ''), rs.metadata?.labels, (d) => selectorFromLabelSelector(d.spec?.selector));
  }

  private addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata?.deletionTimestamp) return this.deleteReplicaSet(rs);
    const ref = getControllerOf(rs);
    if (ref) {
      const d = this.resolveControllerRef(rs.metadata?.namespace, ref);
      if (d) this.enqueue(d);
      return;
    }
    for (const d of this.getDeploymentsForReplicaSet(rs)) this.enqueue(d);
  }

  private updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid || curRef?.name !== oldRef?.name || curRef?.kind !== oldRef?.kind;
    if (refChanged && oldRef) {
      const d = this.resolveControllerRef(old.metadata?.namespace, oldRef);
      if (d) this.enqueue(d);
    }
    if (curRef) {
      const d = this.resolveControllerRef(cur.metadata?.namespace, curRef);
      if (d) this.enqueue(d);
      return;
    }
    const labelChanged = JSON.stringify(old.metadata?.labels ?? {}) !== JSON.stringify(cur.metadata?.labels ?? {});
    if (labelChanged || refChanged) for (const d of this.getDeploymentsForReplicaSet(cur)) this.enqueue(d);
  }

  private deleteReplicaSet(rs: ReplicaSet): void {
    const ref = getControllerOf(rs);
    if (!ref) return;
    const d = this.resolveControllerRef(rs.metadata?.namespace, ref);
    if (d) this.enqueue(d);
  }

  /** deletePod wakes a Recreate Deployment once its last pod is gone: the new ReplicaSet may start then. */
  private deletePod(pod: Pod): void {
    const rsRef = getControllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.rsInformer.lister.get(pod.metadata?.namespace, rsRef.name);
    if (!rs || rs.metadata?.uid !== rsRef.uid) return;
    const dRef = getControllerOf(rs);
    const d = dRef && this.resolveControllerRef(rs.metadata?.namespace, dRef);
    if (!d || d.spec?.strategy?.type !== 'Recreate') return;
    for (const owned of this.rsInformer.lister.byIndex(ControllerUIDIndex, d.metadata!.uid!)) {
      if (this.podInformer.lister.byIndex(ControllerUIDIndex, owned.metadata!.uid!).length > 0) return;
    }
    this.enqueue(d);
  }
}
