import type { ControllerRevision, StatefulSet, StatefulSetStatus } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import { getPodRevision, isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating, replicasOf } from './statefulSetUtils';

// StatefulSet status as pkg/controller/statefulset/stateful_set_control.go (computeReplicaStatus,
// updateStatus, updateStatefulSetStatus), stateful_set_utils.go (inconsistentStatus,
// completeRollingUpdate) and stateful_set_status_updater.go of v1.32 compute and write it.

/** statusUpdateRetries is retry.DefaultRetry's steps: tries after a conflict before giving up. */
const statusUpdateRetries = 5;

/** ReplicaCounts are the pod counts of a StatefulSetStatus. */
export type ReplicaCounts = Required<Pick<StatefulSetStatus, 'replicas' | 'readyReplicas' | 'availableReplicas' | 'currentReplicas' | 'updatedReplicas'>>;

/**
 * updateStatus recounts status over the pod lists: created pods, running-and-ready ones, those
 * available for minReadySeconds, and the non-terminating ones at the current and update revisions.
 */
export function updateStatus(
  status: StatefulSetStatus,
  minReadySeconds: number,
  currentRevision: ControllerRevision,
  updateRevision: ControllerRevision,
  nowMs: number,
  ...podLists: readonly Pod[][]
): void {
  const c: ReplicaCounts = { replicas: 0, readyReplicas: 0, availableReplicas: 0, currentReplicas: 0, updatedReplicas: 0 };
  for (const pods of podLists) {
    for (const pod of pods) {
      if (isCreated(pod)) c.replicas++;
      if (isRunningAndReady(pod)) {
        c.readyReplicas++;
        if (isRunningAndAvailable(pod, minReadySeconds, nowMs)) c.availableReplicas++;
      }
      if (isCreated(pod) && !isTerminating(pod)) {
        const rev = getPodRevision(pod);
        if (rev === currentRevision.metadata?.name) c.currentReplicas++;
        if (rev === updateRevision.metadata?.name) c.updatedReplicas++;
      }
    }
  }
  Object.assign(status, c);
}

/** inconsistentStatus reports whether status differs from set's in anything the controller writes but collisionCount. */
export function inconsistentStatus(set: StatefulSet, status: StatefulSetStatus): boolean {
  const cur: Partial<StatefulSetStatus> = set.status ?? {};
  return (
    (status.observedGeneration ?? 0) > (cur.observedGeneration ?? 0) ||
    status.replicas !== (cur.replicas ?? 0) ||
    (status.currentReplicas ?? 0) !== (cur.currentReplicas ?? 0) ||
    (status.readyReplicas ?? 0) !== (cur.readyReplicas ?? 0) ||
    (status.updatedReplicas ?? 0) !== (cur.updatedReplicas ?? 0) ||
    (status.currentRevision ?? '') !== (cur.currentRevision ?? '') ||
    (status.availableReplicas ?? 0) !== (cur.availableReplicas ?? 0) ||
    (status.updateRevision ?? '') !== (cur.updateRevision ?? '')
  );
}

/**
 * completeRollingUpdate ends a RollingUpdate once every replica is created, ready and at the update
 * revision: the update revision becomes the current one.
 */
export function completeRollingUpdate(set: StatefulSet, status: StatefulSetStatus): void {
  const replicas = replicasOf(set);
  if (
    set.spec?.updateStrategy?.type === 'RollingUpdate' &&
    status.updatedReplicas === replicas &&
    status.readyReplicas === replicas &&
    status.replicas === replicas
  ) {
    status.currentReplicas = status.updatedReplicas;
    status.currentRevision = status.updateRevision;
  }
}

/**
 * updateStatefulSetStatus is updateStatefulSetStatus with the status updater: complete a finished
 * rolling update, then write status through statefulsets/status only when it changed. On a
 * conflict it re-reads the set (upstream re-reads its lister) and tries again.
 */
export async function updateStatefulSetStatus(client: ApiClient, set: StatefulSet, status: StatefulSetStatus): Promise<void> {
  completeRollingUpdate(set, status);
  if (!inconsistentStatus(set, status)) return;
  let target = set;
  for (let i = 0; ; i++) {
    try {
      await client.updateStatus<StatefulSet>(Resources.statefulsets, { ...target, status: compactStatus(status) });
      return;
    } catch (e) {
      if (!isApiError(e, 'Conflict') || i >= statusUpdateRetries - 1) throw e;
      target = await client.get<StatefulSet>(Resources.statefulsets, set.metadata?.namespace, set.metadata!.name!);
    }
  }
}

/**
 * compactStatus lays status out as Go marshals StatefulSetStatus: its field order, omitempty fields
 * left out when zero; replicas, availableReplicas and the collisionCount pointer always written.
 */
export function compactStatus(s: StatefulSetStatus): StatefulSetStatus {
  const out: Partial<StatefulSetStatus> = {};
  if (s.observedGeneration) out.observedGeneration = s.observedGeneration;
  out.replicas = s.replicas;
  if (s.readyReplicas) out.readyReplicas = s.readyReplicas;
  if (s.currentReplicas) out.currentReplicas = s.currentReplicas;
  if (s.updatedReplicas) out.updatedReplicas = s.updatedReplicas;
  if (s.currentRevision) out.currentRevision = s.currentRevision;
  if (s.updateRevision) out.updateRevision = s.updateRevision;
  if (s.collisionCount !== undefined) out.collisionCount = s.collisionCount;
  out.availableReplicas = s.availableReplicas ?? 0;
  return out as StatefulSetStatus;
}
