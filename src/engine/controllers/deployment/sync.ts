import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { EventType } from '../../client/eventRecorder';
import { getControllerOf, newControllerRef } from '../util/controllerRef';
import { computeHash } from '../util/hash';
import { hasStatusCause, NamespaceTerminatingCause } from '../util/podControl';
import {
  getDesiredReplicasAnnotation,
  getRollbackTo,
  maxRevision,
  RevisionAnnotation,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
} from './annotations';
import {
  DeploymentConditionType,
  getDeploymentCondition,
  hasProgressDeadline,
  Message,
  newDeploymentCondition,
  Reason,
  setDeploymentCondition,
} from './conditions';
import { controllerKind, updateDeploymentStatus, updateReplicaSet, type DeploymentContext } from './context';
import {
  byRevision,
  DefaultDeploymentUniqueLabelKey,
  equalIgnoreHash,
  filterActiveReplicaSets,
  findNewReplicaSet,
  findOldReplicaSets,
  hasRevisionHistoryLimit,
  maxSurge,
  newRSNewReplicas,
  replicasOf,
} from './deploymentUtil';
import { scale, ScalingReplicaSet } from './scale';
import { calculateStatus, deploymentStatusEqual } from './status';

// pkg/controller/deployment/sync.go (v1.32): new ReplicaSets, revisions, status, history cleanup (scaling is in scale.ts).

/** syncStatusOnly only updates the status of a Deployment being deleted. */
export async function syncStatusOnly(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  await syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/** sync reconciles a paused Deployment or a scaling event: proportional scaling, no rollout. */
export async function sync(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  await scale(dc, d, newRS, oldRSs);
  // A paused Deployment with no rollback under way is a safe moment to trim history.
  if (d.spec?.paused && getRollbackTo(d) === undefined) await cleanupDeployment(dc, oldRSs, d);
  await syncDeploymentStatus(dc, [...oldRSs, newRS], newRS, d);
}

/**
 * checkPausedConditions records pausing and resuming in the Progressing condition (Unknown), so that
 * the time spent paused never counts against progressDeadlineSeconds. A timeout is never overwritten.
 */
export async function checkPausedConditions(dc: DeploymentContext, d: Deployment): Promise<void> {
  if (!hasProgressDeadline(d)) return;
  const cond = getDeploymentCondition(d.status, DeploymentConditionType.Progressing);
  if (cond?.reason === Reason.TimedOut) return;
  const pausedCondExists = cond?.reason === Reason.PausedDeploy;
  const status = (d.status ??= {});
  if (d.spec?.paused && !pausedCondExists) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(DeploymentConditionType.Progressing, 'Unknown', Reason.PausedDeploy, Message.paused, dc.now()),
    );
  } else if (!d.spec?.paused && pausedCondExists) {
    setDeploymentCondition(
      status,
      newDeploymentCondition(DeploymentConditionType.Progressing, 'Unknown', Reason.ResumedDeploy, Message.resumed, dc.now()),
    );
  } else {
    return;
  }
  await updateDeploymentStatus(dc, d);
}

/**
 * getAllReplicaSetsAndSyncRevision splits rsList into the new ReplicaSet (template equal to the
 * Deployment's; created when asked) and the old ones, and brings the revisions up to date. A
 * ReplicaSet it rewrites replaces its stale copy in rsList, so later steps of the sync see it.
 */
export async function getAllReplicaSetsAndSyncRevision(
  dc: DeploymentContext,
  d: Deployment,
  rsList: ReplicaSet[],
  createIfNotExisted: boolean,
): Promise<{ newRS: ReplicaSet | undefined; oldRSs: ReplicaSet[] }> {
  const { allOldRSs } = findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(dc, d, rsList, allOldRSs, createIfNotExisted);
  if (newRS) {
    const i = rsList.findIndex((rs) => rs.metadata?.uid === newRS.metadata?.uid);
    if (i >= 0) rsList[i] = newRS;
  }
  return { newRS, oldRSs: allOldRSs };
}

