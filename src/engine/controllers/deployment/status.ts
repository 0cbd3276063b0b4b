import type { Deployment, DeploymentStatus, ReplicaSet } from 'kubernetes-types/apps/v1';
import { semanticDeepEqual } from '../../apiserver/registry/strategyHelpers';
import { DeploymentConditionType, Message, newDeploymentCondition, Reason, setDeploymentCondition } from './conditions';
import {
  getActualReplicaCountForReplicaSets,
  getAvailableReplicaCountForReplicaSets,
  getReadyReplicaCountForReplicaSets,
  getReplicaCountForReplicaSets,
  maxUnavailable,
  replicasOf,
} from './deploymentUtil';

// calculateStatus of pkg/controller/deployment/sync.go (v1.32).

/**
 * calculateStatus is the Deployment status its ReplicaSets amount to, with the Available condition:
 * True once available replicas reach replicas - maxUnavailable. Other conditions are carried over.
 */
export function calculateStatus(
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
  nowMs: number,
): DeploymentStatus {
  const availableReplicas = getAvailableReplicaCountForReplicaSets(allRSs);
  const totalReplicas = getReplicaCountForReplicaSets(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata?.generation ?? 0,
    replicas: getActualReplicaCountForReplicaSets(allRSs),
    updatedReplicas: getActualReplicaCountForReplicaSets([newRS]),
    readyReplicas: getReadyReplicaCountForReplicaSets(allRSs),
    availableReplicas,
    unavailableReplicas: Math.max(0, totalReplicas - availableReplicas),
    conditions: [...(d.status?.conditions ?? [])],
  };
  if (d.status?.collisionCount !== undefined) status.collisionCount = d.status.collisionCount;
  if (availableReplicas >= replicasOf(d) - maxUnavailable(d)) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(DeploymentConditionType.Available, 'True', Reason.MinimumReplicasAvailable, Message.minimumAvailable, nowMs),
    );
  } else {
    setDeploymentCondition(
      status,
      newDeploymentCondition(
        DeploymentConditionType.Available,
        'False',
        Reason.MinimumReplicasUnavailable,
        Message.minimumUnavailable,
        nowMs,
      ),
    );
  }
  return status;
}

const countFields = [
  'observedGeneration',
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
] as const;

/** deploymentStatusEqual compares statuses as Go would, an absent count being zero and an absent list empty. */
export function deploymentStatusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  for (const f of countFields) if ((a?.[f] ?? 0) !== (b?.[f] ?? 0)) return false;
  return a?.collisionCount === b?.collisionCount && semanticDeepEqual(a?.conditions, b?.conditions);
}

/** compactDeploymentStatus drops zero counts and empty lists, as Go's omitempty does on the wire. */
export function compactDeploymentStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = {};
  for (const f of countFields) if (s[f]) out[f] = s[f];
  if (s.conditions?.length) out.conditions = s.conditions;
  if (s.collisionCount !== undefined && s.collisionCount !== null) out.collisionCount = s.collisionCount;
  return out;
}
