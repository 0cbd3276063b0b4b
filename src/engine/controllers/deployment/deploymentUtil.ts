import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { semanticDeepEqual } from '../../apiserver/registry/strategyHelpers';
import { parseTime } from '../../sim/clock';
import { DesiredReplicasAnnotation, getMaxReplicasAnnotation, revision } from './annotations';
import { maxInt32 } from './conditions';

// Replica arithmetic and ReplicaSet selection of pkg/controller/deployment/util/deployment_util.go
// and the ReplicaSet sorts of pkg/controller/controller_utils.go (v1.32).

/** DefaultDeploymentUniqueLabelKey is the label that tells a Deployment's ReplicaSets (and pods) apart. */
export const DefaultDeploymentUniqueLabelKey = 'pod-template-hash';

/** IntOrString is an intstr.IntOrString as JSON carries it. */
export type IntOrString = number | string;

/** replicasOf is spec.replicas, which the API server defaults to 1. */
export function replicasOf(obj: Deployment | ReplicaSet | undefined): number {
  return obj?.spec?.replicas ?? 1;
}

/**
 * getScaledValueFromIntOrPercent is intstr.GetScaledValueFromIntOrPercent: an int as is, a percentage
 * of total rounded up or down. A string that is not a percentage is an error.
 */
export function getScaledValueFromIntOrPercent(v: IntOrString | undefined, total: number, roundUp: boolean): number {
  if (v === undefined || v === null) throw new Error('nil value for IntOrString');
  if (typeof v === 'number') return v;
  if (!v.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const s = v.slice(0, -1);
  if (!/^[+-]?\d+$/.test(s))
    throw new Error(`invalid value for IntOrString: invalid value "${v}": strconv.Atoi: parsing "${s}": invalid syntax`);
  const scaled = (Number(s) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/**
 * resolveFenceposts turns maxSurge (rounded up) and maxUnavailable (rounded down) into numbers for
 * desired replicas. When both come to zero, maxUnavailable becomes 1 so the rollout can proceed.
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): [number, number] {
  const surge = getScaledValueFromIntOrPercent(maxSurge ?? 0, desired, true);
  let unavailable = getScaledValueFromIntOrPercent(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

/** isRollingUpdate is true for the RollingUpdate strategy. */
export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === 'RollingUpdate';
}

/** maxSurge is how many pods above replicas a rolling Deployment may run (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d))[0];
  } catch {
    return 0;
  }
}

/** maxUnavailable is how many pods below replicas a rolling Deployment may fall, at most replicas. */
export function maxUnavailable(d: Deployment): number {
  const replicas = replicasOf(d);
  if (!isRollingUpdate(d) || replicas === 0) return 0;
  const ru = d.spec?.strategy?.rollingUpdate;
  let unavailable: number;
  try {
    unavailable = resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicas)[1];
  } catch {
    return 0;
  }
  return Math.min(unavailable, replicas);
}

/** minAvailable is replicas - maxUnavailable for rolling Deployments, 0 otherwise. */
export function minAvailable(d: Deployment): number {
  return isRollingUpdate(d) ? replicasOf(d) - maxUnavailable(d) : 0;
}

/** newRSNewReplicas is the size the new ReplicaSet may grow to now: up to the surge for RollingUpdate. */
export function newRSNewReplicas(d: Deployment, allRSs: ReplicaSet[], newRS: ReplicaSet): number {
  switch (d.spec?.strategy?.type) {
    case 'RollingUpdate': {
      const surge = getScaledValueFromIntOrPercent(d.spec.strategy.rollingUpdate?.maxSurge, replicasOf(d), true);
      const current = getReplicaCountForReplicaSets(allRSs);
      const maxTotalPods = replicasOf(d) + surge;
      if (current >= maxTotalPods) return replicasOf(newRS);
      const scaleUpCount = Math.min(maxTotalPods - current, replicasOf(d) - replicasOf(newRS));
      return replicasOf(newRS) + scaleUpCount;
    }
    case 'Recreate':
      return replicasOf(d);
    default:
      throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  }
}

/** isSaturated: the new ReplicaSet has, wants and runs available exactly the Deployment's replicas. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const desired = rs.metadata?.annotations?.[DesiredReplicasAnnotation];
  if (desired === undefined || !/^[+-]?\d+$/.test(desired)) return false;
  const want = replicasOf(d);
  return replicasOf(rs) === want && Number(desired) === want && (rs.status?.availableReplicas ?? 0) === want;
}

/**
 * getProportion is how many replicas rs gets of a proportional scale by toAdd, of which added are
 * handed out already: its share of the new maximum, never more than what is left.
 */
export function getProportion(rs: ReplicaSet | undefined, d: Deployment, toAdd: number, added: number): number {
  if (!rs || replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = getReplicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function getReplicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const deploymentMaxReplicas = replicasOf(d) + maxSurge(d);
  let before = getMaxReplicasAnnotation(rs);
  if (before === undefined || before === 0) {
    // Without the annotation, the Deployment's current size is the base. Upstream would divide by
    // zero when that is 0 too (an undefined int32 conversion in Go); we give the ReplicaSet no share.
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  return roundToInt32((replicasOf(rs) * deploymentMaxReplicas) / before) - replicasOf(rs);
}

/** roundToInt32 is integer.RoundToInt32: round half away from zero. */
function roundToInt32(a: number): number {
  return Math.sign(a) * Math.round(Math.abs(a));
}

/** equalIgnoreHash compares two pod templates semantically, ignoring the pod-template-hash label. */
export function equalIgnoreHash(t1: PodTemplateSpec | undefined, t2: PodTemplateSpec | undefined): boolean {
  return semanticDeepEqual(withoutHash(t1), withoutHash(t2));
}

function withoutHash(t: PodTemplateSpec | undefined): PodTemplateSpec | undefined {
  const labels = t?.metadata?.labels;
  if (!labels || !(DefaultDeploymentUniqueLabelKey in labels)) return t;
  const { [DefaultDeploymentUniqueLabelKey]: _hash, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/** findNewReplicaSet returns the oldest ReplicaSet whose template equals the Deployment's. */
export function findNewReplicaSet(d: Deployment, rsList: ReplicaSet[]): ReplicaSet | undefined {
  return [...rsList].sort(byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** findOldReplicaSets returns the old ReplicaSets with pods and all old ReplicaSets. */
export function findOldReplicaSets(d: Deployment, rsList: ReplicaSet[]): { requiredRSs: ReplicaSet[]; allOldRSs: ReplicaSet[] } {
  const newRS = findNewReplicaSet(d, rsList);
  const allOldRSs = rsList.filter((rs) => !newRS || rs.metadata?.uid !== newRS.metadata?.uid);
  return { requiredRSs: allOldRSs.filter((rs) => replicasOf(rs) !== 0), allOldRSs };
}

/** findActiveOrLatest returns the only ReplicaSet with pods, or the newest when none has; none when several do. */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const sorted = [...oldRSs].sort((a, b) => byCreationTimestamp(b, a));
  const active = filterActiveReplicaSets([...sorted, newRS]);
  if (active.length === 0) return newRS ?? sorted[0];
  return active.length === 1 ? active[0] : undefined;
}

/** filterActiveReplicaSets keeps the ReplicaSets with replicas > 0. */
export function filterActiveReplicaSets(rss: (ReplicaSet | undefined)[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && replicasOf(rs) > 0);
}

/** getReplicaCountForReplicaSets sums spec.replicas. */
export function getReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  let n = 0;
  for (const rs of rss) if (rs) n += replicasOf(rs);
  return n;
}

/** getActualReplicaCountForReplicaSets sums status.replicas. */
export function getActualReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return sumStatus(rss, 'replicas');
}

/** getReadyReplicaCountForReplicaSets sums status.readyReplicas. */
export function getReadyReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return sumStatus(rss, 'readyReplicas');
}

/** getAvailableReplicaCountForReplicaSets sums status.availableReplicas. */
export function getAvailableReplicaCountForReplicaSets(rss: (ReplicaSet | undefined)[]): number {
  return sumStatus(rss, 'availableReplicas');
}

function sumStatus(rss: (ReplicaSet | undefined)[], field: 'replicas' | 'readyReplicas' | 'availableReplicas'): number {
  let n = 0;
  for (const rs of rss) if (rs) n += rs.status?.[field] ?? 0;
  return n;
}

/** byCreationTimestamp orders ReplicaSets oldest first, then by name. */
export function byCreationTimestamp(a: ReplicaSet, b: ReplicaSet): number {
  const ta = parseTime(a.metadata?.creationTimestamp) || 0;
  const tb = parseTime(b.metadata?.creationTimestamp) || 0;
  if (ta !== tb) return ta - tb;
  const na = a.metadata?.name ?? '';
  const nb = b.metadata?.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** bySizeOlder orders larger ReplicaSets first, older first among equals (scaling down). */
export function bySizeOlder(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(a, b);
}

/** bySizeNewer orders larger ReplicaSets first, newer first among equals (scaling up). */
export function bySizeNewer(a: ReplicaSet, b: ReplicaSet): number {
  return replicasOf(b) - replicasOf(a) || byCreationTimestamp(b, a);
}

/** byRevision orders ReplicaSets by revision, by creation when revisions are equal or malformed. */
export function byRevision(a: ReplicaSet, b: ReplicaSet): number {
  const ra = revision(a);
  const rb = revision(b);
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b);
  return ra - rb;
}

/** hasRevisionHistoryLimit is true unless revisionHistoryLimit is unset or MaxInt32. */
export function hasRevisionHistoryLimit(d: Deployment): boolean {
  const l = d.spec?.revisionHistoryLimit;
  return l !== undefined && l !== null && l !== maxInt32;
}
