import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { getScaledValueFromIntOrPercent } from '../deployment/deploymentUtil';
import { isPodAvailable } from '../util/podUtil';
import { getTemplateGeneration, isPodUpdated } from './daemonPodTemplate';

// The rolling update arithmetic of pkg/controller/daemon/update.go (rollingUpdate, findUpdatedPodsOnNode,
// updatedDesiredNodeCounts) and util/daemonset_util.go (SurgeCount, UnavailableCount, AllowsSurge), v1.32.

/** surgeCount is SurgeCount: maxSurge of numberToSchedule, rounded up; 0 unless RollingUpdate asks for it. */
export function surgeCount(ds: DaemonSet, numberToSchedule: number): number {
  const us = ds.spec?.updateStrategy;
  if (us?.type !== 'RollingUpdate' || !us.rollingUpdate) return 0;
  const maxSurge = us.rollingUpdate.maxSurge;
  if (maxSurge === undefined || maxSurge === null) return 0;
  return getScaledValueFromIntOrPercent(maxSurge, numberToSchedule, true);
}

/** unavailableCount is UnavailableCount: maxUnavailable of numberToSchedule, rounded up; 0 unless RollingUpdate. */
export function unavailableCount(ds: DaemonSet, numberToSchedule: number): number {
  const us = ds.spec?.updateStrategy;
  if (us?.type !== 'RollingUpdate' || !us.rollingUpdate) return 0;
  return getScaledValueFromIntOrPercent(us.rollingUpdate.maxUnavailable, numberToSchedule, true);
}

/** allowsSurge is AllowsSurge: whether a node may hold an old and a new pod at once. */
export function allowsSurge(ds: DaemonSet): boolean {
  try {
    return surgeCount(ds, 1) > 0;
  } catch {
    return false;
  }
}

/** RollingUpdateCounts are updatedDesiredNodeCounts' results. */
export interface RollingUpdateCounts {
  maxSurge: number;
  maxUnavailable: number;
  desiredNumberScheduled: number;
}

/**
 * updatedDesiredNodeCounts counts the nodes that want a pod, gives each of them an entry in
 * nodeToDaemonPods (empty when it has no pod yet) and scales maxSurge and maxUnavailable to that
 * count. A DaemonSet allowing neither still gets maxUnavailable 1, so the update can proceed.
 */
export function updatedDesiredNodeCounts(
  ds: DaemonSet,
  wantToRun: readonly string[],
  nodeToDaemonPods: Map<string, Pod[]>,
): RollingUpdateCounts {
  for (const name of wantToRun) if (!nodeToDaemonPods.has(name)) nodeToDaemonPods.set(name, []);
  const desiredNumberScheduled = wantToRun.length;
  let maxUnavailable: number;
  let maxSurge: number;
  try {
    maxUnavailable = unavailableCount(ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxUnavailable: ${(e as Error).message}`);
  }
  try {
    maxSurge = surgeCount(ds, desiredNumberScheduled);
  } catch (e) {
    throw new Error(`couldn't get unavailable numbers: invalid value for MaxSurge: ${(e as Error).message}`);
  }
  if (desiredNumberScheduled > 0 && maxUnavailable === 0 && maxSurge === 0) maxUnavailable = 1;
  return { maxSurge, maxUnavailable, desiredNumberScheduled };
}

/**
 * findUpdatedPodsOnNode is findUpdatedPodsOnNode: the node's one new and one old live pod; ok is false
 * when there are more of either, which the manage loop prunes first.
 */
export function findUpdatedPodsOnNode(
  ds: DaemonSet,
  podsOnNode: readonly Pod[],
  hash: string,
): { newPod?: Pod; oldPod?: Pod; ok: boolean } {
  const generation = getTemplateGeneration(ds);
  let newPod: Pod | undefined;
  let oldPod: Pod | undefined;
  for (const pod of podsOnNode) {
    if (pod.metadata?.deletionTimestamp) continue;
    if (isPodUpdated(pod, hash, generation)) {
      if (newPod) return { ok: false };
      newPod = pod;
    } else {
      if (oldPod) return { ok: false };
      oldPod = pod;
    }
  }
  return { newPod, oldPod, ok: true };
}

/** RollingUpdatePlan is what one rollingUpdate pass hands to syncNodes. */
export interface RollingUpdatePlan {
  podsToDelete: string[];
  nodesToCreate: string[];
}

/** RollingUpdateInput is a DaemonSet's pods per node after updatedDesiredNodeCounts, and the time. */
export interface RollingUpdateInput {
  ds: DaemonSet;
  nodeToDaemonPods: Map<string, Pod[]>;
  counts: RollingUpdateCounts;
  hash: string;
  nowMs: number;
  /** shouldRun tells whether a node wants a pod; undefined when the node is not known. */
  shouldRun(nodeName: string): boolean | undefined;
}

/**
 * planRollingUpdate is rollingUpdate's decision. Without surge it deletes old pods, unavailable ones
 * always and available ones while fewer than maxUnavailable nodes are down; the manage loop then
 * creates their replacements. With surge it creates new pods beside old ones, at most maxSurge at a
 * time beyond those replacing unavailable pods, and deletes each old pod once its new pod is available.
 */
export function planRollingUpdate(input: RollingUpdateInput): RollingUpdatePlan {
  return input.counts.maxSurge === 0 ? planWithoutSurge(input) : planWithSurge(input);
}

function planWithoutSurge({ ds, nodeToDaemonPods, counts, hash, nowMs }: RollingUpdateInput): RollingUpdatePlan {
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  const { maxUnavailable } = counts;
  let numUnavailable = 0;
  const allowedReplacementPods: string[] = [];
  const candidatePodsToDelete: string[] = [];
  for (const pods of nodeToDaemonPods.values()) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
    // Excess pods: the manage loop cleans the node up first; until then it counts as unavailable.
    if (!ok || (!oldPod && !newPod) || (oldPod && newPod)) {
      numUnavailable++;
    } else if (newPod) {
      if (!isPodAvailable(newPod, minReadySeconds, nowMs)) numUnavailable++;
    } else if (!isPodAvailable(oldPod!, minReadySeconds, nowMs)) {
      // An old pod that is down anyway is replaced at once.
      allowedReplacementPods.push(oldPod!.metadata!.name!);
      numUnavailable++;
    } else if (numUnavailable < maxUnavailable) {
      candidatePodsToDelete.push(oldPod!.metadata!.name!);
    }
  }
  const remaining = Math.min(Math.max(maxUnavailable - numUnavailable, 0), candidatePodsToDelete.length);
  return { podsToDelete: [...allowedReplacementPods, ...candidatePodsToDelete.slice(0, remaining)], nodesToCreate: [] };
}

