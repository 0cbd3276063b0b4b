import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { deploymentComplete } from './conditions';
import type { DeploymentContext } from './context';
import { filterActiveReplicaSets, getActualReplicaCountForReplicaSets, replicasOf } from './deploymentUtil';
import { syncRolloutStatus } from './progress';
import { scaleReplicaSetAndRecordEvent } from './scale';
import { cleanupDeployment, getAllReplicaSetsAndSyncRevision } from './sync';

// pkg/controller/deployment/recreate.go (v1.32): the Recreate strategy.

/** PodMap groups a Deployment's pods by the UID of the ReplicaSet controlling them. */
export type PodMap = Map<string, Pod[]>;

/**
 * rolloutRecreate scales every old ReplicaSet to zero, waits until none of their pods is left
 * running, and only then creates (or scales up) the new ReplicaSet.
 */
export async function rolloutRecreate(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[], podMap: PodMap): Promise<void> {
  // Do not create the new ReplicaSet yet: nothing may scale up before the old pods are gone.
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  let allRSs = [...oldRSs, newRS];
  if (await scaleDownOldReplicaSetsForRecreate(dc, filterActiveReplicaSets(oldRSs), d)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(dc, allRSs, newRS, d);
  if (!newRS) {
    ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, true));
    allRSs = [...oldRSs, newRS];
  }
  await scaleReplicaSetAndRecordEvent(dc, newRS!, replicasOf(d), d);
  if (deploymentComplete(d, d.status ?? {})) await cleanupDeployment(dc, oldRSs, d);
  return syncRolloutStatus(dc, allRSs, newRS, d);
}

async function scaleDownOldReplicaSetsForRecreate(dc: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment): Promise<boolean> {
  let scaled = false;
  for (const rs of oldRSs) {
    if (replicasOf(rs) === 0) continue;
    if ((await scaleReplicaSetAndRecordEvent(dc, rs, 0, d)).scaled) scaled = true;
  }
  return scaled;
}

/**
 * oldPodsRunning is true while an old ReplicaSet reports pods or any pod of an old ReplicaSet is
 * not terminal (Unknown counts as running: it may well be).
 */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[], podMap: PodMap): boolean {
  if (getActualReplicaCountForReplicaSets(oldRSs) > 0) return true;
  for (const [rsUID, pods] of podMap) {
    if (newRS && newRS.metadata?.uid === rsUID) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
