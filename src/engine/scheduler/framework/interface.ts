import type { Namespace, PersistentVolume, PersistentVolumeClaim, Pod, ReplicationController, Service } from 'kubernetes-types/core/v1';
import type { ReplicaSet, StatefulSet } from 'kubernetes-types/apps/v1';
import type { StorageClass } from 'kubernetes-types/storage/v1';
import type { ApiClient } from '../../client/apiClient';
import type { Lister } from '../../client/lister';
import type { Sim } from '../../sim/sim';
import type { Selector } from '../../api/labels';
import type { Rng } from '../../sim/rng';
import type { TopologyIndex } from '../cache/topologyIndex';
import type { CycleState } from './cycleState';
import type { ClusterEventWithHint } from './events';
import type { NodeToStatus } from './fitError';
import type { NodeInfo } from './nodeInfo';
import type { NodeTable } from './nodeTable';
import type { PodInfo } from './podInfo';
import type { Status } from './status';

// The plugin interfaces of pkg/scheduler/framework/interface.go (v1.32), reduced to what this
// scheduler runs. Plugins are plain objects declared `satisfies FilterPlugin & ScorePlugin`.

/** MaxNodeScore is framework.MaxNodeScore: scores are normalized into [0, 100]. */
export const MaxNodeScore = 100;

/** Plugin is anything with an upstream plugin name. */
export interface Plugin {
  readonly name: string;
}

/** PreFilterResult narrows the nodes a cycle looks at (framework.PreFilterResult); null means all. */
export interface PreFilterResult {
  nodeNames: Set<string>;
}

/** PreFilterPlugin runs once per cycle; Skip turns its Filter off for this pod. */
export interface PreFilterPlugin extends Plugin {
  preFilter(state: CycleState, pod: Pod): PreFilterResult | Status | null;
}

/**
 * PreFilterExtensions is framework.PreFilterExtensions: a PreFilter plugin whose state counts the
 * pods on the nodes updates it when a what-if run adds a pod to a node (a nominated pod) or
 * removes one (a preemption victim), so that its Filter sees the node as changed.
 */
export interface PreFilterExtensions extends Plugin {
  addPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, node: NodeInfo): void;
  removePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, node: NodeInfo): void;
}

/** FilterPlugin answers for one node: null when the pod fits, else a rejecting Status. */
export interface FilterPlugin extends Plugin {
  filter(state: CycleState, pod: Pod, node: NodeInfo): Status | null;
  /**
   * filterNodes, when present, sets out[i] to filter of the node in slot slots[i] of the snapshot
   * (state.snapshot.nodeAt, state.snapshot.table) for every i < count, and returns how many it
   * rejected. As with scoreNodes, one loop inside the plugin over the table's arrays is several
   * times cheaper than a call per node; it must agree with filter exactly, with null for a pass.
   */
  filterNodes?(state: CycleState, pod: Pod, slots: Int32Array, count: number, out: (Status | null)[]): number;
}

/**
 * PostFilterResult carries the node preemption nominated ('' clears a nomination). Plugins stay
 * free of I/O: the victims to evict and the nominations to clear come back here, and the
 * Scheduler makes the API calls (upstream's prepareCandidate).
 */
export interface PostFilterResult {
  nominatedNodeName: string;
  victims?: readonly Pod[];
  clearNominations?: readonly Pod[];
}

/** Handle is what the framework lends plugins that need to run other plugins (framework.Handle). */
export interface Handle {
  /** rng is the profile's random source (preemption's search offset). */
  readonly rng: Rng;
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, node: NodeInfo): Status | null;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, node: NodeInfo): void;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, node: NodeInfo): void;
}

/** PostFilterPlugin runs when no node fits (DefaultPreemption). */
export interface PostFilterPlugin extends Plugin {
  postFilter(state: CycleState, pod: Pod, statuses: NodeToStatus, handle: Handle): { result: PostFilterResult | null; status: Status | null };
}

/** PreScorePlugin runs once per cycle over the feasible nodes (slots[i] is nodes[i].index); Skip turns its Score off. */
export interface PreScorePlugin extends Plugin {
  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array): Status | null;
}

/** ReservePlugin claims resources for the chosen node in the scheduling cycle; unreserve undoes it when a later step fails. */
export interface ReservePlugin extends Plugin {
  reserve(state: CycleState, pod: Pod, nodeName: string): Status | null;
  unreserve(state: CycleState, pod: Pod, nodeName: string): void;
}

/** BindingHandle is what PreBind plugins may use in the binding cycle: the scheduler's API client, its clock and timers, its pods. */
export interface BindingHandle {
  readonly client: ApiClient;
  readonly sim: Sim;
  readonly podLister: Lister<Pod>;
}

/** PreBindPlugin runs in the asynchronous binding cycle before the pod is bound; a non-null status aborts the binding. */
export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: Pod, nodeName: string, handle: BindingHandle): Promise<Status | null>;
}

