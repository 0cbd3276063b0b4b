import type { ContainerImage, Node, Pod } from 'kubernetes-types/core/v1';
import type { Selector } from '../../api/labels';
import { shallowMapEqual } from '../framework/events';
import { podWithAffinity, podWithRequiredAntiAffinity } from '../framework/affinityTerm';
import type { MatchingPodCounts, NamespaceLister, Snapshot, VolumeListers, WorkloadListers } from '../framework/interface';
import { NodeInfo, type ImageStateSummary } from '../framework/nodeInfo';
import { NodeTable } from '../framework/nodeTable';
import { newPodInfo, podKey, type PodInfo } from '../framework/podInfo';
import { NodeTree } from './nodeTree';
import { PodCounters } from './podCounters';
import { TopologyIndex } from './topologyIndex';
import { VolumeAssumeCache } from './volumeAssumeCache';

interface PodState {
  pi: PodInfo;
  nodeName: string;
  /** assumed pods were placed by this scheduler and their binding is not confirmed by a watch event yet. */
  assumed: boolean;
  bindingFinished: boolean;
}

/** noListers serves a cache without workload informers (tests, explainScheduling without them). */
export const noListers: WorkloadListers = {
  services: () => [],
  replicationController: () => undefined,
  replicaSet: () => undefined,
  statefulSet: () => undefined,
};

/** noNamespaces serves a cache without a namespace informer: no namespace has labels. */
export const noNamespaces: NamespaceLister = { get: () => undefined, list: () => [] };

/**
 * SchedulerCache is pkg/scheduler/backend/cache: NodeInfos for every node, kept current from
 * watch events and from assume/forget, so that a pod placed a moment ago counts before its
 * binding comes back through the watch. It also serves as the cycle's Snapshot: cycles run
 * synchronously, so no copy is taken.
 */
export class SchedulerCache implements Snapshot {
  private readonly nodes = new Map<string, NodeInfo>();
  private readonly podStates = new Map<string, PodState>();
  private readonly tree = new NodeTree();
  private nodeList: NodeInfo[] = [];
  private nodeSlots = new Int32Array(0);
  private listDirty = false;
  readonly table = new NodeTable();
  private readonly imageStates = new Map<string, ImageStateSummary>();
  private readonly counters: PodCounters;
  /** topology caches one TopologyIndex per label key; cleared when nodes come, go or change labels. */
  private readonly topology = new Map<string, TopologyIndex>();
  /** byIndex maps NodeInfo.index back to the node; freeIndices are reused for new nodes. */
  private readonly byIndex: (NodeInfo | undefined)[] = [];
  private readonly freeIndices: number[] = [];
  /**
   * withAffinity and withRequiredAntiAffinity are the nodes hosting pods with inter-pod affinity
   * (of the required anti-affinity kind): kept on every pod add and remove, so that a cycle in a
   * cluster without such pods finds none without looking at any node.
   */
  private readonly withAffinity = new Set<NodeInfo>();
  private readonly withRequiredAntiAffinity = new Set<NodeInfo>();

  constructor(
    readonly listers: WorkloadListers = noListers,
    readonly volumes: VolumeListers = new VolumeAssumeCache(),
    readonly namespaces: NamespaceLister = noNamespaces,
  ) {
    this.counters = new PodCounters(
      (i) => this.byIndex[i],
      (fn) => {
        for (const s of this.podStates.values()) {
          const ni = this.nodes.get(s.nodeName);
          if (ni) fn(s.pi, ni);
        }
      },
    );
  }

  list(): readonly NodeInfo[] {
    if (this.listDirty) {
      this.nodeList = this.tree.list().map((n) => this.nodes.get(n)!);
      this.nodeSlots = Int32Array.from(this.nodeList, (ni) => ni.index);
      this.listDirty = false;
    }
    return this.nodeList;
  }

  listSlots(): Int32Array {
    this.list();
    return this.nodeSlots;
  }

  nodeAt(slot: number): NodeInfo {
    return this.byIndex[slot]!;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodes.get(name);
  }

