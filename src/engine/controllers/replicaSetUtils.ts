import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { matches, selectorFromSet } from '../api/labels';
import { semanticDeepEqual } from '../apiserver/registry/strategyHelpers';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import type { ApiClient } from '../client/apiClient';
import { formatTime } from '../sim/clock';
import { sortActivePodsWithRanks } from './util/activePods';
import { isPodActive, isPodAvailable, isPodReady } from './util/podUtil';

// Status and deletion choice of pkg/controller/replicaset/replica_set_utils.go and replica_set.go (v1.32).

/** ReplicaSetReplicaFailure is the condition type set when pods cannot be created or deleted. */
export const ReplicaSetReplicaFailure = 'ReplicaFailure';

/** statusUpdateRetries is how often a conflicting status write is retried after a fresh GET. */
const statusUpdateRetries = 1;

/**
 * calculateStatus is the ReplicaSet status the filtered (active, owned) pods amount to. A failed
 * manageReplicas sets ReplicaFailure (FailedCreate/FailedDelete); a successful one clears it.
 */
export function calculateStatus(
  rs: ReplicaSet,
  filteredPods: Pod[],
  manageReplicasErr: Error | undefined,
  nowMs: number,
): ReplicaSetStatus {
  const newStatus: ReplicaSetStatus = { ...rs.status, replicas: rs.status?.replicas ?? 0 };
  // The template's labels are a superset of the selector, so fully labeled pods are among the filtered ones.
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of filteredPods) {
    if (templateLabels.nothing || matches(templateLabels, pod.metadata?.labels)) fullyLabeled++;
    if (isPodReady(pod)) {
      ready++;
      if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
    }
  }
  const failureCond = getCondition(rs.status, ReplicaSetReplicaFailure);
  if (manageReplicasErr && !failureCond) {
    const diff = filteredPods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    setCondition(newStatus, newReplicaSetCondition(ReplicaSetReplicaFailure, 'True', reason, manageReplicasErr.message, nowMs));
  } else if (!manageReplicasErr && failureCond) {
    removeCondition(newStatus, ReplicaSetReplicaFailure);
  }
  newStatus.replicas = filteredPods.length;
  newStatus.fullyLabeledReplicas = fullyLabeled;
  newStatus.readyReplicas = ready;
  newStatus.availableReplicas = available;
  return newStatus;
}

/**
 * updateReplicaSetStatus writes newStatus through the status subresource unless nothing changed (the
 * steady state); on a conflict it re-reads once and retries. It returns the ReplicaSet as stored.
 */
export async function updateReplicaSetStatus(
  client: ApiClient,
  resource: ResourceDefinition,
  rs: ReplicaSet,
  newStatus: ReplicaSetStatus,
): Promise<ReplicaSet> {
  const cur: Partial<ReplicaSetStatus> = rs.status ?? {};
  if (
    (cur.replicas ?? 0) === newStatus.replicas &&
    (cur.fullyLabeledReplicas ?? 0) === (newStatus.fullyLabeledReplicas ?? 0) &&
    (cur.readyReplicas ?? 0) === (newStatus.readyReplicas ?? 0) &&
    (cur.availableReplicas ?? 0) === (newStatus.availableReplicas ?? 0) &&
    (rs.metadata?.generation ?? 0) === (cur.observedGeneration ?? 0) &&
    semanticDeepEqual(cur.conditions, newStatus.conditions)
  ) {
    return rs;
  }
  let target = rs;
  for (let i = 0; ; i++) {
    // Record the generation acted on, so a retry does not claim to have seen a later spec.
    const status = compactStatus({ ...newStatus, observedGeneration: rs.metadata?.generation ?? 0 });
    try {
      return await client.updateStatus<ReplicaSet>(resource, { ...target, status });
    } catch (e) {
      if (i >= statusUpdateRetries) throw e;
      target = await client.get<ReplicaSet>(resource, rs.metadata?.namespace, rs.metadata!.name!);
    }
  }
}

/** compactStatus drops zero fields the way Go's omitempty does on the wire (replicas always stays). */
function compactStatus(s: ReplicaSetStatus): ReplicaSetStatus {
  const out: ReplicaSetStatus = { replicas: s.replicas };
  if (s.fullyLabeledReplicas) out.fullyLabeledReplicas = s.fullyLabeledReplicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.availableReplicas) out.availableReplicas = s.availableReplicas;
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  if (s.conditions?.length) out.conditions = s.conditions;
  return out;
}

/** newReplicaSetCondition builds a condition whose lastTransitionTime is now. */
export function newReplicaSetCondition(type: string, status: string, reason: string, message: string, nowMs: number): ReplicaSetCondition {
  return { type, status, lastTransitionTime: formatTime(nowMs), reason, message };
}

/** getCondition returns the condition of the given type. */
export function getCondition(status: ReplicaSetStatus | undefined, type: string): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** setCondition adds or replaces a condition, unless one with the same status and reason is there. */
export function setCondition(status: ReplicaSetStatus, cond: ReplicaSetCondition): void {
  const cur = getCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

/** removeCondition drops the condition of the given type. */
export function removeCondition(status: ReplicaSetStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

/**
 * getPodsToDelete picks diff pods to delete, preferring pods earlier in their lifecycle and pods
 * doubled up on a node with related pods (those of the same Deployment's other ReplicaSets too).
 */
export function getPodsToDelete(filteredPods: Pod[], relatedPods: Pod[], diff: number, nowMs: number): Pod[] {
  // No need to rank when every pod goes.
  if (diff >= filteredPods.length) return filteredPods.slice(0, diff);
  const podsOnNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    podsOnNode.set(node, (podsOnNode.get(node) ?? 0) + 1);
  }
  const ranks = filteredPods.map((p) => podsOnNode.get(p.spec?.nodeName ?? '') ?? 0);
  return sortActivePodsWithRanks(filteredPods, ranks, nowMs).slice(0, diff);
}

/** slowStartBatch calls fn count times in batches of 1, 2, 4, …; it stops at the first failing batch. */
export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: () => Promise<void>,
): Promise<{ successes: number; error?: Error }> {
  let remaining = count;
  let successes = 0;
  for (let batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
    const results = await Promise.allSettled(Array.from({ length: batch }, () => fn()));
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    successes += batch - failures.length;
    if (failures.length > 0) return { successes, error: failures[0].reason as Error };
    remaining -= batch;
  }
  return { successes };
}