function planWithSurge({ ds, nodeToDaemonPods, counts, hash, nowMs, shouldRun }: RollingUpdateInput): RollingUpdatePlan {
  const minReadySeconds = ds.spec?.minReadySeconds ?? 0;
  const available = (p: Pod) => isPodAvailable(p, minReadySeconds, nowMs);
  const nodeShouldRun = (nodeName: string) => {
    const run = shouldRun(nodeName);
    if (run === undefined) throw new Error(`couldn't get node for nodeName "${nodeName}": node "${nodeName}" not found`);
    return run;
  };
  const oldPodsToDelete: string[] = [];
  const shouldNotRunPodsToDelete: string[] = [];
  const candidateNewNodes: string[] = [];
  const allowedNewNodes: string[] = [];
  let numSurge = 0;
  let numAvailable = 0;
  for (const [nodeName, pods] of nodeToDaemonPods) {
    const { newPod, oldPod, ok } = findUpdatedPodsOnNode(ds, pods, hash);
    if (!ok) {
      numSurge++;
      continue;
    }
    // Availability counts on every node, those being left for scheduling reasons included.
    const current = oldPod ?? newPod;
    if (current && available(current)) numAvailable++;
    if (!oldPod) continue;
    if (!newPod) {
      if (!available(oldPod)) {
        if (!nodeShouldRun(nodeName)) oldPodsToDelete.push(oldPod.metadata!.name!);
        else allowedNewNodes.push(nodeName);
      } else if (!nodeShouldRun(nodeName)) {
        shouldNotRunPodsToDelete.push(oldPod.metadata!.name!);
      } else if (numSurge < counts.maxSurge) {
        candidateNewNodes.push(nodeName);
      }
    } else if (!available(newPod)) {
      numSurge++;
    } else {
      oldPodsToDelete.push(oldPod.metadata!.name!);
    }
  }
  // Surge promises full availability: a pod on a node leaving the schedule goes only once enough others are available.
  const deletable = Math.min(numAvailable - counts.desiredNumberScheduled, shouldNotRunPodsToDelete.length);
  if (deletable > 0) oldPodsToDelete.push(...shouldNotRunPodsToDelete.slice(0, deletable));
  const remainingSurge = Math.min(Math.max(counts.maxSurge - numSurge, 0), candidateNewNodes.length);
  return { podsToDelete: oldPodsToDelete, nodesToCreate: [...allowedNewNodes, ...candidateNewNodes.slice(0, remainingSurge)] };
}
