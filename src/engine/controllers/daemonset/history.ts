import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { selectorFromLabelSelector } from '../../api/labels';
import { isApiError, StatusReason } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import type { Informer } from '../../client/informer';
import { goJson } from '../../api/goJson';
import { nextRevision, sortControllerRevisions } from '../history/controllerHistory';
import { ControllerRefManager, ensureControllerUIDIndex, newControllerRef, ownedOrOrphaned } from '../util/controllerRef';
import { computeHash } from '../util/hash';
import { ControllerRevisionHashLabel, DaemonSetKind } from './daemonPodTemplate';
import type { DaemonPods } from './daemonPods';

// A DaemonSet's ControllerRevisions as pkg/controller/daemon/update.go (v1.32) keeps them:
// constructHistory, snapshot, dedupCurHistories, cleanupHistory, Match and getPatch. `kubectl rollout
// history/undo daemonset` reads the same revisions and compares the same patch bytes.

/** defaultRevisionHistoryLimit is what the API server defaults spec.revisionHistoryLimit to. */
const defaultRevisionHistoryLimit = 10;

/**
 * getPatch is getPatch: the strategic merge patch that restores the DaemonSet's pod template,
 * {"spec":{"template":{…,"$patch":"replace"}}}. It is a revision's data.
 */
export function getPatch(ds: DaemonSet): { spec: { template: Record<string, unknown> } } {
  return { spec: { template: { ...(ds.spec?.template as Record<string, unknown>), $patch: 'replace' } } };
}

/** match is Match: the revision holds exactly the bytes getPatch(ds) marshals to. */
export function match(ds: DaemonSet, history: ControllerRevision): boolean {
  return goJson(getPatch(ds)) === goJson(history.data);
}

/** newDaemonSetRevision is snapshot's revision: named `<ds>-<hash>`, labelled with the template's labels and the hash. */
export function newDaemonSetRevision(ds: DaemonSet, revision: number): ControllerRevision {
  const hash = computeHash(ds.spec?.template, ds.status?.collisionCount);
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: `${ds.metadata!.name}-${hash}`,
      namespace: ds.metadata?.namespace,
      labels: { ...ds.spec?.template?.metadata?.labels, [ControllerRevisionHashLabel]: hash },
      annotations: ds.metadata?.annotations ? { ...ds.metadata.annotations } : undefined,
      ownerReferences: [newControllerRef(ds, DaemonSetKind)],
    },
    data: getPatch(ds) as ControllerRevision['data'],
    revision,
  };
}

/**
 * DaemonSetHistory reads a DaemonSet's revisions from the ControllerRevision informer and writes
 * them through the API: it adopts and releases them, keeps one current revision and trims the rest.
 */
export class DaemonSetHistory {
  constructor(
    private readonly client: ApiClient,
    private readonly informer: Informer<ControllerRevision>,
    /** pods are the DaemonSet's claimed pods (relabelled on dedup), and the adoption recheck. */
    private readonly pods: Pick<DaemonPods, 'getDaemonPods' | 'canAdopt'>,
  ) {
    ensureControllerUIDIndex(informer);
  }

  /**
   * constructHistory is constructHistory: the current revision (created, or deduplicated and moved to
   * the highest revision number) and the old ones. Revisions missing the hash label get their name as one.
   */
  async constructHistory(ds: DaemonSet): Promise<{ cur: ControllerRevision; old: ControllerRevision[] }> {
    const histories = await this.controlledHistories(ds);
    const current: ControllerRevision[] = [];
    const old: ControllerRevision[] = [];
    for (let history of histories) {
      if (history.metadata?.labels?.[ControllerRevisionHashLabel] === undefined) {
        // The name, not a fresh hash: a hash could collide.
        const labels = { ...history.metadata?.labels, [ControllerRevisionHashLabel]: history.metadata!.name! };
        history = await this.client.update<ControllerRevision>(Resources.controllerrevisions, { ...history, metadata: { ...history.metadata, labels } });
      }
      (match(ds, history) ? current : old).push(history);
    }
    const currRevision = nextRevision(old);
    if (current.length === 0) return { cur: await this.snapshot(ds, currRevision), old };
    const cur = await this.dedupCurHistories(ds, current);
    if ((cur.revision ?? 0) < currRevision) {
      await this.client.update<ControllerRevision>(Resources.controllerrevisions, { ...cur, revision: currRevision });
    }
    return { cur, old };
  }

