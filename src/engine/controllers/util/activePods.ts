import type { Pod } from 'kubernetes-types/core/v1';
import { parseTime } from '../../sim/clock';
import { getPodReadyCondition } from './podUtil';

// ActivePodsWithRanks of pkg/controller/controller_utils.go (v1.32), with the PodDeletionCost and
// LogarithmicScaleDown features on, as they are by default in v1.32.

/** PodDeletionCostAnnotation lets users say which pods of a ReplicaSet to delete first. */
export const PodDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost';

const podPhaseToOrdinal: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };

interface RankKey {
  pod: Pod;
  rank: number;
  assigned: boolean;
  phase: number;
  ready: boolean;
  readyTime: number;
  deletionCost: number;
  restarts: number;
  sidecarRestarts: number;
  created: number;
  uid: string;
}

/**
 * sortActivePodsWithRanks orders pods the way a ReplicaSet prefers to delete them, first to go first.
 * rank[i] counts the related active pods on pod i's node; more colocated pods go earlier.
 * 1. unassigned < assigned; 2. Pending < Unknown < Running; 3. not ready < ready;
 * 4. lower pod-deletion-cost < higher; 5. higher rank < lower; 6. ready more recently < longer
 * (log2 buckets); 7. more container restarts < fewer; 8. newer < older (log2 buckets).
 */
export function sortActivePodsWithRanks(pods: Pod[], rank: number[], nowMs: number): Pod[] {
  const keys = pods.map((pod, i) => rankKey(pod, rank[i] ?? 0));
  keys.sort((a, b) => (less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : 0));
  return keys.map((k) => k.pod);
}

function rankKey(pod: Pod, rank: number): RankKey {
  const ready = getPodReadyCondition(pod);
  const isReady = ready?.status === 'True';
  const [restarts, sidecarRestarts] = maxContainerRestarts(pod);
  return {
    pod,
    rank,
    assigned: !!pod.spec?.nodeName,
    phase: podPhaseToOrdinal[pod.status?.phase ?? ''] ?? 0,
    ready: isReady,
    readyTime: isReady ? zeroIfNaN(parseTime(ready?.lastTransitionTime)) : 0,
    deletionCost: deletionCost(pod),
    restarts,
    sidecarRestarts,
    created: zeroIfNaN(parseTime(pod.metadata?.creationTimestamp)),
    uid: pod.metadata?.uid ?? '',
  };
}

function less(a: RankKey, b: RankKey, now: number): boolean {
  if (a.pod.spec?.nodeName !== b.pod.spec?.nodeName && (!a.assigned || !b.assigned)) return !a.assigned;
  if (a.phase !== b.phase) return a.phase < b.phase;
  if (a.ready !== b.ready) return !a.ready;
  if (a.deletionCost !== b.deletionCost) return a.deletionCost < b.deletionCost;
  if (a.rank !== b.rank) return a.rank > b.rank;
  if (a.ready && b.ready && a.readyTime !== b.readyTime) return newerFirst(a.readyTime, b.readyTime, a.uid, b.uid, now);
  if (a.restarts !== b.restarts) return a.restarts > b.restarts;
  if (a.sidecarRestarts !== b.sidecarRestarts) return a.sidecarRestarts > b.sidecarRestarts;
  if (a.created !== b.created) return newerFirst(a.created, b.created, a.uid, b.uid, now);
  return false;
}

/** newerFirst compares two instants in log2 buckets of their age; 0 means "zero time", which sorts first. */
function newerFirst(t1: number, t2: number, uid1: string, uid2: string, now: number): boolean {
  if (t1 === 0 || t2 === 0) return t1 === 0;
  const diff = logarithmicRankDiff(t1, t2, now);
  if (diff === 0) return uid1 < uid2;
  return diff < 0;
}

/** logarithmicRankDiff compares floor(log2(age in ns)) of two instants; ages ≤ 0 rank -1. */
export function logarithmicRankDiff(t1: number, t2: number, now: number): number {
  const rank = (t: number) => {
    const ns = (now - t) * 1e6;
    return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
  };
  return rank(t1) - rank(t2);
}

function deletionCost(pod: Pod): number {
  const v = pod.metadata?.annotations?.[PodDeletionCostAnnotation];
  if (v === undefined || !/^[+-]?\d+$/.test(v)) return 0;
  const n = Number(v);
  return n >= -2147483648 && n <= 2147483647 ? n : 0;
}

function maxContainerRestarts(pod: Pod): [number, number] {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set<string>();
  for (const c of pod.spec?.initContainers ?? []) if (c.restartPolicy === 'Always') sidecars.add(c.name);
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return [regular, sidecar];
}

function zeroIfNaN(n: number): number {
  return Number.isNaN(n) ? 0 : n;
}
