import type { Deployment, ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodCondition, ReplicationController } from 'kubernetes-types/core/v1';
import type { Condition, LabelSelector, OwnerReference } from 'kubernetes-types/meta/v1';
import type { PodDisruptionBudget, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import { matches, selectorFromLabelSelector } from '../api/labels';
import { isApiError } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { allResources, Resources } from '../apiserver/registry/resources';
import { semanticDeepEqual } from '../apiserver/registry/strategyHelpers';
import { pdbDesiredHealthy, podIsHealthy } from '../apiserver/subresources/disruption';
import { EventRecorder, EventType } from '../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../client/informer';
import type { Lister } from '../client/lister';
import { WorkQueue } from '../client/workQueue';
import { formatTime, parseTime } from '../sim/clock';
import type { Controller, ControllerContext } from './controller';
import { getControllerOf } from './util/controllerRef';

// The disruption controller of pkg/controller/disruption/disruption.go and the condition helpers of
// k8s.io/component-helpers/apps/poddisruptionbudget (v1.32).

/** DisruptionAllowedCondition and its reasons (policy/v1). */
export const DisruptionAllowedCondition = 'DisruptionAllowed';
export const SufficientPodsReason = 'SufficientPods';
export const InsufficientPodsReason = 'InsufficientPods';
export const SyncFailedReason = 'SyncFailed';
/** DeletionTimeoutMs is how long a pod in status.disruptedPods is expected to take to go. */
export const DeletionTimeoutMs = 2 * 60 * 1000;
/** stalePodDisruptionTimeoutMs is how long a DisruptionTarget condition may stay on a pod nobody deletes. */
const stalePodDisruptionTimeoutMs = 2 * 60 * 1000;

/**
 * DisruptionController keeps the status of every PodDisruptionBudget: how many selected pods are
 * expected and healthy, how many must stay healthy and hence how many disruptions are allowed.
 * It also resets DisruptionTarget conditions left on pods that were not deleted after all.
 */
export class DisruptionController implements Controller {
  readonly name = 'disruption-controller';
  private readonly queue: WorkQueue;
  private readonly staleQueue: WorkQueue;
  private readonly recorder: EventRecorder;
  private readonly pdbs: Informer<PodDisruptionBudget>;
  private readonly pods: Informer<Pod>;
  private readonly rsLister: Lister<ReplicaSet>;
  private readonly dLister: Lister<Deployment>;
  private readonly ssLister: Lister<StatefulSet>;
  private readonly rcLister: Lister<ReplicationController>;

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers);
    this.staleQueue = new WorkQueue(ctx.sim.timers);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'controllermanager');
    this.pdbs = ctx.informers.for<PodDisruptionBudget>(Resources.poddisruptionbudgets);
    this.pods = ctx.informers.for<Pod>(Resources.pods);
    this.rsLister = ctx.informers.for<ReplicaSet>(Resources.replicasets).lister;
    this.dLister = ctx.informers.for<Deployment>(Resources.deployments).lister;
    this.ssLister = ctx.informers.for<StatefulSet>(Resources.statefulsets).lister;
    this.rcLister = ctx.informers.for<ReplicationController>(Resources.replicationcontrollers).lister;
    this.pdbs.addEventHandler({
      onAdd: (pdb) => this.queue.add(keyOf(pdb)),
      onUpdate: (_old, pdb) => this.queue.add(keyOf(pdb)),
      onDelete: (pdb) => this.queue.add(keyOf(pdb)),
    });
    this.pods.addEventHandler({
      onAdd: (pod) => this.podChanged(pod),
      onUpdate: (_old, pod) => this.podChanged(pod),
      onDelete: (pod) => this.enqueuePdbFor(pod),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.staleQueue.run((key) => this.syncStalePodDisruption(key));
  }

  stop(): void {
    this.queue.shutdown();
    this.staleQueue.shutdown();
  }

  /** sync reconciles one budget's status; a failure other than a conflict leaves it allowing nothing. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pdb = this.pdbs.lister.get(namespace, name);
    if (!pdb) return;
    try {
      await this.trySync(pdb);
    } catch (e) {
      if (isApiError(e, 'Conflict')) throw e;
      await this.failSafe(pdb, e as Error);
    }
  }

  private async trySync(pdb: PodDisruptionBudget): Promise<void> {
    const pods = this.pods.lister.list(pdb.metadata?.namespace, selectorFromLabelSelector(pdb.spec?.selector));
    if (pods.length === 0) this.recorder.event(pdb, EventType.Normal, 'NoPods', 'No matching pods found');
    let expected: { expectedCount: number; desiredHealthy: number; unmanagedPods: string[] };
    try {
      expected = await this.getExpectedPodCount(pdb, pods);
    } catch (e) {
      const msg = `Failed to calculate the number of expected pods: ${(e as Error).message}`;
      this.recorder.event(pdb, EventType.Warning, 'CalculateExpectedPodCountFailed', msg);
      throw e;
    }
    if (expected.unmanagedPods.length > 0) {
      // Message from disruption.go (v1.32); the selector is printed as its Go String() renders it.
      const msg =
        `Pods selected by this PodDisruptionBudget (selector: ${labelSelectorString(pdb.spec?.selector)}) were found ` +
        'to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. ' +
        'To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.';
      this.recorder.event(pdb, EventType.Warning, 'UnmanagedPods', msg);
    }
    const now = this.ctx.sim.clock.now();
    const { disruptedPods, recheckTime } = this.buildDisruptedPodMap(pods, pdb, now);
    let currentHealthy = 0;
    for (const pod of pods) if (podIsHealthy(pod) && !(pod.metadata!.name! in disruptedPods)) currentHealthy++;
    await this.updatePdbStatus(pdb, currentHealthy, expected.desiredHealthy, expected.expectedCount, disruptedPods);
    if (recheckTime !== undefined) this.queue.addAfter(keyOf(pdb), recheckTime - now);
  }

  /**
   * getExpectedPodCount is getExpectedPodCount: an integer minAvailable counts the selected pods;
   * percentages and maxUnavailable count the replicas of the pods' controllers instead.
   */
  private async getExpectedPodCount(pdb: PodDisruptionBudget, pods: Pod[]) {
    const spec = pdb.spec ?? {};
    if (spec.maxUnavailable === undefined && spec.minAvailable === undefined)
      return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
    if (spec.maxUnavailable === undefined && typeof spec.minAvailable === 'number') {
      return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    }
    const { expectedCount, unmanagedPods } = await this.getExpectedScale(pods);
    return { expectedCount, desiredHealthy: pdbDesiredHealthy(pdb, expectedCount), unmanagedPods };
  }

  /** getExpectedScale sums the scale of every controller owning a selected pod, each counted once. */
  private async getExpectedScale(pods: Pod[]): Promise<{ expectedCount: number; unmanagedPods: string[] }> {
    const scales = new Map<string, number>();
    const seenRefs = new Set<string>();
    const unmanagedPods: string[] = [];
    for (const pod of pods) {
      const ref = getControllerOf(pod);
      if (!ref) {
        unmanagedPods.push(pod.metadata!.name!);
        continue;
      }
      if (seenRefs.has(ref.uid)) continue;
      seenRefs.add(ref.uid);
      const found = await this.findControllerScale(ref, pod.metadata!.namespace!);
      if (!found) throw new Error(`found no controllers for pod "${pod.metadata!.name}"`);
      scales.set(found.uid, found.scale);
    }
    let expectedCount = 0;
    for (const n of scales.values()) expectedCount += n;
    return { expectedCount, unmanagedPods };
  }

  /** findControllerScale runs the finders: ReplicaSet, Deployment, ReplicationController, StatefulSet, then the scale subresource. */
  private async findControllerScale(ref: OwnerReference, namespace: string): Promise<{ uid: string; scale: number } | undefined> {
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const apps = group === 'apps' || group === 'extensions';
    if (apps && ref.kind === 'ReplicaSet') {
      const rs = this.rsLister.get(namespace, ref.name);
      if (!rs || rs.metadata?.uid !== ref.uid) return undefined;
      const owner = getControllerOf(rs);
      if (owner?.kind !== 'Deployment') return { uid: ref.uid, scale: rs.spec?.replicas ?? 1 };
      const d = this.dLister.get(namespace, owner.name);
      if (!d || d.metadata?.uid !== owner.uid) return undefined;
      return { uid: owner.uid, scale: d.spec?.replicas ?? 1 };
    }
    if (group === '' && ref.kind === 'ReplicationController') {
      const rc = this.rcLister.get(namespace, ref.name);
      return rc?.metadata?.uid === ref.uid ? { uid: ref.uid, scale: rc.spec?.replicas ?? 1 } : undefined;
    }
    if (group === 'apps' && ref.kind === 'StatefulSet') {
      const ss = this.ssLister.get(namespace, ref.name);
      return ss?.metadata?.uid === ref.uid ? { uid: ref.uid, scale: ss.spec?.replicas ?? 1 } : undefined;
    }
    return this.getScaleController(ref, group, namespace);
  }

  private async getScaleController(ref: OwnerReference, group: string, namespace: string) {
    const def: ResourceDefinition | undefined = allResources.find((d) => d.group === group && d.kind === ref.kind && d.preferred !== false);
    if (!def) throw new Error(`no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`);
    if (!def.subresources?.includes('scale'))
      throw new Error(`${def.group ? `${def.resource}.${def.group}` : def.resource} does not implement the scale subresource`);
    try {
      const scale = await this.ctx.client.getSubresource<{ metadata?: { uid?: string }; spec?: { replicas?: number } }>(
        def,
        namespace,
        ref.name,
        'scale',
      );
      return scale.metadata?.uid === ref.uid ? { uid: ref.uid, scale: scale.spec?.replicas ?? 0 } : undefined;
    } catch (e) {
      if (isApiError(e, 'NotFound')) return undefined;
      throw e;
    }
  }

  /** buildDisruptedPodMap keeps the disrupted pods still expected to go; a pod overdue gets a NotDeleted event. */
  private buildDisruptedPodMap(pods: Pod[], pdb: PodDisruptionBudget, now: number) {
    const previous = pdb.status?.disruptedPods;
    const disruptedPods: Record<string, string> = {};
    let recheckTime: number | undefined;
    if (!previous) return { disruptedPods, recheckTime };
    for (const pod of pods) {
      if (pod.metadata?.deletionTimestamp) continue;
      const at = previous[pod.metadata!.name!];
      if (at === undefined) continue;
      const expectedDeletion = parseTime(at) + DeletionTimeoutMs;
      if (expectedDeletion < now) {
        // The namespace twice is upstream's message as it is (disruption.go, v1.32).
        const ns = pdb.metadata?.namespace;
        this.recorder.event(pod, EventType.Warning, 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`);
      } else {
        if (recheckTime === undefined || expectedDeletion < recheckTime) recheckTime = expectedDeletion;
        disruptedPods[pod.metadata!.name!] = at;
      }
    }
    return { disruptedPods, recheckTime };
  }

  private async updatePdbStatus(
    pdb: PodDisruptionBudget,
    currentHealthy: number,
    desiredHealthy: number,
    expectedCount: number,
    disruptedPods: Record<string, string>,
  ) {
    let disruptionsAllowed = currentHealthy - desiredHealthy;
    // A budget that matches no pods stays safe until its first pods are counted.
    if (expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
    const s = pdb.status;
    const generation = pdb.metadata?.generation ?? 0;
    if (
      s?.currentHealthy === currentHealthy &&
      s.desiredHealthy === desiredHealthy &&
      s.expectedPods === expectedCount &&
      s.disruptionsAllowed === disruptionsAllowed &&
      semanticDeepEqual(s.disruptedPods, disruptedPods) &&
      (s.observedGeneration ?? 0) === generation &&
      conditionsAreUpToDate(pdb)
    ) {
      return;
    }
    const allowed = disruptionsAllowed > 0;
    const status: PodDisruptionBudgetStatus = {
      observedGeneration: generation,
      disruptedPods: Object.keys(disruptedPods).length > 0 ? disruptedPods : undefined,
      disruptionsAllowed,
      currentHealthy,
      desiredHealthy,
      expectedPods: expectedCount,
      conditions: setStatusCondition(
        s?.conditions,
        {
          type: DisruptionAllowedCondition,
          status: allowed ? 'True' : 'False',
          observedGeneration: generation,
          lastTransitionTime: '',
          reason: allowed ? SufficientPodsReason : InsufficientPodsReason,
          message: '',
        },
        this.ctx.sim.clock.now(),
      ),
    };
    await this.ctx.client.updateStatus(Resources.poddisruptionbudgets, { ...pdb, status });
  }

  /** failSafe sets disruptionsAllowed to 0 with a SyncFailed condition, so no eviction slips through. */
  private async failSafe(pdb: PodDisruptionBudget, err: Error): Promise<void> {
    const s = pdb.status ?? { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    const conditions = setStatusCondition(
      s.conditions,
      {
        type: DisruptionAllowedCondition,
        status: 'False',
        observedGeneration: s.observedGeneration ?? 0,
        lastTransitionTime: '',
        reason: SyncFailedReason,
        message: err.message,
      },
      this.ctx.sim.clock.now(),
    );
    await this.ctx.client.updateStatus(Resources.poddisruptionbudgets, { ...pdb, status: { ...s, disruptionsAllowed: 0, conditions } });
  }

  private podChanged(pod: Pod): void {
    this.enqueuePdbFor(pod);
    const cleanAfter = staleDisruptionCleanAfter(pod, this.ctx.sim.clock.now());
    if (cleanAfter !== undefined) this.staleQueue.addAfter(keyOf(pod), cleanAfter);
  }

  /** enqueuePdbFor is getPdbForPod: the first budget selecting the pod; several earn the pod a warning. */
  private enqueuePdbFor(pod: Pod): void {
    const m = pod.metadata!;
    const pdbs = this.pdbs.lister.list(m.namespace).filter((p) => matches(selectorFromLabelSelector(p.spec?.selector), m.labels));
    if (pdbs.length === 0) return;
    if (pdbs.length > 1) {
      const msg = `Pod "${m.namespace}"/"${m.name}" matches multiple PodDisruptionBudgets.  Chose "${pdbs[0].metadata?.name}" arbitrarily.`;
      this.recorder.event(pod, EventType.Warning, 'MultiplePodDisruptionBudgets', msg);
    }
    this.queue.add(keyOf(pdbs[0]));
  }

  /** syncStalePodDisruption sets a stale DisruptionTarget condition of a pod nobody deleted to False. */
  private async syncStalePodDisruption(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.lister.get(namespace, name);
    if (!pod) return;
    const cleanAfter = staleDisruptionCleanAfter(pod, this.ctx.sim.clock.now());
    if (cleanAfter === undefined) return;
    if (cleanAfter > 0) return this.staleQueue.addAfter(key, cleanAfter);
    const now = formatTime(this.ctx.sim.clock.now());
    const conditions = (pod.status?.conditions ?? []).map((c): PodCondition =>
      c.type === 'DisruptionTarget' ? { type: 'DisruptionTarget', status: 'False', lastTransitionTime: now } : c,
    );
    await this.ctx.client.updateStatus(Resources.pods, { ...pod, status: { ...pod.status, conditions } });
  }
}

/**
 * staleDisruptionCleanAfter is nonTerminatingPodHasStaleDisruptionCondition: for a pod not being
 * deleted, not terminal, with a DisruptionTarget=True condition not set by the kubelet, the ms left
 * before the condition counts as stale; undefined when there is nothing to clean.
 */
function staleDisruptionCleanAfter(pod: Pod, now: number): number | undefined {
  if (pod.metadata?.deletionTimestamp) return undefined;
  const phase = pod.status?.phase;
  const c = pod.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  if (!c || c.status !== 'True' || c.reason === 'TerminationByKubelet' || phase === 'Succeeded' || phase === 'Failed') return undefined;
  return Math.max(0, stalePodDisruptionTimeoutMs - (now - parseTime(c.lastTransitionTime)));
}

/** conditionsAreUpToDate is pdbhelper.ConditionsAreUpToDate: the DisruptionAllowed condition matches the counts. */
function conditionsAreUpToDate(pdb: PodDisruptionBudget): boolean {
  const c = pdb.status?.conditions?.find((x) => x.type === DisruptionAllowedCondition);
  if (!c || (pdb.status?.observedGeneration ?? 0) !== (pdb.metadata?.generation ?? 0)) return false;
  if ((pdb.status?.disruptionsAllowed ?? 0) > 0) return c.status === 'True' && c.reason === SufficientPodsReason;
  return c.status === 'False' && c.reason === InsufficientPodsReason;
}

/**
 * setStatusCondition is meta.SetStatusCondition: add the condition, or update it in place, moving
 * lastTransitionTime to now only when the status changes.
 */
export function setStatusCondition(conditions: Condition[] | undefined, cond: Condition, nowMs: number): Condition[] {
  const now = formatTime(nowMs);
  const out = [...(conditions ?? [])];
  const i = out.findIndex((c) => c.type === cond.type);
  if (i < 0) return [...out, { ...cond, lastTransitionTime: cond.lastTransitionTime || now }];
  const prev = out[i];
  const changed = prev.status !== cond.status;
  out[i] = {
    ...prev,
    status: cond.status,
    lastTransitionTime: changed ? cond.lastTransitionTime || now : prev.lastTransitionTime,
    reason: cond.reason,
    message: cond.message,
    observedGeneration: cond.observedGeneration,
  };
  return out;
}

/** labelSelectorString renders a LabelSelector as its generated Go String() does (for event messages). */
export function labelSelectorString(ls: LabelSelector | undefined): string {
  if (!ls) return 'nil';
  const labels = Object.keys(ls.matchLabels ?? {})
    .sort()
    .map((k) => `${k}: ${ls.matchLabels![k]},`)
    .join('');
  const exprs = (ls.matchExpressions ?? [])
    .map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`)
    .join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}