  /**
   * cleanupHistory is cleanupHistory: it deletes old revisions beyond spec.revisionHistoryLimit,
   * lowest revision first, sparing any whose hash a pod still carries (livePods, terminated ones included).
   */
  async cleanupHistory(ds: DaemonSet, old: ControllerRevision[], livePods: Iterable<Pod>): Promise<void> {
    let toKill = old.length - (ds.spec?.revisionHistoryLimit ?? defaultRevisionHistoryLimit);
    if (toKill <= 0) return;
    const liveHashes = new Set<string>();
    for (const pod of livePods) {
      const hash = pod.metadata?.labels?.[ControllerRevisionHashLabel];
      if (hash) liveHashes.add(hash);
    }
    for (const history of sortControllerRevisions([...old])) {
      if (toKill <= 0) break;
      if (liveHashes.has(history.metadata?.labels?.[ControllerRevisionHashLabel] ?? '')) continue;
      await this.client.delete(Resources.controllerrevisions, history.metadata?.namespace, history.metadata!.name!);
      toKill--;
    }
  }

  /** controlledHistories is controlledHistories: the revisions the DaemonSet owns after adoption and release. */
  private controlledHistories(ds: DaemonSet): Promise<ControllerRevision[]> {
    const selector = selectorFromLabelSelector(ds.spec?.selector);
    const m = new ControllerRefManager<ControllerRevision>(this.client, Resources.controllerrevisions, ds, selector, DaemonSetKind, this.pods.canAdopt(ds));
    return m.claim(ownedOrOrphaned(this.informer.lister, ds));
  }

  /**
   * snapshot is snapshot: it creates the revision of the current template. A revision of that name
   * with other data is a hash collision: status.collisionCount goes up by one and the sync retries.
   */
  private async snapshot(ds: DaemonSet, revision: number): Promise<ControllerRevision> {
    const history = newDaemonSetRevision(ds, revision);
    const name = history.metadata!.name!;
    const ns = ds.metadata?.namespace;
    try {
      return await this.client.create<ControllerRevision>(Resources.controllerrevisions, history);
    } catch (e) {
      if (!isApiError(e, StatusReason.AlreadyExists)) throw e;
      const existing = await this.client.get<ControllerRevision>(Resources.controllerrevisions, ns, name);
      if (match(ds, existing)) return existing;
      // Bump collisionCount only from the count the hash was computed with, read fresh.
      const currDS = await this.client.get<DaemonSet>(Resources.daemonsets, ns, ds.metadata!.name!);
      const stale = currDS.status?.collisionCount;
      if (stale !== ds.status?.collisionCount) {
        throw new Error(
          `found a stale collision count (${ds.status?.collisionCount ?? 'nil'}, expected ${stale ?? 'nil'}) of DaemonSet "${ds.metadata?.name}" while processing; will retry until it is updated`,
        );
      }
      const status = { ...currDS.status!, collisionCount: (stale ?? 0) + 1 };
      await this.client.updateStatus<DaemonSet>(Resources.daemonsets, { ...currDS, status });
      throw e;
    }
  }

  /**
   * dedupCurHistories is dedupCurHistories: of several revisions matching the template it keeps the
   * highest, relabels pods carrying another one's hash, and deletes the others.
   */
  private async dedupCurHistories(ds: DaemonSet, curHistories: ControllerRevision[]): Promise<ControllerRevision> {
    if (curHistories.length === 1) return curHistories[0];
    let keepCur = curHistories[0];
    for (const cur of curHistories) if ((cur.revision ?? 0) >= (keepCur.revision ?? 0)) keepCur = cur;
    const keepHash = keepCur.metadata?.labels?.[ControllerRevisionHashLabel] ?? '';
    for (const pod of await this.pods.getDaemonPods(ds)) {
      if (pod.metadata?.labels?.[ControllerRevisionHashLabel] === keepHash) continue;
      await this.client.patch(Resources.pods, ds.metadata?.namespace, pod.metadata!.name!, 'merge', {
        metadata: { labels: { [ControllerRevisionHashLabel]: keepHash } },
      });
    }
    for (const cur of curHistories) {
      if (cur.metadata?.name === keepCur.metadata?.name) continue;
      await this.client.delete(Resources.controllerrevisions, cur.metadata?.namespace, cur.metadata!.name!);
    }
    return keepCur;
  }
}
