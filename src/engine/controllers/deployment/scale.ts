import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import { EventType } from '../../client/eventRecorder';
import { replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations';
import { updateReplicaSet, type DeploymentContext } from './context';
import {
  bySizeNewer,
  bySizeOlder,
  filterActiveReplicaSets,
  findActiveOrLatest,
  getProportion,
  getReplicaCountForReplicaSets,
  isRollingUpdate,
  isSaturated,
  maxSurge,
  replicasOf,
} from './deploymentUtil';

// The scaling half of pkg/controller/deployment/sync.go (v1.32): resizing ReplicaSets, proportionally
// during a rollout, with the ScalingReplicaSet event.

/** ScalingReplicaSet is the event reason of every ReplicaSet resize. */
export const ScalingReplicaSet = 'ScalingReplicaSet';

/**
 * scale resizes ReplicaSets when the Deployment's replicas changed outside a rollout. With one active
 * ReplicaSet it gets the full count; during a rolling update every active one grows or shrinks in
 * proportion to its size, the largest taking the leftover, so a bad rollout is not hastened.
 */
export async function scale(dc: DeploymentContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): Promise<void> {
  const want = replicasOf(d);
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs);
  if (activeOrLatest) {
    if (replicasOf(activeOrLatest) === want) return;
    await scaleReplicaSetAndRecordEvent(dc, activeOrLatest, want, d);
    return;
  }
  // The new ReplicaSet is saturated: old ones can go to zero.
  if (isSaturated(d, newRS)) {
    for (const old of filterActiveReplicaSets(oldRSs)) await scaleReplicaSetAndRecordEvent(dc, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const allRSs = filterActiveReplicaSets([...oldRSs, newRS]);
  const allowedSize = want > 0 ? want + maxSurge(d) : 0;
  const toAdd = allowedSize - getReplicaCountForReplicaSets(allRSs);
  let op = '';
  if (toAdd > 0) {
    allRSs.sort(bySizeNewer);
    op = 'up';
  } else if (toAdd < 0) {
    allRSs.sort(bySizeOlder);
    op = 'down';
  }
  let added = 0;
  const sizes = allRSs.map((rs) => {
    if (toAdd === 0) return replicasOf(rs);
    const proportion = getProportion(rs, d, toAdd, added);
    added += proportion;
    return replicasOf(rs) + proportion;
  });
  for (let i = 0; i < allRSs.length; i++) {
    // The largest ReplicaSet takes what rounding left over.
    if (i === 0 && toAdd !== 0) sizes[0] = Math.max(0, sizes[0] + toAdd - added);
    await scaleReplicaSet(dc, allRSs[i], sizes[i], d, op);
  }
}

/** scaleReplicaSetAndRecordEvent resizes rs to newScale unless it has that size already. */
export async function scaleReplicaSetAndRecordEvent(
  dc: DeploymentContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  if (replicasOf(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(dc, rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
}

/** scaleReplicaSet writes rs's size and replica annotations when either changed; a resize is an event. */
export async function scaleReplicaSet(
  dc: DeploymentContext,
  rs: ReplicaSet,
  newScale: number,
  d: Deployment,
  op: string,
): Promise<{ scaled: boolean; rs: ReplicaSet }> {
  const sizeNeedsUpdate = replicasOf(rs) !== newScale;
  const desired = replicasOf(d);
  const max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const oldScale = replicasOf(rs);
  const rsCopy = structuredClone(rs);
  rsCopy.spec = { ...rsCopy.spec!, replicas: newScale };
  setReplicasAnnotations(rsCopy, desired, max);
  const updated = await updateReplicaSet(dc, rsCopy);
  if (sizeNeedsUpdate) {
    dc.recorder.event(
      d,
      EventType.Normal,
      ScalingReplicaSet,
      `Scaled ${op} replica set ${updated.metadata?.name} to ${newScale} from ${oldScale}`,
    );
  }
  return { scaled: sizeNeedsUpdate, rs: updated };
}
