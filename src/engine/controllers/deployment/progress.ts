import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { parseTime } from '../../sim/clock';
import { ReplicaSetReplicaFailure } from '../replicaSetUtils';
import {
  deploymentComplete,
  DeploymentConditionType,
  deploymentProgressing,
  deploymentTimedOut,
  getDeploymentCondition,
  hasProgressDeadline,
  Message,
  newDeploymentCondition,
  Reason,
  removeDeploymentCondition,
  replicaSetToDeploymentCondition,
  setDeploymentCondition,
} from './conditions';
import { updateDeploymentStatus, type DeploymentContext } from './context';
import { calculateStatus, deploymentStatusEqual } from './status';

// pkg/controller/deployment/progress.go (v1.32): the Progressing condition and progressDeadlineSeconds.

/**
 * syncRolloutStatus updates the status during a rollout: Progressing becomes NewReplicaSetAvailable
 * once complete, ReplicaSetUpdated (lastUpdateTime bumped) on any progress, and ProgressDeadlineExceeded
 * after progressDeadlineSeconds without progress. ReplicaSet failures are surfaced as ReplicaFailure.
 */
export async function syncRolloutStatus(
  dc: DeploymentContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<void> {
  const now = dc.now();
  const newStatus = calculateStatus(allRSs, newRS, d, now);
  if (!hasProgressDeadline(d)) removeDeploymentCondition(newStatus, DeploymentConditionType.Progressing);
  const currentCond = getDeploymentCondition(d.status, DeploymentConditionType.Progressing);
  const isCompleteDeployment = newStatus.replicas === newStatus.updatedReplicas && currentCond?.reason === Reason.NewRSAvailable;
  // A complete Deployment keeps its condition: only a new rollout starts the clock again.
  if (hasProgressDeadline(d) && !isCompleteDeployment) {
    const rsName = newRS?.metadata?.name;
    const dName = d.metadata?.name ?? '';
    if (deploymentComplete(d, newStatus)) {
      const msg = rsName ? Message.rsComplete(rsName) : Message.deploymentComplete(dName);
      setDeploymentCondition(
        newStatus,
        newDeploymentCondition(DeploymentConditionType.Progressing, 'True', Reason.NewRSAvailable, msg, now),
      );
    } else if (deploymentProgressing(d, newStatus)) {
      const msg = rsName ? Message.rsProgressing(rsName) : Message.deploymentProgressing(dName);
      const cond = newDeploymentCondition(DeploymentConditionType.Progressing, 'True', Reason.ReplicaSetUpdated, msg, now);
      // Progress bumps lastUpdateTime even when the reason stays the same, which setDeploymentCondition
      // would not do; lastTransitionTime stays while the status stays True.
      if (currentCond) {
        if (currentCond.status === 'True') cond.lastTransitionTime = currentCond.lastTransitionTime;
        removeDeploymentCondition(newStatus, DeploymentConditionType.Progressing);
      }
      setDeploymentCondition(newStatus, cond);
    } else if (deploymentTimedOut(d, newStatus, now)) {
      const msg = rsName ? Message.rsTimedOut(rsName) : Message.deploymentTimedOut(dName);
      setDeploymentCondition(newStatus, newDeploymentCondition(DeploymentConditionType.Progressing, 'False', Reason.TimedOut, msg, now));
    }
  }
  // Only one ReplicaSet failure is surfaced, the new ReplicaSet's first.
  const failures = getReplicaFailures(allRSs, newRS);
  if (failures.length > 0) setDeploymentCondition(newStatus, failures[0]);
  else removeDeploymentCondition(newStatus, DeploymentConditionType.ReplicaFailure);

  if (deploymentStatusEqual(d.status, newStatus)) {
    requeueStuckDeployment(dc, d, newStatus);
    return;
  }
  d.status = newStatus;
  await updateDeploymentStatus(dc, d);
}

/** getReplicaFailures returns the ReplicaFailure conditions of the new ReplicaSet, else of any. */
export function getReplicaFailures(allRSs: (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const fromRS = (rs: ReplicaSet) =>
    (rs.status?.conditions ?? []).filter((c) => c.type === ReplicaSetReplicaFailure).map(replicaSetToDeploymentCondition);
  if (newRS) {
    const own = fromRS(newRS);
    if (own.length > 0) return own;
  }
  return allRSs.flatMap((rs) => (rs ? fromRS(rs) : []));
}

/**
 * requeueStuckDeployment looks at a rollout again when its deadline passes (lastUpdateTime +
 * progressDeadlineSeconds, plus a second of slack), since no watch event would wake it then.
 * It returns the delay in ms, or -1 when no check is due.
 */
export function requeueStuckDeployment(dc: DeploymentContext, d: Deployment, newStatus: DeploymentStatus): number {
  const currentCond = getDeploymentCondition(d.status, DeploymentConditionType.Progressing);
  if (!hasProgressDeadline(d) || !currentCond) return -1;
  if (deploymentComplete(d, newStatus) || currentCond.reason === Reason.TimedOut) return -1;
  const after = parseTime(currentCond.lastUpdateTime) + d.spec!.progressDeadlineSeconds! * 1000 - dc.now();
  if (after < 1000) {
    dc.enqueueRateLimited(d);
    return 0;
  }
  dc.enqueueAfter(d, after + 1000);
  return after;
}
