import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { deploymentComplete } from './conditions';
import type { DeploymentContext } from './context';
import {
  byCreationTimestamp,
  filterActiveReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  newRSNewReplicas,
  replicasOf,
} from './deploymentUtil';
import { syncRolloutStatus } from './progress';
import { scaleReplicaSetAndRecordEvent } from './scale';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './sync';

// pkg/controller/deployment/rolling.go (v1.32): the RollingUpdate strategy.

/**
 * rolloutRolling takes one step of a rolling update: scale the new ReplicaSet up within maxSurge, or
 * else scale old ones down within maxUnavailable; once complete, trim the history.
 */
export async function rolloutRolling(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (await reconcileNewReplicaSet(dc, allRSs, newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (await reconcileOldReplicaSets(dc, allRSs, filterActiveReplicaSets(oldRSs), newRS!, d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

/** reconcileNewReplicaSet scales the new ReplicaSet towards replicas, up to what maxSurge allows. */
export async function reconcileNewReplicaSet(
  dc: DeploymentContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet,
  d: Deployment,
): Promise<boolean> {
  const want = replicasOf(d);
  if (replicasOf(newRS) === want) return false;
  if (replicasOf(newRS) > want) return (await scaleReplicaSetAndRecordEvent(dc, newRS, want, d)).scaled;
  const count = newRSNewReplicas(
    d,
    allRSs.filter((rs): rs is ReplicaSet => !!rs),
    newRS,
  );
  return (await scaleReplicaSetAndRecordEvent(dc, newRS, count, d)).scaled;
}

/**
 * reconcileOldReplicaSets scales old ReplicaSets down as far as maxUnavailable allows, counting the
 * new ReplicaSet's unavailable pods against the budget: unhealthy old pods go first.
 */
export async function reconcileOldReplicaSets(
  dc: DeploymentContext,
  allRSs: (ReplicaSet | undefined)[],
  oldRSs: ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): Promise<boolean> {
  if (getReplicaCountForReplicaSets(oldRSs) === 0) return false;
  const allPodsCount = getReplicaCountForReplicaSets(allRSs);
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const newRSUnavailablePodCount = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
  // Worked example (replicas 10, maxUnavailable 2, maxSurge 3): after surging, 13 pods exist; with
  // the 3 new ones unavailable, 13 - 8 - 3 = 2 old pods may go. Unavailable new pods block the rest.
  const maxScaledDown = allPodsCount - minAvailable - newRSUnavailablePodCount;
  if (maxScaledDown <= 0) return false;
  const cleaned = await cleanupUnhealthyReplicas(dc, oldRSs, d, maxScaledDown);
  const scaledDown = await scaleDownOldReplicaSetsForRollingUpdate(dc, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
  return cleaned.cleanupCount + scaledDown > 0;
}

/** cleanupUnhealthyReplicas scales old ReplicaSets down by their unavailable pods, oldest first, up to maxCleanupCount. */
export async function cleanupUnhealthyReplicas(
  dc: DeploymentContext,
  oldRSs: ReplicaSet[],
  d: Deployment,
  maxCleanupCount: number,
): Promise<{ oldRSs: ReplicaSet[]; cleanupCount: number }> {
  const sorted = [...oldRSs].sort(byCreationTimestamp);
  let total = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (total >= maxCleanupCount) break;
    const rs = sorted[i];
    const available = rs.status?.availableReplicas ?? 0;
    if (replicasOf(rs) === 0 || replicasOf(rs) === available) continue;
    const scaledDownCount = Math.min(maxCleanupCount - total, replicasOf(rs) - available);
    const newReplicasCount = replicasOf(rs) - scaledDownCount;
    if (newReplicasCount > replicasOf(rs)) {
      throw new Error(
        `when cleaning up unhealthy replicas, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${replicasOf(rs)} -> ${newReplicasCount}`,
      );
    }
    sorted[i] = (await scaleReplicaSetAndRecordEvent(dc, rs, newReplicasCount, d)).rs;
    total += scaledDownCount;
  }
  return { oldRSs: sorted, cleanupCount: total };
}

/** scaleDownOldReplicaSetsForRollingUpdate scales old ReplicaSets down by the available pods above minAvailable, oldest first. */
export async function scaleDownOldReplicaSetsForRollingUpdate(
  dc: DeploymentContext,
  allRSs: ReplicaSet[],
  oldRSs: ReplicaSet[],
  d: Deployment,
): Promise<number> {
  const minAvailable = replicasOf(d) - maxUnavailable(d);
  const availablePodCount = getAvailableReplicaCountForReplicaSets(allRSs);
  if (availablePodCount <= minAvailable) return 0;
  const totalScaleDownCount = availablePodCount - minAvailable;
  let total = 0;
  for (const rs of [...oldRSs].sort(byCreationTimestamp)) {
    if (total >= totalScaleDownCount) break;
    if (replicasOf(rs) === 0) continue;
    const scaleDownCount = Math.min(replicasOf(rs), totalScaleDownCount - total);
    const newReplicasCount = replicasOf(rs) - scaleDownCount;
    if (newReplicasCount > replicasOf(rs)) {
      throw new Error(
        `when scaling down old RS, got invalid request to scale down ${rs.metadata?.namespace}/${rs.metadata?.name} ${replicasOf(rs)} -> ${newReplicasCount}`,
      );
    }
    await scaleReplicaSetAndRecordEvent(dc, rs, newReplicasCount, d);
    total += scaleDownCount;
  }
  return total;
}
