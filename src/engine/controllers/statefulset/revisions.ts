import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Pod, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { deepCopy } from '../../api/deepCopy';
import {
  equalRevision,
  findEqualRevisions,
  newControllerRevision,
  nextRevision,
  type ControllerHistory,
} from '../history/controllerHistory';
import { controllerKind, getPodRevision } from './statefulSetUtils';

// A StatefulSet's revisions as pkg/controller/statefulset/stateful_set_utils.go (getPatch,
// newRevision, ApplyRevision) and stateful_set_control.go (getStatefulSetRevisions,
// truncateHistory) of v1.32 keep them. A revision stores a strategic merge patch that puts the
// pod template back: {"spec":{"template":{"$patch":"replace", ...}}}. `kubectl rollout
// history/undo statefulset` read and apply exactly this.

/** TemplatePatch is the data of a StatefulSet's ControllerRevision. */
export interface TemplatePatch {
  spec: { template: PodTemplateSpec & { $patch: 'replace' } };
}

/** sortKeysDeep orders keys as Go's json.Marshal does for the map getPatch re-encodes. */
function sortKeysDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeysDeep);
  if (v === null || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeysDeep(o[k])]));
}

/** getPatch is the patch that restores set's pod template, with Go's key order. */
export function getPatch(set: StatefulSet): TemplatePatch {
  const template = { ...(deepCopy(set.spec?.template) ?? {}), $patch: 'replace' };
  return { spec: { template: sortKeysDeep(template) as TemplatePatch['spec']['template'] } };
}

/**
 * newRevision is the revision of set's current template numbered revision: labelled with the
 * template's labels, annotated with the set's annotations, named `<set>-<hash>`.
 */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const cr = newControllerRevision(set, controllerKind, set.spec?.template?.metadata?.labels, getPatch(set), revision, collisionCount);
  const annotations = set.metadata?.annotations;
  if (annotations && Object.keys(annotations).length > 0) cr.metadata!.annotations = { ...annotations };
  return cr;
}

/**
 * applyRevision is ApplyRevision: set with the template the revision stores. The patch only ever
 * replaces spec.template, so applying it is exactly that replacement.
 */
export function applyRevision(set: StatefulSet, revision: ControllerRevision): StatefulSet {
  const clone = deepCopy(set);
  const stored = (revision.data as Partial<TemplatePatch> | undefined)?.spec?.template;
  if (stored) {
    const template: PodTemplateSpec & { $patch?: string } = deepCopy(stored);
    delete template.$patch;
    clone.spec = { ...clone.spec!, template };
  }
  return clone;
}

/** StatefulSetRevisions are the current and update revisions and the collision count seen making them. */
export interface StatefulSetRevisions {
  currentRevision: ControllerRevision;
  updateRevision: ControllerRevision;
  collisionCount: number;
}

/**
 * getStatefulSetRevisions finds (or makes) the update revision for set's template: the newest
 * revision when it already holds that template; an older equal one renumbered to the next revision
 * (a rollback); otherwise a new revision. The current revision is status.currentRevision's, or the
 * update revision for a new set. revisions must be sorted.
 */
export async function getStatefulSetRevisions(
  history: ControllerHistory,
  set: StatefulSet,
  revisions: ControllerRevision[],
): Promise<StatefulSetRevisions> {
  const collision = { count: set.status?.collisionCount ?? 0 };
  let updateRevision = newRevision(set, nextRevision(revisions), collision.count);
  const equal = findEqualRevisions(revisions, updateRevision);
  if (equal.length > 0 && equalRevision(revisions[revisions.length - 1], equal[equal.length - 1])) {
    updateRevision = revisions[revisions.length - 1];
  } else if (equal.length > 0) {
    updateRevision = await history.updateControllerRevision(equal[equal.length - 1], updateRevision.revision);
  } else {
    updateRevision = await history.createControllerRevision(set, updateRevision, collision);
  }
  const currentRevision = revisions.find((r) => r.metadata?.name === set.status?.currentRevision) ?? updateRevision;
  return { currentRevision, updateRevision, collisionCount: collision.count };
}

/**
 * truncateHistory deletes the oldest revisions beyond spec.revisionHistoryLimit, never a live one:
 * the current and update revisions and those some pod still runs. revisions must be sorted.
 */
export async function truncateHistory(
  history: ControllerHistory,
  set: StatefulSet,
  pods: readonly Pod[],
  revisions: readonly ControllerRevision[],
  current: ControllerRevision | undefined,
  update: ControllerRevision | undefined,
): Promise<void> {
  const live = new Set<string>(pods.map(getPodRevision));
  if (current) live.add(current.metadata!.name!);
  if (update) live.add(update.metadata!.name!);
  const old = revisions.filter((r) => !live.has(r.metadata!.name!));
  const limit = set.spec?.revisionHistoryLimit ?? 10;
  if (old.length <= limit) return;
  for (const r of old.slice(0, old.length - limit)) await history.deleteControllerRevision(r);
}
