import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';

// Revision and replica annotations of pkg/controller/deployment/util/deployment_util.go (v1.32).

/** RevisionAnnotation records a ReplicaSet's (and its Deployment's) place in the rollout history. */
export const RevisionAnnotation = 'deployment.kubernetes.io/revision';
/** RevisionHistoryAnnotation lists the earlier revisions a ReplicaSet had (after rollbacks). */
export const RevisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history';
/** DesiredReplicasAnnotation is the Deployment's spec.replicas when the ReplicaSet was last scaled. */
export const DesiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas';
/** MaxReplicasAnnotation is replicas + maxSurge when the ReplicaSet was last scaled. */
export const MaxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas';
/** DeprecatedRollbackTo is the annotation that carries extensions/v1beta1's spec.rollbackTo in apps/v1. */
export const DeprecatedRollbackTo = 'deprecated.deployment.rollback.to';
/** LastAppliedConfigAnnotation is kubectl apply's record, never copied onto ReplicaSets. */
export const LastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration';
/** maxRevHistoryLengthInChars bounds the revision-history annotation (~100 revisions). */
export const maxRevHistoryLengthInChars = 2000;

const annotationsToSkip = new Set([
  LastAppliedConfigAnnotation,
  RevisionAnnotation,
  RevisionHistoryAnnotation,
  DesiredReplicasAnnotation,
  MaxReplicasAnnotation,
  DeprecatedRollbackTo,
]);

type Annotated = { metadata?: { annotations?: Record<string, string> } };

function annotationsOf(obj: Annotated): Record<string, string> {
  const meta = (obj.metadata ??= {});
  return (meta.annotations ??= {});
}

/** revision reads the revision annotation: 0 when absent, undefined when not an integer. */
export function revision(obj: Annotated): number | undefined {
  const v = obj.metadata?.annotations?.[RevisionAnnotation];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** maxRevision is the highest revision among the ReplicaSets. */
export function maxRevision(rss: ReplicaSet[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = revision(rs);
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** lastRevision is the second highest revision: the one before the current. */
export function lastRevision(rss: ReplicaSet[]): number {
  let max = 0;
  let secMax = 0;
  for (const rs of rss) {
    const v = revision(rs);
    if (v === undefined) continue;
    if (v >= max) {
      secMax = max;
      max = v;
    } else if (v > secMax) secMax = v;
  }
  return secMax;
}

/** getRollbackTo reads the requested rollback revision; undefined when none (or malformed). */
export function getRollbackTo(d: Deployment): number | undefined {
  const v = d.metadata?.annotations?.[DeprecatedRollbackTo];
  if (!v || !/^[+-]?\d+$/.test(v)) return undefined;
  return Number(v);
}

/** setDeploymentRevision sets the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, rev: string): boolean {
  const a = annotationsOf(d);
  if (a[RevisionAnnotation] === rev) return false;
  a[RevisionAnnotation] = rev;
  return true;
}

/** copyDeploymentAnnotationsToReplicaSet copies the Deployment's own annotations; true when rs changed. */
function copyDeploymentAnnotationsToReplicaSet(d: Deployment, rs: ReplicaSet): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) {
    // The revision is the ReplicaSet's to own: the Deployment's copy of it may be stale.
    if (annotationsToSkip.has(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  return changed;
}

/** setDeploymentAnnotationsTo gives the Deployment the annotations of the ReplicaSet it rolls back to. */
export function setDeploymentAnnotationsTo(d: Deployment, rollbackToRS: ReplicaSet): void {
  const kept: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (annotationsToSkip.has(k)) kept[k] = v;
  for (const [k, v] of Object.entries(rollbackToRS.metadata?.annotations ?? {})) if (!annotationsToSkip.has(k)) kept[k] = v;
  (d.metadata ??= {}).annotations = kept;
}

/**
 * setNewReplicaSetAnnotations copies the Deployment's annotations to its new ReplicaSet, raises its
 * revision to newRevision (keeping the old one in revision-history, as after a rollback) and, for a
 * ReplicaSet about to be created, sets desired-replicas and max-replicas. True when rs changed.
 */
export function setNewReplicaSetAnnotations(
  d: Deployment,
  rs: ReplicaSet,
  newRevision: string,
  exists: boolean,
  maxSurge: number,
): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const a = annotationsOf(rs);
  const oldRevision = a[RevisionAnnotation];
  let oldRev = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRev = Number(oldRevision);
  }
  const newRev = Number(newRevision);
  if (oldRev < newRev) {
    a[RevisionAnnotation] = newRevision;
    changed = true;
    if (oldRevision !== undefined) appendRevisionHistory(a, oldRevision);
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + maxSurge)) changed = true;
  return changed;
}

function appendRevisionHistory(a: Record<string, string>, oldRevision: string): void {
  const history = a[RevisionHistoryAnnotation] ?? '';
  if (history === '') {
    a[RevisionHistoryAnnotation] = oldRevision;
    return;
  }
  const old = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > maxRevHistoryLengthInChars && start < old.length) total -= old[start++].length + 1;
  if (total <= maxRevHistoryLengthInChars) a[RevisionHistoryAnnotation] = [...old.slice(start), oldRevision].join(',');
}

/** setReplicasAnnotations records desired and max replicas on rs; true when they changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  if (a[DesiredReplicasAnnotation] !== String(desired)) {
    a[DesiredReplicasAnnotation] = String(desired);
    changed = true;
  }
  if (a[MaxReplicasAnnotation] !== String(max)) {
    a[MaxReplicasAnnotation] = String(max);
    changed = true;
  }
  return changed;
}

/** replicasAnnotationsNeedUpdate tells whether setReplicasAnnotations would change rs. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata?.annotations ?? {};
  return a[DesiredReplicasAnnotation] !== String(desired) || a[MaxReplicasAnnotation] !== String(max);
}

/** getDesiredReplicasAnnotation reads desired-replicas; undefined when absent or malformed. */
export function getDesiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DesiredReplicasAnnotation);
}

/** getMaxReplicasAnnotation reads max-replicas; undefined when absent or malformed. */
export function getMaxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MaxReplicasAnnotation);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata?.annotations?.[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}