async function getNewReplicaSet(
  dc: DeploymentContext,
  d: Deployment,
  rsList: ReplicaSet[],
  oldRSs: ReplicaSet[],
  createIfNotExisted: boolean,
): Promise<ReplicaSet | undefined> {
  const existing = findNewReplicaSet(d, rsList);
  const newRevision = String(maxRevision(oldRSs) + 1);
  if (existing) {
    const rsCopy = structuredClone(existing);
    const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true, maxSurge(d));
    const minReadySeconds = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (rsCopy.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
      setMinReadySeconds(rsCopy, minReadySeconds);
      return updateReplicaSet(dc, rsCopy);
    }
    // The ReplicaSet's revision is the reliable one: the Deployment's copy may lag behind it.
    let needsUpdate = setDeploymentRevision(d, rsCopy.metadata?.annotations?.[RevisionAnnotation] ?? '');
    if (hasProgressDeadline(d) && !getDeploymentCondition(d.status, DeploymentConditionType.Progressing)) {
      const cond = newDeploymentCondition(
        DeploymentConditionType.Progressing,
        'True',
        Reason.FoundNewRS,
        Message.foundNewRS(rsCopy.metadata!.name!),
        dc.now(),
      );
      setDeploymentCondition((d.status ??= {}), cond);
      needsUpdate = true;
    }
    if (needsUpdate) await updateDeploymentStatus(dc, d);
    return rsCopy;
  }
  if (!createIfNotExisted) return undefined;

  const newRS = newReplicaSet(d);
  newRS.spec!.replicas = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
  const newReplicasCount = newRS.spec!.replicas;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false, maxSurge(d));
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await dc.client.create<ReplicaSet>(Resources.replicasets, newRS);
  } catch (e) {
    if (isApiError(e, 'AlreadyExists')) {
      // A slow cache or a hash collision: ours only if we own it and the template is the same.
      alreadyExists = true;
      const rs = dc.rsLister.get(d.metadata?.namespace, newRS.metadata!.name!);
      if (!rs) throw e;
      if (getControllerOf(rs)?.uid !== d.metadata?.uid || !equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
        const status = (d.status ??= {});
        status.collisionCount = (status.collisionCount ?? 0) + 1;
        await updateDeploymentStatus(dc, d).catch(() => undefined);
        throw e;
      }
      created = rs;
    } else if (hasStatusCause(e, NamespaceTerminatingCause)) {
      throw e;
    } else {
      const msg = Message.failedRSCreate(newRS.metadata!.name!, (e as Error).message);
      if (hasProgressDeadline(d)) {
        setDeploymentCondition(
          (d.status ??= {}),
          newDeploymentCondition(DeploymentConditionType.Progressing, 'False', Reason.FailedRSCreate, msg, dc.now()),
        );
        // The create failure is the bigger problem to report; a failed status write changes nothing.
        await updateDeploymentStatus(dc, d).catch(() => undefined);
      }
      dc.recorder.event(d, EventType.Warning, Reason.FailedRSCreate, msg);
      throw e;
    }
  }
  if (!alreadyExists && newReplicasCount > 0) {
    dc.recorder.event(d, EventType.Normal, ScalingReplicaSet, `Scaled up replica set ${created.metadata?.name} to ${newReplicasCount}`);
  }
  let needsUpdate = setDeploymentRevision(d, newRevision);
  if (!alreadyExists && hasProgressDeadline(d)) {
    const cond = newDeploymentCondition(
      DeploymentConditionType.Progressing,
      'True',
      Reason.NewReplicaSet,
      Message.createdNewRS(created.metadata!.name!),
      dc.now(),
    );
    setDeploymentCondition((d.status ??= {}), cond);
    needsUpdate = true;
  }
  if (needsUpdate) await updateDeploymentStatus(dc, d);
  return created;
}

/**
 * cleanupDeployment deletes the oldest old ReplicaSets beyond revisionHistoryLimit, sparing any that
 * still has pods, is being deleted or whose latest spec its controller has not seen yet.
 */
export async function cleanupDeployment(dc: DeploymentContext, oldRSs: ReplicaSet[], d: Deployment): Promise<void> {
  if (!hasRevisionHistoryLimit(d)) return;
  const cleanable = oldRSs.filter((rs) => !rs.metadata?.deletionTimestamp);
  const diff = cleanable.length - d.spec!.revisionHistoryLimit!;
  if (diff <= 0) return;
  cleanable.sort(byRevision);
  for (let i = 0; i < diff; i++) {
    const rs = cleanable[i];
    if ((rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0) continue;
    if ((rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0) || rs.metadata?.deletionTimestamp) continue;
    try {
      await dc.client.delete(Resources.replicasets, rs.metadata?.namespace, rs.metadata!.name!);
    } catch (e) {
      if (!isApiError(e, 'NotFound')) throw e;
    }
  }
}

/** syncDeploymentStatus writes the calculated status when it differs from the stored one. */
export async function syncDeploymentStatus(
  dc: DeploymentContext,
  allRSs: (ReplicaSet | undefined)[],
  newRS: ReplicaSet | undefined,
  d: Deployment,
): Promise<void> {
  const newStatus = calculateStatus(allRSs, newRS, d, dc.now());
  if (deploymentStatusEqual(d.status, newStatus)) return;
  d.status = newStatus;
  await updateDeploymentStatus(dc, d);
}

/** isScalingEvent: some active ReplicaSet was last sized for a different spec.replicas. */
export async function isScalingEvent(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, false);
  for (const rs of filterActiveReplicaSets([...oldRSs, newRS])) {
    const desired = getDesiredReplicasAnnotation(rs);
    if (desired !== undefined && desired !== replicasOf(d)) return true;
  }
  return false;
}

/**
 * newReplicaSet builds the Deployment's ReplicaSet for its current template: named
 * `<deployment>-<pod-template-hash>`, the hash added to the template's labels and the selector.
 */
export function newReplicaSet(d: Deployment): ReplicaSet {
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeHash(d.spec?.template, d.status?.collisionCount);
  const labels = { ...template.metadata?.labels, [DefaultDeploymentUniqueLabelKey]: hash };
  template.metadata = { ...template.metadata, labels };
  const selector: LabelSelector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...selector.matchLabels, [DefaultDeploymentUniqueLabelKey]: hash };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata?.name}-${hash}`,
      namespace: d.metadata?.namespace,
      labels: { ...labels },
      ownerReferences: [newControllerRef(d, controllerKind)],
    },
    spec: { replicas: 0, selector, template },
  };
  setMinReadySeconds(rs, d.spec?.minReadySeconds ?? 0);
  return rs;
}

function setMinReadySeconds(rs: ReplicaSet, v: number): void {
  // minReadySeconds is omitempty: zero is left out, as the Go client leaves it out.
  const spec = rs.spec!;
  if (v) spec.minReadySeconds = v;
  else delete spec.minReadySeconds;
}
