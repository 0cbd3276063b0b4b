import type { DaemonSet } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import { selectorFromLabelSelector } from '../../api/labels';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import type { Informer } from '../../client/informer';
import { ControllerRefManager, ensureControllerUIDIndex, ownedOrOrphaned, recheckDeletionTimestamp } from '../util/controllerRef';
import { DaemonSetKind, getTargetNodeName } from './daemonPodTemplate';

// getDaemonPods and getNodesToDaemonPods of pkg/controller/daemon/daemon_controller.go (v1.32).

/** DaemonPods finds a DaemonSet's pods in the pod informer, adopting and releasing as it goes. */
export class DaemonPods {
  constructor(
    private readonly client: ApiClient,
    private readonly informer: Informer<Pod>,
  ) {
    ensureControllerUIDIndex(informer);
  }

  /** getDaemonPods returns the pods the DaemonSet owns after adopting matching orphans and releasing non-matching pods. */
  getDaemonPods(ds: DaemonSet): Promise<Pod[]> {
    const selector = selectorFromLabelSelector(ds.spec?.selector);
    const m = new ControllerRefManager<Pod>(this.client, Resources.pods, ds, selector, DaemonSetKind, this.canAdopt(ds));
    return m.claim(ownedOrOrphaned(this.informer.lister, ds));
  }

  /**
   * getNodesToDaemonPods groups the DaemonSet's pods by the node they are bound or pinned to. Terminal
   * pods already being deleted are left out unless includeDeletedTerminal (history keeps their hashes).
   */
  async getNodesToDaemonPods(ds: DaemonSet, includeDeletedTerminal: boolean): Promise<Map<string, Pod[]>> {
    let claimed: Pod[];
    try {
      claimed = await this.getDaemonPods(ds);
    } catch (e) {
      throw new Error(`couldn't get node to daemon pod mapping for daemon set "${ds.metadata?.name}": ${(e as Error).message}`);
    }
    const out = new Map<string, Pod[]>();
    for (const pod of claimed) {
      const phase = pod.status?.phase;
      if (!includeDeletedTerminal && (phase === 'Failed' || phase === 'Succeeded') && pod.metadata?.deletionTimestamp) continue;
      const nodeName = getTargetNodeName(pod);
      if (nodeName === undefined) continue;
      const pods = out.get(nodeName);
      if (pods) pods.push(pod);
      else out.set(nodeName, [pod]);
    }
    return out;
  }

  /** canAdopt rechecks, with a live read, that the DaemonSet is the same one and not being deleted. */
  canAdopt(ds: DaemonSet): () => Promise<void> {
    return recheckDeletionTimestamp(async () => {
      const fresh = await this.client.get<DaemonSet>(Resources.daemonsets, ds.metadata?.namespace, ds.metadata!.name!);
      if (fresh.metadata?.uid !== ds.metadata?.uid) {
        throw new Error(`original DaemonSet ${ds.metadata?.namespace}/${ds.metadata?.name} is gone: got uid ${fresh.metadata?.uid}, wanted ${ds.metadata?.uid}`);
      }
      return fresh;
    });
  }
}
