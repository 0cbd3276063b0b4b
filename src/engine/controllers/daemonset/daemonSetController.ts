import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { OwnerReference } from 'kubernetes-types/meta/v1';
import { deepCopy } from '../../api/deepCopy';
import { selectorFromLabelSelector } from '../../api/labels';
import { semanticDeepEqual } from '../../apiserver/registry/strategyHelpers';
import { Resources } from '../../apiserver/registry/resources';
import { EventRecorder, EventType } from '../../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../../client/informer';
import { WorkQueue } from '../../client/workQueue';
import { QueueController, type ControllerContext } from '../controller';
import { slowStartBatch } from '../replicaSetUtils';
import { controllersSelecting, getControllerOf, newControllerRef, resolveControllerRef } from '../util/controllerRef';
import { hasStatusCause, NamespaceTerminatingCause, PodControl } from '../util/podControl';
import { isPodReady, podKey } from '../util/podUtil';
import { isApiError } from '../../apiserver/errors';
import { ControllerRevisionHashLabel, createPodTemplate, DaemonSetKind, getTemplateGeneration, replaceDaemonSetPodNodeNameNodeAffinity } from './daemonPodTemplate';
import { DaemonPods } from './daemonPods';
import { DaemonSetExpectations } from './expectations';
import { FailedPodsBackoff, failedPodsBackoffKey } from './failedPodsBackoff';
import { DaemonSetHistory } from './history';
import { placementChanged, shouldIgnoreNodeUpdate } from './informerHandlers';
import { nodeShouldRunDaemonPod } from './nodeShouldRunDaemonPod';
import { getUnscheduledPodsWithoutNode, podsShouldBeOnNode } from './podsShouldBeOnNode';
import { planRollingUpdate, updatedDesiredNodeCounts } from './rollingUpdate';
import { calculateStatus, storeDaemonSetStatus } from './status';

// The DaemonSet controller of pkg/controller/daemon/daemon_controller.go and update.go (v1.32).

/** BurstReplicas caps how many pods one sync creates, and how many it deletes. */
export const BurstReplicas = 250;
/** SlowStartInitialBatchSize is the first batch of pod creations; batches then double. */
const SlowStartInitialBatchSize = 1;
/** ConcurrentDaemonSetSyncs is kube-controller-manager's --concurrent-daemonset-syncs default. */
const ConcurrentDaemonSetSyncs = 2;

/** SelectingAllReason is the event reason when a DaemonSet's selector is empty. */
export const SelectingAllReason = 'SelectingAll';
/** SelectingAllMessage is the SelectingAll event message. */
export const SelectingAllMessage = 'This daemon set is selecting all pods. A non-empty selector is required.';

/**
 * DaemonSetsController runs one pod of each DaemonSet on every node that should run it: it creates
 * pods pinned to their node by node affinity (the scheduler binds them), deletes those on nodes that
 * should not keep them, surplus and failed ones, rolls them to new templates through ControllerRevisions
 * and reports the counts through daemonsets/status.
 */