  matchingPods(namespace: string | undefined, selector: Selector, countTerminating = false): MatchingPodCounts {
    return this.counters.get(namespace, selector, countTerminating);
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return withNode(this.withAffinity);
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return withNode(this.withRequiredAntiAffinity);
  }

  topologyIndex(key: string): TopologyIndex {
    let t = this.topology.get(key);
    if (!t) this.topology.set(key, (t = new TopologyIndex(key, this.byIndex)));
    return t;
  }

  imageNumNodes(name: string): number {
    return this.imageStates.get(name)?.nodes.size ?? 0;
  }

  get podCount(): number {
    return this.podStates.size;
  }

  addNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    let ni = this.nodes.get(name);
    if (!ni) ni = this.newNodeInfo(name);
    else this.removeNodeImageStates(ni);
    ni.setNode(node);
    this.addNodeImageStates(node, ni);
    this.tree.addNode(node);
    this.listDirty = true;
    this.topology.clear();
  }

  updateNode(oldNode: Node, newNode: Node): void {
    const ni = this.nodes.get(newNode.metadata?.name ?? '');
    if (!ni || !ni.node) return this.addNode(newNode);
    if (imagesKey(oldNode.status?.images) !== imagesKey(newNode.status?.images)) {
      this.removeNodeImageStates(ni);
      this.addNodeImageStates(newNode, ni);
    }
    const labelsChanged = !shallowMapEqual(oldNode.metadata?.labels, newNode.metadata?.labels);
    ni.setNode(newNode);
    if (this.tree.updateNode(newNode)) this.listDirty = true;
    if (labelsChanged) this.topology.clear();
  }

  removeNode(node: Node): void {
    const name = node.metadata?.name ?? '';
    const ni = this.nodes.get(name);
    if (!ni) return;
    this.removeNodeImageStates(ni);
    this.tree.removeNode(name);
    this.listDirty = true;
    // Pods still on the node keep a placeholder until their own delete events arrive.
    if (ni.pods.length > 0) ni.setNode(undefined);
    else this.deleteNodeInfo(ni);
    this.topology.clear();
  }

  /** assumePod places a pod on a node before its binding is confirmed (Cache.AssumePod). */
  assumePod(pi: PodInfo, nodeName: string): void {
    if (this.podStates.has(pi.key)) throw new Error(`pod ${pi.key} is in the cache, so can't be assumed`);
    this.podStates.set(pi.key, { pi, nodeName, assumed: true, bindingFinished: false });
    this.addToNode(pi, nodeName);
  }

  finishBinding(key: string): void {
    const s = this.podStates.get(key);
    if (s?.assumed) s.bindingFinished = true;
  }

  /** forgetPod undoes assumePod after a failed binding. */
  forgetPod(key: string): void {
    const s = this.podStates.get(key);
    if (!s || !s.assumed) return;
    this.removeFromNode(s.pi, s.nodeName);
    this.podStates.delete(key);
  }

  isAssumedPod(key: string): boolean {
    return this.podStates.get(key)?.assumed ?? false;
  }

  /** podNode returns the node a cached pod is on. */
  podNode(key: string): string | undefined {
    return this.podStates.get(key)?.nodeName;
  }

  /** addPod records an assigned pod seen through the watch, confirming it if it was assumed. */
  addPod(pod: Pod): void {
    const key = podKey(pod);
    const s = this.podStates.get(key);
    if (s) {
      // Confirms an assumed pod (or repeats a known one): replace it with what the API server holds.
      this.replacePod(s, pod);
      s.assumed = false;
      return;
    }
    const pi = newPodInfo(pod);
    const nodeName = pod.spec?.nodeName ?? '';
    this.podStates.set(key, { pi, nodeName, assumed: false, bindingFinished: false });
    this.addToNode(pi, nodeName);
  }

  updatePod(pod: Pod): void {
    const s = this.podStates.get(podKey(pod));
    if (!s) return this.addPod(pod);
    this.replacePod(s, pod);
    s.assumed = false;
  }

  removePod(pod: Pod): void {
    const key = podKey(pod);
    const s = this.podStates.get(key);
    if (!s) return;
    this.removeFromNode(s.pi, s.nodeName);
    this.podStates.delete(key);
  }

  private replacePod(s: PodState, pod: Pod): void {
    const old = s.pi;
    const nodeName = pod.spec?.nodeName || s.nodeName;
    // Requests and ports cannot change on a bound pod; labels and deletion can, so counters re-match.
    const pi = old.pod.metadata?.uid === pod.metadata?.uid ? { ...old, pod, terminating: !!pod.metadata?.deletionTimestamp } : newPodInfo(pod);
    // The common update (a binding confirmed, a status change) leaves everything counted as it was.
    const counted =
      pi.requests === old.requests && nodeName === s.nodeName && pi.terminating === old.terminating && shallowMapEqual(old.pod.metadata?.labels, pod.metadata?.labels);
    if (!counted || !this.nodes.get(nodeName)?.replacePod(pi)) {
      this.removeFromNode(old, s.nodeName);
      this.addToNode(pi, nodeName);
    }
    s.pi = pi;
    s.nodeName = nodeName;
  }

  private addToNode(pi: PodInfo, nodeName: string): void {
    const ni = this.nodes.get(nodeName) ?? this.newNodeInfo(nodeName);
    ni.addPod(pi);
    this.counters.podAdded(pi, ni);
    if (podWithAffinity(pi.pod)) {
      this.withAffinity.add(ni);
      if (podWithRequiredAntiAffinity(pi.pod)) this.withRequiredAntiAffinity.add(ni);
    }
  }

  private removeFromNode(pi: PodInfo, nodeName: string): void {
    const ni = this.nodes.get(nodeName);
    if (!ni || !ni.removePod(pi.key)) return;
    this.counters.podRemoved(pi, ni);
    if (ni.podsWithAffinity.length === 0) this.withAffinity.delete(ni);
    if (ni.podsWithRequiredAntiAffinity.length === 0) this.withRequiredAntiAffinity.delete(ni);
    if (!ni.node && ni.pods.length === 0) this.deleteNodeInfo(ni);
  }

  private newNodeInfo(name: string): NodeInfo {
    const ni = new NodeInfo(name, this.freeIndices.pop() ?? this.byIndex.length, this.table);
    this.byIndex[ni.index] = ni;
    this.nodes.set(name, ni);
    return ni;
  }

  private deleteNodeInfo(ni: NodeInfo): void {
    this.nodes.delete(ni.name);
    this.byIndex[ni.index] = undefined;
    this.freeIndices.push(ni.index);
  }

  private addNodeImageStates(node: Node, ni: NodeInfo): void {
    const states = new Map<string, ImageStateSummary>();
    for (const image of node.status?.images ?? []) {
      for (const name of image.names ?? []) {
        let st = this.imageStates.get(name);
        if (!st) this.imageStates.set(name, (st = { size: image.sizeBytes ?? 0, nodes: new Set() }));
        st.nodes.add(ni.name);
        states.set(name, st);
      }
    }
    ni.imageStates = states;
  }

  private removeNodeImageStates(ni: NodeInfo): void {
    for (const [name, st] of ni.imageStates) {
      st.nodes.delete(ni.name);
      if (st.nodes.size === 0) this.imageStates.delete(name);
    }
    ni.imageStates = new Map();
  }
}

const noNodes: readonly NodeInfo[] = Object.freeze([]);

/** withNode lists the nodes of a set that have a Node object, as the snapshot's lists hold only those. */
function withNode(nodes: ReadonlySet<NodeInfo>): readonly NodeInfo[] {
  if (nodes.size === 0) return noNodes;
  const out: NodeInfo[] = [];
  for (const ni of nodes) if (ni.node) out.push(ni);
  return out;
}

function imagesKey(images: ContainerImage[] | undefined): string {
  if (!images) return '';
  let k = '';
  for (const i of images) k += `${i.names?.join(',')}:${i.sizeBytes};`;
  return k;
}
