import type { Pod } from 'kubernetes-types/core/v1';
import type { ObjectMap } from '../state/clusterStore';
import { isMirrorPod, NoRequests, requestsOf, type Requests } from './viewModel';

/** Unscheduled is the placement of pods without spec.nodeName: the canvas's Unscheduled lane. */
export const Unscheduled = '';

/** NodePods is what one node draws: its static pods as components, its other pods as chips. */
export interface NodePods {
  components: readonly Pod[];
  pods: readonly Pod[];
  /** requests sums every pod bound to the node, whatever the namespace filter shows. */
  requests: Requests;
}

/** EmptyNodePods is the shared value of a node without pods (a stable reference for selectors). */
export const EmptyNodePods: NodePods = Object.freeze({ components: Object.freeze([]), pods: Object.freeze([]), requests: NoRequests });

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// Pods of one rollout share their creation second: ties are the rule, so they compare without
// building "namespace/name" strings.
function byCreation(a: Pod, b: Pod): number {
  const ma = a.metadata;
  const mb = b.metadata;
  return (
    compare(ma?.creationTimestamp ?? '', mb?.creationTimestamp ?? '') ||
    compare(ma?.namespace ?? '', mb?.namespace ?? '') ||
    compare(ma?.name ?? '', mb?.name ?? '')
  );
}

/**
 * NodeIndex is one placement's pods with what podsOf derives from them kept up to date per change:
 * the running sum of requests (each pod's share remembered, so an update does not parse quantities
 * again) and the creation order. Pods that join are sorted among themselves and merged into the
 * order; the Unscheduled lane of a 1,000-pod rollout changes every frame, and sorting it whole
 * each time cost more than the rest of the frame's batch.
 */
interface NodeIndex {
  pods: Map<string, Pod>;
  shares: Map<string, Requests>;
  requests: { milliCPU: number; memory: number; pods: number };
  /** order is the creation order as podsOf last listed it; it may still hold pods that left or joined again. */
  order: string[];
  /** joined are the pods not yet in order, or to be placed again (recreated under the same name). */
  joined: Set<string>;
  /** left says some pods in order are gone. */
  left: boolean;
}

function newNodeIndex(): NodeIndex {
  return { pods: new Map(), shares: new Map(), requests: { milliCPU: 0, memory: 0, pods: 0 }, order: [], joined: new Set(), left: false };
}

/** reorder brings index.order up to date: the pods still there in their order, the joined ones merged in. */
function reorder(index: NodeIndex): string[] {
  const { pods, joined } = index;
  if (joined.size === 0 && !index.left) return index.order;
  const kept = index.order.filter((key) => pods.has(key) && !joined.has(key));
  const added = [...joined].filter((key) => pods.has(key)).sort((a, b) => byCreation(pods.get(a)!, pods.get(b)!));
  const order: string[] = new Array(kept.length + added.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < added.length) order[k++] = byCreation(pods.get(kept[i])!, pods.get(added[j])!) <= 0 ? kept[i++] : added[j++];
  while (i < kept.length) order[k++] = kept[i++];
  while (j < added.length) order[k++] = added[j++];
  joined.clear();
  index.left = false;
  return (index.order = order);
}

/** count adds (sign 1) or takes away (sign -1) one pod's share of a node's requests. */
function count(index: NodeIndex, share: Requests | undefined, sign: 1 | -1): void {
  if (!share) return;
  index.requests.milliCPU += sign * share.milliCPU;
  index.requests.memory += sign * share.memory;
  index.requests.pods += sign;
}

/**
 * PodPlacement indexes pods by the node they are bound to and keeps the index in step with the
 * watch-fed cache incrementally: each change touches the pod's old and new node only, so a frame
 * with a few pod updates in a 100k-pod cluster rebuilds a few node lists, not all of them.
 * Pods are listed in creation order, so a chip keeps its place while newer pods come and go.
 */
export class PodPlacement {
  private readonly nodeOf = new Map<string, string>();
  private readonly byNode = new Map<string, NodeIndex>();
  private namespace: string | undefined;
  private lists = new Map<string, NodePods>();

  /**
   * update applies the difference between two versions of the pod map, looking only at keys when
   * the caller knows which changed; it returns the placements that changed.
   */
  update(prev: ObjectMap<Pod>, next: ObjectMap<Pod>, keys?: Iterable<string>): Set<string> {
    const dirty = new Set<string>();
    if (prev === next) return dirty;
    if (keys) {
      for (const key of keys) {
        const pod = next[key];
        if (pod === undefined) this.remove(key, dirty);
        else if (prev[key] !== pod) this.put(key, pod, dirty);
      }
    } else {
      for (const key in next) {
        const pod = next[key];
        if (prev[key] !== pod) this.put(key, pod, dirty);
      }
      for (const key in prev) if (!(key in next)) this.remove(key, dirty);
    }
    for (const node of dirty) this.lists.delete(node);
    return dirty;
  }

  /** setNamespace filters the non-static pods to one namespace (undefined: all); every list changes. */
  setNamespace(namespace: string | undefined): void {
    if (namespace === this.namespace) return;
    this.namespace = namespace;
    this.lists.clear();
  }

  /** placements lists every node name that has pods, plus Unscheduled when pods wait. */
  placements(): IterableIterator<string> {
    return this.byNode.keys();
  }

  /**
   * podsOf lists a placement's pods, cached until they change. Static pods are a node's own
   * components and show whatever the namespace filter, like the node itself.
   */
  podsOf(node: string): NodePods {
    let list = this.lists.get(node);
    if (list) return list;
    const index = this.byNode.get(node);
    if (!index?.pods.size) return EmptyNodePods;
    const { pods } = index;
    const components: Pod[] = [];
    const others: Pod[] = [];
    for (const key of reorder(index)) {
      const p = pods.get(key)!;
      if (isMirrorPod(p)) components.push(p);
      else if (this.namespace === undefined || p.metadata?.namespace === this.namespace) others.push(p);
    }
    list = { components, pods: others, requests: { ...index.requests } };
    this.lists.set(node, list);
    return list;
  }

  private put(key: string, pod: Pod, dirty: Set<string>): void {
    const node = pod.spec?.nodeName ?? Unscheduled;
    const old = this.nodeOf.get(key);
    if (old !== undefined && old !== node) this.remove(key, dirty);
    this.nodeOf.set(key, node);
    let index = this.byNode.get(node);
    if (!index) this.byNode.set(node, (index = newNodeIndex()));
    // A pod recreated under the same name (a StatefulSet's) is another pod, with a place and
    // requests of its own.
    const samePod = index.pods.get(key)?.metadata?.uid === pod.metadata?.uid;
    if (!samePod) index.joined.add(key);
    index.pods.set(key, pod);
    // A pod's requests do not change (resizing in place is off by default in v1.32); its share
    // goes when it terminates.
    const share = index.shares.get(key);
    const nextShare = requestsOf(pod, samePod ? share : undefined);
    if (nextShare !== share) {
      count(index, share, -1);
      count(index, nextShare, 1);
      if (nextShare) index.shares.set(key, nextShare);
      else index.shares.delete(key);
    }
    dirty.add(node);
  }

  private remove(key: string, dirty: Set<string>): void {
    const node = this.nodeOf.get(key);
    if (node === undefined) return;
    this.nodeOf.delete(key);
    const index = this.byNode.get(node);
    if (index) {
      index.pods.delete(key);
      index.joined.delete(key);
      index.left = true;
      count(index, index.shares.get(key), -1);
      index.shares.delete(key);
      if (index.pods.size === 0) this.byNode.delete(node);
    }
    dirty.add(node);
  }
}
