import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSetCondition } from 'kubernetes-types/apps/v1';
import { formatTime, parseTime } from '../../sim/clock';

// Condition reasons and helpers of pkg/controller/deployment/util/deployment_util.go (v1.32).

/** DeploymentConditionType lists the condition types of apps/v1 DeploymentStatus. */
export const DeploymentConditionType = {
  Available: 'Available',
  Progressing: 'Progressing',
  ReplicaFailure: 'ReplicaFailure',
} as const;

/** Reason is every reason the deployment controller writes into a condition or event. */
export const Reason = {
  // Progressing
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  FailedRSCreate: 'ReplicaSetCreateError',
  NewReplicaSet: 'NewReplicaSetCreated',
  FoundNewRS: 'FoundNewReplicaSet',
  NewRSAvailable: 'NewReplicaSetAvailable',
  TimedOut: 'ProgressDeadlineExceeded',
  PausedDeploy: 'DeploymentPaused',
  ResumedDeploy: 'DeploymentResumed',
  // Available
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  // Rollback events
  RollbackRevisionNotFound: 'DeploymentRollbackRevisionNotFound',
  RollbackTemplateUnchanged: 'DeploymentRollbackTemplateUnchanged',
  RollbackDone: 'DeploymentRollback',
} as const;

/** Message holds the condition messages, as the v1.32 controller formats them. */
export const Message = {
  minimumAvailable: 'Deployment has minimum availability.',
  minimumUnavailable: 'Deployment does not have minimum availability.',
  paused: 'Deployment is paused',
  resumed: 'Deployment is resumed',
  createdNewRS: (rs: string) => `Created new replica set "${rs}"`,
  foundNewRS: (rs: string) => `Found new replica set "${rs}"`,
  failedRSCreate: (rs: string, err: string) => `Failed to create new replica set "${rs}": ${err}`,
  rsProgressing: (rs: string) => `ReplicaSet "${rs}" is progressing.`,
  deploymentProgressing: (d: string) => `Deployment "${d}" is progressing.`,
  rsComplete: (rs: string) => `ReplicaSet "${rs}" has successfully progressed.`,
  deploymentComplete: (d: string) => `Deployment "${d}" has successfully progressed.`,
  rsTimedOut: (rs: string) => `ReplicaSet "${rs}" has timed out progressing.`,
  deploymentTimedOut: (d: string) => `Deployment "${d}" has timed out progressing.`,
} as const;

/** maxInt32 is math.MaxInt32, which turns progressDeadlineSeconds and revisionHistoryLimit off. */
export const maxInt32 = 2147483647;

/** newDeploymentCondition builds a condition updated and transitioned now. */
export function newDeploymentCondition(type: string, status: string, reason: string, message: string, nowMs: number): DeploymentCondition {
  const now = formatTime(nowMs);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** getDeploymentCondition returns the condition of the given type. */
export function getDeploymentCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/**
 * setDeploymentCondition adds or replaces a condition. A condition with the same status and reason
 * is kept as is; one with the same status keeps its lastTransitionTime.
 */
export function setDeploymentCondition(status: DeploymentStatus, cond: DeploymentCondition): void {
  const cur = getDeploymentCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  const next = cur && cur.status === cond.status ? { ...cond, lastTransitionTime: cur.lastTransitionTime } : cond;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), next];
}

/** removeDeploymentCondition drops the condition of the given type. */
export function removeDeploymentCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/** replicaSetToDeploymentCondition turns a ReplicaSet's condition into a Deployment's. */
export function replicaSetToDeploymentCondition(c: ReplicaSetCondition): DeploymentCondition {
  return {
    type: c.type,
    status: c.status,
    lastTransitionTime: c.lastTransitionTime,
    lastUpdateTime: c.lastTransitionTime,
    reason: c.reason,
    message: c.message,
  };
}

/** hasProgressDeadline is true unless progressDeadlineSeconds is unset or MaxInt32. */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== maxInt32;
}

/** deploymentComplete: every replica updated and available, and the latest generation observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus): boolean {
  const want = d.spec?.replicas ?? 1;
  return (
    (s.updatedReplicas ?? 0) === want &&
    (s.replicas ?? 0) === want &&
    (s.availableReplicas ?? 0) === want &&
    (s.observedGeneration ?? 0) >= (d.metadata?.generation ?? 0)
  );
}

/**
 * deploymentProgressing: compared with the stored status, more pods are updated, ready or available,
 * or fewer old pods remain.
 */
export function deploymentProgressing(d: Deployment, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (
    (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) ||
    newOld < oldOld ||
    (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) ||
    (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0)
  );
}

/** deploymentTimedOut: Progressing was last updated more than progressDeadlineSeconds before now. */
export function deploymentTimedOut(d: Deployment, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getDeploymentCondition(s, DeploymentConditionType.Progressing);
  if (!cond) return false;
  // A complete rollout never times out; a timed out one stays so until something changes.
  if (cond.reason === Reason.NewRSAvailable) return false;
  if (cond.reason === Reason.TimedOut) return true;
  const from = parseTime(cond.lastUpdateTime);
  return from + d.spec!.progressDeadlineSeconds! * 1000 < nowMs;
}
