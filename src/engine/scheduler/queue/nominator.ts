import type { Pod } from 'kubernetes-types/core/v1';
import type { NominatedPodsLister } from '../framework/runtime';
import type { PodInfo } from '../framework/podInfo';

const none: PodInfo[] = [];

/**
 * Nominator remembers which pods preemption nominated to which node (the queue's nominator), so
 * other pods do not take the room being freed for them.
 */
export class Nominator implements NominatedPodsLister {
  private readonly byNode = new Map<string, PodInfo[]>();
  private readonly nodeOf = new Map<string, string>();

  /** addNominatedPod records pi on nodeName, or on the pod's status.nominatedNodeName when omitted. */
  addNominatedPod(pi: PodInfo, nodeName?: string): void {
    this.deleteNominatedPodIfExists(pi.key);
    const node = nodeName ?? pi.pod.status?.nominatedNodeName ?? '';
    if (!node) return;
    this.nodeOf.set(pi.key, node);
    const list = this.byNode.get(node);
    if (list) list.push(pi);
    else this.byNode.set(node, [pi]);
  }

  deleteNominatedPodIfExists(key: string): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const list = this.byNode.get(node)!.filter((p) => p.key !== key);
    if (list.length > 0) this.byNode.set(node, list);
    else this.byNode.delete(node);
  }

  /**
   * updateNominatedPod swaps in the new pod object. An update that neither had nor has a
   * nominatedNodeName keeps the in-memory nomination: it may predate the status patch.
   */
  updateNominatedPod(oldPod: Pod | undefined, pi: PodInfo): void {
    let node: string | undefined;
    if (!oldPod?.status?.nominatedNodeName && !pi.pod.status?.nominatedNodeName) node = this.nodeOf.get(pi.key);
    this.deleteNominatedPodIfExists(pi.key);
    this.addNominatedPod(pi, node);
  }

  /** size is the number of nominated pods; the filter loop skips nominator lookups when it is 0. */
  get size(): number {
    return this.nodeOf.size;
  }

  nominatedNodeOf(key: string): string | undefined {
    return this.nodeOf.get(key);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.byNode.get(nodeName) ?? none;
  }
}