export class DaemonSetsController extends QueueController {
  readonly name = 'daemonset-controller';
  readonly expectations: DaemonSetExpectations;
  protected readonly queue: WorkQueue;
  private readonly dsInformer: Informer<DaemonSet>;
  private readonly historyInformer: Informer<ControllerRevision>;
  private readonly podInformer: Informer<Pod>;
  private readonly nodeInformer: Informer<Node>;
  private readonly recorder: EventRecorder;
  private readonly podControl: PodControl;
  private readonly pods: DaemonPods;
  private readonly history: DaemonSetHistory;
  private readonly failedPodsBackoff: FailedPodsBackoff;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentDaemonSetSyncs);
    this.expectations = new DaemonSetExpectations(ctx.sim.clock);
    this.failedPodsBackoff = new FailedPodsBackoff(ctx.sim.clock);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, this.name);
    this.podControl = new PodControl(ctx.client, this.recorder);
    this.dsInformer = ctx.informers.for<DaemonSet>(Resources.daemonsets);
    this.historyInformer = ctx.informers.for<ControllerRevision>(Resources.controllerrevisions);
    this.podInformer = ctx.informers.for<Pod>(Resources.pods);
    this.nodeInformer = ctx.informers.for<Node>(Resources.nodes);
    this.pods = new DaemonPods(ctx.client, this.podInformer);
    this.history = new DaemonSetHistory(ctx.client, this.historyInformer, this.pods);
    this.dsInformer.addEventHandler({
      onAdd: (ds) => this.enqueue(ds),
      onUpdate: (old, cur) => {
        if (old.metadata?.uid !== cur.metadata?.uid) this.deleteDaemonset(old);
        this.enqueue(cur);
      },
      onDelete: (ds) => this.deleteDaemonset(ds),
    });
    this.historyInformer.addEventHandler({
      onAdd: (h) => this.addHistory(h),
      onUpdate: (old, cur) => this.updateHistory(old, cur),
      onDelete: (h) => this.deleteHistory(h),
    });
    this.podInformer.addEventHandler({
      onAdd: (pod) => this.addPod(pod),
      onUpdate: (old, cur) => this.updatePod(old, cur),
      onDelete: (pod) => this.deletePod(pod),
    });
    this.nodeInformer.addEventHandler({
      onAdd: (node) => this.addNode(node),
      onUpdate: (old, cur) => this.updateNode(old, cur),
    });
  }

  /**
   * sync is syncDaemonSet: snapshot the template as the current revision, then (unless earlier
   * creations and deletions are still unobserved) manage the pods, roll them, trim the history,
   * and write status in any case.
   */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const ds = this.dsInformer.lister.get(namespace, name);
    if (!ds) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const nodes = this.nodeInformer.lister.list();
    const sel = ds.spec?.selector;
    if (sel && sel.matchLabels === undefined && sel.matchExpressions === undefined) {
      this.recorder.event(ds, EventType.Warning, SelectingAllReason, SelectingAllMessage);
      return;
    }
    // Pods and revisions of a DaemonSet being deleted may already be gone: its status cannot be trusted.
    if (ds.metadata?.deletionTimestamp) return;
    let cur: ControllerRevision;
    let old: ControllerRevision[];
    try {
      ({ cur, old } = await this.history.constructHistory(ds));
    } catch (e) {
      throw new Error(`failed to construct revisions of DaemonSet: ${(e as Error).message}`);
    }
    const hash = cur.metadata?.labels?.[ControllerRevisionHashLabel] ?? '';
    if (!this.expectations.satisfiedExpectations(key)) {
      // This generation was not acted on: status only, observedGeneration stays.
      return this.updateDaemonSetStatus(ds, nodes, hash, false);
    }
    let err: unknown;
    try {
      await this.updateDaemonSet(ds, nodes, hash, key, old);
    } catch (e) {
      err = e;
    }
    try {
      await this.updateDaemonSetStatus(ds, nodes, hash, true);
    } catch (e) {
      err ??= e;
    }
    if (err) throw err;
  }

  private async updateDaemonSet(ds: DaemonSet, nodes: Node[], hash: string, key: string, old: ControllerRevision[]): Promise<void> {
    await this.manage(ds, nodes, hash);
    if (this.expectations.satisfiedExpectations(key) && ds.spec?.updateStrategy?.type === 'RollingUpdate') {
      await this.rollingUpdate(ds, nodes, hash);
    }
    try {
      const pods = await this.pods.getNodesToDaemonPods(ds, true);
      await this.history.cleanupHistory(ds, old, [...pods.values()].flat());
    } catch (e) {
      throw new Error(`failed to clean up revisions of DaemonSet: ${(e as Error).message}`);
    }
  }

  /** manage finds the nodes that need a pod and the pods to delete, node by node, and acts on them. */
  private async manage(ds: DaemonSet, nodes: Node[], hash: string): Promise<void> {
    const nodeToDaemonPods = await this.pods.getNodesToDaemonPods(ds, false);
    const nowMs = this.ctx.sim.clock.now();
    const decisionCtx = {
      nowMs,
      failedPodAllowed: (nodeName: string) => this.failedPodAllowed(ds, nodeName, nowMs),
      event: (type: EventType, reason: string, message: string) => this.recorder.event(ds, type, reason, message),
    };
    const nodesNeedingDaemonPods: string[] = [];
    const podsToDelete: string[] = [];
    for (const node of nodes) {
      const d = podsShouldBeOnNode(node, nodeToDaemonPods.get(node.metadata!.name!), ds, hash, decisionCtx);
      if (d.needsPod) nodesNeedingDaemonPods.push(node.metadata!.name!);
      podsToDelete.push(...d.podsToDelete);
    }
    podsToDelete.push(...getUnscheduledPodsWithoutNode(nodes, nodeToDaemonPods));
    await this.syncNodes(ds, podsToDelete, nodesNeedingDaemonPods, hash);
  }

  /** rollingUpdate deletes old pods, or surges new ones, within maxUnavailable and maxSurge. */
  private async rollingUpdate(ds: DaemonSet, nodes: Node[], hash: string): Promise<void> {
    const nodeToDaemonPods = await this.pods.getNodesToDaemonPods(ds, false);
    const wantToRun = nodes.filter((n) => nodeShouldRunDaemonPod(n, ds).shouldRun).map((n) => n.metadata!.name!);
    const counts = updatedDesiredNodeCounts(ds, wantToRun, nodeToDaemonPods);
    const plan = planRollingUpdate({
      ds,
      nodeToDaemonPods,
      counts,
      hash,
      nowMs: this.ctx.sim.clock.now(),
      shouldRun: (nodeName) => {
        const node = this.nodeInformer.lister.get(undefined, nodeName);
        return node ? nodeShouldRunDaemonPod(node, ds).shouldRun : undefined;
      },
    });
    await this.syncNodes(ds, plan.podsToDelete, plan.nodesToCreate, hash);
  }

  /**
   * syncNodes deletes podsToDelete and creates a pod for each of nodesNeedingDaemonPods, at most
   * BurstReplicas of each, creations in slow-start batches. Expectations are set before any write:
   * the watch may report a pod before its create call returns.
   */
  private async syncNodes(ds: DaemonSet, podsToDelete: string[], nodesNeedingDaemonPods: string[], hash: string): Promise<void> {
    const key = keyOf(ds);
    const namespace = ds.metadata?.namespace ?? '';
    const createDiff = Math.min(nodesNeedingDaemonPods.length, BurstReplicas);
    const deletions = podsToDelete.slice(0, BurstReplicas);
    this.expectations.setExpectations(key, createDiff, deletions.map((name) => `${namespace}/${name}`));
    const errors: Error[] = [];
    const template = createPodTemplate(ds.spec?.template, getTemplateGeneration(ds), hash);
    const ref = newControllerRef(ds, DaemonSetKind);
    let next = 0;
    const { successes, error } = await slowStartBatch(createDiff, SlowStartInitialBatchSize, async () => {
      const podTemplate = deepCopy(template);
      podTemplate.spec!.affinity = replaceDaemonSetPodNodeNameNodeAffinity(podTemplate.spec!.affinity, nodesNeedingDaemonPods[next++]);
      try {
        await this.podControl.createPods(namespace, podTemplate, ds, ref);
      } catch (e) {
        // Every create in a terminating namespace fails; there is nothing to retry.
        if (!hasStatusCause(e, NamespaceTerminatingCause)) throw e;
      }
    });
    // Pods that failed or were skipped after a failed batch will never be observed.
    for (let i = successes; i < createDiff; i++) this.expectations.creationObserved(key);
    if (error) errors.push(error);
    await Promise.all(
      deletions.map(async (name) => {
        try {
          await this.podControl.deletePod(namespace, name, ds);
        } catch (e) {
          this.expectations.deletionObserved(key, `${namespace}/${name}`);
          if (!isApiError(e, 'NotFound')) errors.push(e as Error);
        }
      }),
    );
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new Error(`[${errors.map((e) => e.message).join(', ')}]`);
  }

  private async updateDaemonSetStatus(ds: DaemonSet, nodes: Node[], hash: string, updateObservedGen: boolean): Promise<void> {
    const nodeToDaemonPods = await this.pods.getNodesToDaemonPods(ds, false);
    const counts = calculateStatus(ds, nodes, nodeToDaemonPods, hash, this.ctx.sim.clock.now());
    await storeDaemonSetStatus(this.ctx.client, ds, counts, updateObservedGen);
    // Pods become available minReadySeconds after turning ready; nothing else wakes us then.
    const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
    if (minReadySeconds > 0 && counts.numberReady !== counts.numberAvailable) this.queue.addAfter(keyOf(ds), minReadySeconds * 1000);
  }

  /** failedPodAllowed consults the failed-pods back-off; while it holds, the DaemonSet comes back when it ends. */
  private failedPodAllowed(ds: DaemonSet, nodeName: string, nowMs: number): boolean {
    const backoffKey = failedPodsBackoffKey(ds.metadata!.uid!, ds.status?.observedGeneration ?? 0, nodeName);
    if (this.failedPodsBackoff.isInBackOffSinceUpdate(backoffKey, nowMs)) {
      this.queue.addAfter(keyOf(ds), this.failedPodsBackoff.get(backoffKey));
      return false;
    }
    this.failedPodsBackoff.next(backoffKey, nowMs);
    return true;
  }

  private enqueue(ds: DaemonSet): void {
    this.queue.add(keyOf(ds));
  }

  private deleteDaemonset(ds: DaemonSet): void {
    const key = keyOf(ds);
    // A DaemonSet created again under the same name starts clean.
    this.expectations.deleteExpectations(key);
    this.queue.add(key);
  }

  private resolveControllerRef(namespace: string | undefined, ref: OwnerReference): DaemonSet | undefined {
    return resolveControllerRef(this.dsInformer.lister, DaemonSetKind.kind, namespace, ref);
  }

  private matchingDaemonSets(obj: Pod | ControllerRevision): DaemonSet[] {
    return controllersSelecting(this.dsInformer.lister.list(obj.metadata?.namespace ?? ''), obj.metadata?.labels, (ds) => selectorFromLabelSelector(ds.spec?.selector));
  }

  private addHistory(history: ControllerRevision): void {
    if (history.metadata?.deletionTimestamp) return this.deleteHistory(history);
    // An owned revision needs nothing; an orphan may be adopted.
    if (getControllerOf(history)) return;
    for (const ds of this.matchingDaemonSets(history)) this.enqueue(ds);
  }

  private updateHistory(old: ControllerRevision, cur: ControllerRevision): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    this.ownerOrMatchingChanged(old, cur);
  }

  private deleteHistory(history: ControllerRevision): void {
    const ref = getControllerOf(history);
    const ds = ref && this.resolveControllerRef(history.metadata?.namespace, ref);
    if (ds) this.enqueue(ds);
  }

  private addPod(pod: Pod): void {
    // A pod already terminating when first seen (a restart) must not count as an observed creation.
    if (pod.metadata?.deletionTimestamp) return this.deletePod(pod);
    const ref = getControllerOf(pod);
    if (ref) {
      const ds = this.resolveControllerRef(pod.metadata?.namespace, ref);
      if (!ds) return;
      this.expectations.creationObserved(keyOf(ds));
      this.enqueue(ds);
      return;
    }
    for (const ds of this.matchingDaemonSets(pod)) this.enqueue(ds);
  }

  private updatePod(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    // Replacements start once a pod is terminating, not when the kubelet finally removes it.
    if (cur.metadata?.deletionTimestamp) return this.deletePod(cur);
    const ds = this.ownerOrMatchingChanged(old, cur);
    // Availability follows readiness by minReadySeconds; look again then (plus a second against clock skew).
    const minReadySeconds = ds?.spec?.minReadySeconds ?? 0;
    if (ds && minReadySeconds > 0 && !isPodReady(old) && isPodReady(cur)) this.queue.addAfter(keyOf(ds), (minReadySeconds + 1) * 1000);
  }

  /**
   * ownerOrMatchingChanged is the shared body of updatePod and updateHistory: wake the old controller
   * if the controller reference moved, the current one if there is one (returned), and otherwise the
   * DaemonSets an orphan now matches if its labels or reference changed.
   */
  private ownerOrMatchingChanged(old: Pod | ControllerRevision, cur: Pod | ControllerRevision): DaemonSet | undefined {
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !semanticDeepEqual(curRef, oldRef);
    if (refChanged && oldRef) {
      const ds = this.resolveControllerRef(old.metadata?.namespace, oldRef);
      if (ds) this.enqueue(ds);
    }
    if (curRef) {
      const ds = this.resolveControllerRef(cur.metadata?.namespace, curRef);
      if (ds) this.enqueue(ds);
      return ds;
    }
    if (refChanged || !semanticDeepEqual(old.metadata?.labels, cur.metadata?.labels)) {
      for (const ds of this.matchingDaemonSets(cur)) this.enqueue(ds);
    }
    return undefined;
  }

  private deletePod(pod: Pod): void {
    const ref = getControllerOf(pod);
    const ds = ref && this.resolveControllerRef(pod.metadata?.namespace, ref);
    if (!ds) return;
    const key = keyOf(ds);
    this.expectations.deletionObserved(key, podKey(pod));
    this.queue.add(key);
  }

  private addNode(node: Node): void {
    for (const ds of this.dsInformer.lister.list()) if (nodeShouldRunDaemonPod(node, ds).shouldRun) this.enqueue(ds);
  }

  private updateNode(old: Node, cur: Node): void {
    if (shouldIgnoreNodeUpdate(old, cur)) return;
    for (const ds of this.dsInformer.lister.list()) if (placementChanged(old, cur, ds)) this.enqueue(ds);
  }
}