/** NodeScoreList holds one score per feasible node, in the order of the nodes. */
export type NodeScoreList = number[] | Float64Array;

/** ScorePlugin scores one feasible node; normalizeScore, if any, rescales all scores into [0, 100]. */
export interface ScorePlugin extends Plugin {
  score(state: CycleState, pod: Pod, node: NodeInfo): number;
  /**
   * scoreNodes, when present, fills out[i] with score(nodes[i]) for all nodes at once; slots[i]
   * is nodes[i].index, its row in state.snapshot.table. The framework prefers it: one loop inside
   * the plugin is several times cheaper than a call per node from a call site shared by every
   * plugin. It must agree with score exactly.
   */
  scoreNodes?(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array, out: Float64Array): void;
  normalizeScore?(state: CycleState, pod: Pod, scores: NodeScoreList, nodes: readonly NodeInfo[]): void;
}

/** EnqueueExtensions lists the cluster events that may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** AnyPlugin is a plugin implementing any subset of the extension points. */
export type AnyPlugin = Plugin &
  Partial<
    Pick<PreFilterPlugin, 'preFilter'> &
      Pick<PreFilterExtensions, 'addPod' | 'removePod'> &
      Pick<FilterPlugin, 'filter' | 'filterNodes'> &
      Pick<PostFilterPlugin, 'postFilter'> &
      Pick<PreScorePlugin, 'preScore'> &
      Pick<ScorePlugin, 'score' | 'scoreNodes' | 'normalizeScore'> &
      Pick<ReservePlugin, 'reserve' | 'unreserve'> &
      Pick<PreBindPlugin, 'preBind'> &
      Pick<EnqueueExtensions, 'eventsToRegister'>
  >;

/** MatchingPodCounts counts the pods of one namespace (or all) that match one selector, terminating ones left out unless asked for. */
export interface MatchingPodCounts {
  /** onNode is the count on the node with this index (slot). */
  onNode(index: number): number;
  /** countsByTopology sums the counts per value id of a topology index, over all nodes. */
  countsByTopology(index: TopologyIndex): ArrayLike<number>;
  /** forEachNode visits the nodes (with a Node object) that have a non-zero count. */
  forEachNode(fn: (node: NodeInfo, count: number) => void): void;
}

/** WorkloadListers give the objects helper.DefaultSelector looks at. */
export interface WorkloadListers {
  services(namespace: string): readonly Service[];
  replicationController(namespace: string, name: string): ReplicationController | undefined;
  replicaSet(namespace: string, name: string): ReplicaSet | undefined;
  statefulSet(namespace: string, name: string): StatefulSet | undefined;
}

/** NamespaceLister gives the Namespaces InterPodAffinity resolves namespaceSelectors against. */
export interface NamespaceLister {
  get(name: string): Namespace | undefined;
  list(): readonly Namespace[];
}

/**
 * VolumeListers give the storage objects VolumeBinding reads. Claims and volumes come through the
 * binder's assume cache (assume_cache.go): an object assumed in Reserve is what later cycles see
 * until the informer delivers a newer version; the api* getters skip it, as GetAPIPVC does.
 */
export interface VolumeListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
  apiClaim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  apiVolume(name: string): PersistentVolume | undefined;
  assumeClaim(claim: PersistentVolumeClaim): void;
  assumeVolume(volume: PersistentVolume): void;
  restoreClaim(namespace: string, name: string): void;
  restoreVolume(name: string): void;
}

/**
 * Snapshot is what a cycle reads (framework.SharedLister): the nodes in node-tree order and the
 * indexes kept by the cache. One cycle runs synchronously, so it reads the cache directly.
 */
export interface Snapshot {
  /** list returns the nodes that have a Node object, zones interleaved as the node tree lists them. */
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  /** listSlots returns the slots (NodeInfo.index) of list(), in its order. */
  listSlots(): Int32Array;
  /** nodeAt returns the node in a slot. */
  nodeAt(slot: number): NodeInfo;
  /** table holds the nodes' numeric fields by slot, for the plugins' batch loops. */
  readonly table: NodeTable;
  /** matchingPods counts the pods of a namespace (undefined: every namespace) that selector selects; terminating ones only if countTerminating. */
  matchingPods(namespace: string | undefined, selector: Selector, countTerminating?: boolean): MatchingPodCounts;
  /** havePodsWithAffinityList and havePodsWithRequiredAntiAffinityList are the nodes hosting such pods (upstream's snapshot lists). */
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
  /** topologyIndex numbers the values of a node label; it stays valid until nodes or labels change. */
  topologyIndex(key: string): TopologyIndex;
  /** imageNumNodes is how many nodes report an image by this name. */
  imageNumNodes(name: string): number;
  readonly listers: WorkloadListers;
  readonly volumes: VolumeListers;
  readonly namespaces: NamespaceLister;
}
