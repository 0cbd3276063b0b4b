import type { ControllerRevision } from 'kubernetes-types/apps/v1';
import { goJson } from '../../api/goJson';
import type { TypedObject } from '../../api/object';
import { isApiError, StatusReason } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import { newControllerRef, type GroupVersionKind } from '../util/controllerRef';
import { fnv32, safeEncodeString } from '../util/hash';

// pkg/controller/history/controller_history.go (v1.32): the ControllerRevisions through which
// DaemonSets and StatefulSets keep their template history, for rollouts and `kubectl rollout undo`.

/** ControllerRevisionHashLabel labels a revision with the hash of its data. */
export const ControllerRevisionHashLabel = 'controller.kubernetes.io/hash';

/** maxPrefixLength keeps a revision name (prefix, "-", hash) within a DNS subdomain. */
const maxPrefixLength = 253 - 1 - 10;

const encoder = new TextEncoder();

/** revisionDataJson is the revision's data as the bytes Go's json.Marshal of a map writes (Data.Raw). */
export function revisionDataJson(data: unknown): string {
  return goJson(data);
}

/** controllerRevisionName is ControllerRevisionName: the parent's name, cut to fit, and the hash. */
export function controllerRevisionName(prefix: string, hash: string): string {
  return `${prefix.length > maxPrefixLength ? prefix.slice(0, maxPrefixLength) : prefix}-${hash}`;
}

/** hashControllerRevision is HashControllerRevision: FNV-32 (not 1a) over the data, then the probe's digits. */
export function hashControllerRevision(revision: ControllerRevision, probe?: number): string {
  let h = fnv32(encoder.encode(revisionDataJson(revision.data)));
  if (probe !== undefined) h = fnv32(encoder.encode(String(probe)), h);
  return safeEncodeString(String(h));
}

/**
 * newControllerRevision is NewControllerRevision: a revision of parent holding data, labelled with
 * the template's labels and the data's hash, controlled by parent.
 */
export function newControllerRevision(
  parent: TypedObject,
  parentKind: GroupVersionKind,
  templateLabels: Record<string, string> | undefined,
  data: unknown,
  revision: number,
  collisionCount?: number,
): ControllerRevision {
  const cr: ControllerRevision = {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      namespace: parent.metadata?.namespace,
      labels: { ...templateLabels },
      ownerReferences: [newControllerRef(parent, parentKind)],
    },
    data: data as ControllerRevision['data'],
    revision,
  };
  const hash = hashControllerRevision(cr, collisionCount);
  cr.metadata!.name = controllerRevisionName(parent.metadata!.name!, hash);
  cr.metadata!.labels![ControllerRevisionHashLabel] = hash;
  return cr;
}

/** sortControllerRevisions sorts by revision number, then creation time, then name (SortControllerRevisions). */
export function sortControllerRevisions(revisions: ControllerRevision[]): ControllerRevision[] {
  return revisions.sort((a, b) => {
    if ((a.revision ?? 0) !== (b.revision ?? 0)) return (a.revision ?? 0) - (b.revision ?? 0);
    const ta = a.metadata?.creationTimestamp ?? '';
    const tb = b.metadata?.creationTimestamp ?? '';
    if (ta !== tb) return ta < tb ? -1 : 1;
    const na = a.metadata?.name ?? '';
    const nb = b.metadata?.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
}

/** equalRevision is EqualRevision: same hash label (when both have one) and the same data. */
export function equalRevision(lhs: ControllerRevision | undefined, rhs: ControllerRevision | undefined): boolean {
  if (!lhs || !rhs) return lhs === rhs;
  const lh = lhs.metadata?.labels?.[ControllerRevisionHashLabel];
  const rh = rhs.metadata?.labels?.[ControllerRevisionHashLabel];
  if (lh !== undefined && rh !== undefined && lh !== rh) return false;
  return revisionDataJson(lhs.data) === revisionDataJson(rhs.data);
}

/** findEqualRevisions is FindEqualRevisions: the revisions equal to needle. */
export function findEqualRevisions(revisions: readonly ControllerRevision[], needle: ControllerRevision): ControllerRevision[] {
  return revisions.filter((r) => equalRevision(r, needle));
}

/** nextRevision is the revision number after the highest of revisions (1 for none). */
export function nextRevision(revisions: readonly ControllerRevision[]): number {
  let max = 0;
  for (const r of revisions) max = Math.max(max, r.revision ?? 0);
  return max + 1;
}

/**
 * ControllerHistory is history.Interface's writes over the API (reads come from the controller's
 * ControllerRevision informer).
 */
export class ControllerHistory {
  constructor(private readonly client: ApiClient) {}

  /**
   * createControllerRevision is CreateControllerRevision: on a name collision with different data it
   * bumps collision.count and tries the next hash; an existing revision with the same data is returned.
   */
  async createControllerRevision(parent: TypedObject, revision: ControllerRevision, collision: { count: number }): Promise<ControllerRevision> {
    const ns = parent.metadata?.namespace;
    for (;;) {
      const hash = hashControllerRevision(revision, collision.count);
      const clone: ControllerRevision = { ...revision, metadata: { ...revision.metadata, name: controllerRevisionName(parent.metadata!.name!, hash) } };
      try {
        return await this.client.create<ControllerRevision>(Resources.controllerrevisions, clone);
      } catch (e) {
        if (!isApiError(e, StatusReason.AlreadyExists)) throw e;
        const exists = await this.client.get<ControllerRevision>(Resources.controllerrevisions, ns, clone.metadata!.name!);
        if (revisionDataJson(exists.data) === revisionDataJson(clone.data)) return exists;
        collision.count++;
      }
    }
  }

  /** updateControllerRevision is UpdateControllerRevision: only the revision number changes. */
  async updateControllerRevision(revision: ControllerRevision, newRevision: number): Promise<ControllerRevision> {
    if (revision.revision === newRevision) return revision;
    return this.client.patch<ControllerRevision>(Resources.controllerrevisions, revision.metadata?.namespace, revision.metadata!.name!, 'merge', {
      revision: newRevision,
    });
  }

  /** deleteControllerRevision is DeleteControllerRevision; one already gone counts as deleted. */
  async deleteControllerRevision(revision: ControllerRevision): Promise<void> {
    try {
      await this.client.delete(Resources.controllerrevisions, revision.metadata?.namespace, revision.metadata!.name!);
    } catch (e) {
      if (!isApiError(e, StatusReason.NotFound)) throw e;
    }
  }
}
