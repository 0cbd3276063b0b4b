import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../../sim/rng';
import type { CycleState } from './cycleState';
import type { ClusterEventWithHint } from './events';
import type { NodeToStatus } from './fitError';
import {
  MaxNodeScore,
  type AnyPlugin,
  type BindingHandle,
  type FilterPlugin,
  type Handle,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreBindPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ReservePlugin,
  type ScorePlugin,
} from './interface';
import type { NodeInfo } from './nodeInfo';
import type { PodInfo } from './podInfo';
import { asStatus, Code, Status } from './status';

// The plugin runner of pkg/scheduler/framework/runtime/framework.go (v1.32).

/** WeightedScorePlugin is a score plugin with its profile weight. */
export interface WeightedScorePlugin {
  plugin: ScorePlugin;
  weight: number;
}

/** PreFilterOutcome is RunPreFilterPlugins' (result, status, plugins that narrowed the nodes). */
export interface PreFilterOutcome {
  result: PreFilterResult | null;
  status: Status | null;
  pluginsWithNodes: Set<string>;
}

/** NodePluginScores is framework.NodePluginScores for one node: each plugin's weighted score and the total. */
export interface NodePluginScores {
  name: string;
  scores: { name: string; score: number }[];
  totalScore: number;
}

/** NominatedPodsLister gives the pods nominated to a node by preemption (the queue's nominator). */
export interface NominatedPodsLister {
  readonly size: number;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

const noPods: PodInfo[] = [];

/**
 * Framework is one scheduling profile: the enabled plugins sorted into their extension points in
 * profile order, with score weights. It keeps no per-pod state; that lives in CycleState.
 */
export class Framework implements Handle {
  /** nominator is the queue's record of preemption nominations; none in what-if runs. */
  nominator: NominatedPodsLister | undefined;

  readonly preFilterPlugins: PreFilterPlugin[] = [];
  /** preFilterExtensions are the PreFilter plugins that update their state when a what-if run adds or removes a pod. */
  readonly preFilterExtensions: PreFilterExtensions[] = [];
  readonly filterPlugins: FilterPlugin[] = [];
  readonly postFilterPlugins: PostFilterPlugin[] = [];
  readonly preScorePlugins: PreScorePlugin[] = [];
  readonly scorePlugins: WeightedScorePlugin[] = [];
  readonly reservePlugins: ReservePlugin[] = [];
  readonly preBindPlugins: PreBindPlugin[] = [];
  /** enqueueExtensions maps a plugin name to the events that may undo its rejection. */
  readonly enqueueExtensions = new Map<string, ClusterEventWithHint[]>();
  private readonly scratch: Float64Array[] = [];

  constructor(
    plugins: readonly AnyPlugin[],
    weights: Readonly<Record<string, number>>,
    readonly rng: Rng,
    readonly profileName = 'default-scheduler',
  ) {
    for (const p of plugins) {
      if (p.preFilter) this.preFilterPlugins.push(p as PreFilterPlugin);
      if (p.addPod && p.removePod) this.preFilterExtensions.push(p as PreFilterExtensions);
      if (p.filter) this.filterPlugins.push(p as FilterPlugin);
      if (p.postFilter) this.postFilterPlugins.push(p as PostFilterPlugin);
      if (p.preScore) this.preScorePlugins.push(p as PreScorePlugin);
      if (p.score) this.scorePlugins.push({ plugin: p as ScorePlugin, weight: weights[p.name] ?? 1 });
      if (p.reserve) this.reservePlugins.push(p as ReservePlugin);
      if (p.preBind) this.preBindPlugins.push(p as PreBindPlugin);
      if (p.eventsToRegister) this.enqueueExtensions.set(p.name, p.eventsToRegister());
    }
  }

  /**
   * runPreFilterPlugins runs every PreFilter, records Skips in the state, and intersects the node
   * sets they return. An Unschedulable status lets the rest run (preemption still needs them).
   */
  runPreFilterPlugins(state: CycleState, pod: Pod): PreFilterOutcome {
    let result: PreFilterResult | null = null;
    let returnStatus: Status | null = null;
    const pluginsWithNodes = new Set<string>();
    for (const pl of this.preFilterPlugins) {
      const r = pl.preFilter(state, pod);
      if (r instanceof Status) {
        if (r.isSkip()) {
          state.skipFilterPlugins.add(pl.name);
          continue;
        }
        r.plugin = pl.name;
        if (r.code === Code.UnschedulableAndUnresolvable) return { result: null, status: r, pluginsWithNodes: new Set() };
        if (r.code === Code.Unschedulable) {
          returnStatus = r;
          continue;
        }
        return { result: null, status: asStatus(`running PreFilter plugin "${pl.name}": ${r.message()}`).withPlugin(pl.name), pluginsWithNodes: new Set() };
      }
      if (r === null) continue;
      pluginsWithNodes.add(pl.name);
      result = result === null ? { nodeNames: new Set(r.nodeNames) } : { nodeNames: intersect(result.nodeNames, r.nodeNames) };
      if (result.nodeNames.size === 0) {
        const names = [...pluginsWithNodes].sort();
        const msg =
          names.length === 1
            ? `node(s) didn't satisfy plugin ${names[0]}`
            : `node(s) didn't satisfy plugin(s) [${names.join(' ')}] simultaneously`;
        return { result, status: new Status(Code.UnschedulableAndUnresolvable, msg), pluginsWithNodes };
      }
    }
    return { result, status: returnStatus, pluginsWithNodes };
  }

  /** activeFilters lists the Filter plugins not skipped in this cycle. */
  activeFilters(state: CycleState): FilterPlugin[] {
    if (state.skipFilterPlugins.size === 0) return this.filterPlugins;
    return this.filterPlugins.filter((p) => !state.skipFilterPlugins.has(p.name));
  }

  /** runFilterPlugins returns the first rejection (with its plugin name) or null when the node fits. */
  runFilterPlugins(state: CycleState, pod: Pod, node: NodeInfo, filters: readonly FilterPlugin[]): Status | null {
    for (let i = 0; i < filters.length; i++) {
      const pl = filters[i];
      const s = pl.filter(state, pod, node);
      if (s === null || s.code === Code.Success) continue;
      if (!s.isRejected()) return asStatus(`running "${pl.name}" filter plugin: ${s.message()}`).withPlugin(pl.name);
      s.plugin = pl.name;
      return s;
    }
    return null;
  }

  /**
   * runFilterPluginOnNodes runs one Filter plugin over the nodes in slots[0..count), in one call
   * when the plugin can, setting out[i] to the node's rejection or null; it returns how many it
   * rejected.
   */
  runFilterPluginOnNodes(pl: FilterPlugin, state: CycleState, pod: Pod, slots: Int32Array, count: number, out: (Status | null)[]): number {
    if (pl.filterNodes) return pl.filterNodes(state, pod, slots, count, out);
    let rejected = 0;
    for (let i = 0; i < count; i++) {
      const s = pl.filter(state, pod, state.snapshot.nodeAt(slots[i]));
      out[i] = s === null || s.code === Code.Success ? null : s;
      if (out[i] !== null) rejected++;
    }
    return rejected;
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominator?.nominatedPodsForNode(nodeName) ?? noPods;
  }

  /**
   * runFilterPluginsWithNominatedPods is the framework method of that name: when pods of equal or
   * higher priority are nominated to the node, the pod must fit both with and without them. The
   * nominees are added to a copy of the node and of the state (addGeneralNominatedPods).
   */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: Pod, ni: NodeInfo, filters = this.activeFilters(state)): Status | null {
    const nominated = this.nominator && this.nominator.size > 0 ? this.nominator.nominatedPodsForNode(ni.name) : noPods;
    if (nominated.length > 0) {
      let withNominated: NodeInfo | undefined;
      let stateOut = state;
      for (const np of nominated) {
        if (np.priority < state.podInfo.priority || np.key === state.podInfo.key) continue;
        if (!withNominated) {
          withNominated = ni.clone();
          if (this.preFilterExtensions.length > 0) stateOut = state.clone();
        }
        withNominated.addPod(np);
        this.runPreFilterExtensionAddPod(stateOut, pod, np, withNominated);
      }
      if (withNominated) {
        const s = this.runFilterPlugins(stateOut, pod, withNominated, filters);
        if (s !== null) return s;
      }
    }
    return this.runFilterPlugins(state, pod, ni, filters);
  }

  /** runPreFilterExtensionAddPod tells the PreFilter plugins not skipped this cycle that a pod was added to node. */
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: Pod, podInfoToAdd: PodInfo, node: NodeInfo): void {
    for (const pl of this.preFilterExtensions) {
      if (!state.skipFilterPlugins.has(pl.name)) pl.addPod(state, podToSchedule, podInfoToAdd, node);
    }
  }

  /** runPreFilterExtensionRemovePod tells the PreFilter plugins not skipped this cycle that a pod was removed from node. */
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: Pod, podInfoToRemove: PodInfo, node: NodeInfo): void {
    for (const pl of this.preFilterExtensions) {
      if (!state.skipFilterPlugins.has(pl.name)) pl.removePod(state, podToSchedule, podInfoToRemove, node);
    }
  }

  /** runPostFilterPlugins runs PostFilter plugins until one succeeds or errs (preemption). */
  runPostFilterPlugins(state: CycleState, pod: Pod, statuses: NodeToStatus): { result: PostFilterResult | null; status: Status } {
    let result: PostFilterResult | null = null;
    let last: Status = new Status(Code.Unschedulable);
    for (const pl of this.postFilterPlugins) {
      const out = pl.postFilter(state, pod, statuses, this);
      const s = out.status ?? new Status(Code.Success);
      s.plugin = pl.name;
      if (s.isSuccess() || s.code === Code.Error) return { result: out.result, status: s };
      if (out.result) result = out.result;
      last = s;
    }
    return { result, status: last };
  }

  /** runPreScorePlugins runs PreScore; Skip turns the plugin's Score off for this cycle. */
  runPreScorePlugins(state: CycleState, pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array = Int32Array.from(nodes, (ni) => ni.index)): Status | null {
    for (const pl of this.preScorePlugins) {
      const s = pl.preScore(state, pod, nodes, slots);
      if (s === null || s.isSuccess()) continue;
      if (s.isSkip()) {
        state.skipScorePlugins.add(pl.name);
        continue;
      }
      return asStatus(`running PreScore plugin "${pl.name}": ${s.message()}`);
    }
    return null;
  }

  /**
   * runScorePlugins scores every node with every active plugin, normalizes, checks the range and
   * applies weights. It returns the weighted totals, one per node, and each plugin's weighted
   * scores. The arrays are reused by the next call: callers copy what they keep. The nodes are the
   * snapshot's own (batch plugins read its table by index); slots, when the caller has them, are
   * their indexes.
   */
  runScorePlugins(
    state: CycleState,
    pod: Pod,
    nodes: readonly NodeInfo[],
    slots: Int32Array = Int32Array.from(nodes, (ni) => ni.index),
  ): { totals: Float64Array; perPlugin: { name: string; scores: Float64Array }[] } | Status {
    const n = nodes.length;
    const totals = this.buffer(0, n);
    totals.fill(0);
    const perPlugin: { name: string; scores: Float64Array }[] = [];
    for (let p = 0; p < this.scorePlugins.length; p++) {
      const { plugin, weight } = this.scorePlugins[p];
      if (state.skipScorePlugins.size > 0 && state.skipScorePlugins.has(plugin.name)) continue;
      const scores = this.buffer(p + 1, n);
      if (plugin.scoreNodes) plugin.scoreNodes(state, pod, nodes, slots, scores);
      else for (let i = 0; i < n; i++) scores[i] = plugin.score(state, pod, nodes[i]);
      plugin.normalizeScore?.(state, pod, scores, nodes);
      let bad = -1;
      for (let i = 0; i < n; i++) {
        const w = scores[i] * weight;
        if (scores[i] > MaxNodeScore || scores[i] < 0) bad = i;
        scores[i] = w;
        totals[i] += w;
      }
      if (bad >= 0) {
        return asStatus(`plugin "${plugin.name}" returns an invalid score ${scores[bad] / weight}, it should in the range of [0, ${MaxNodeScore}] after normalizing`);
      }
      perPlugin.push({ name: plugin.name, scores });
    }
    return { totals, perPlugin };
  }

  /** runReservePluginsReserve reserves in profile order; the first failure is returned as an error status, as upstream does. */
  runReservePluginsReserve(state: CycleState, pod: Pod, nodeName: string): Status | null {
    for (const pl of this.reservePlugins) {
      const s = pl.reserve(state, pod, nodeName);
      if (s === null || s.isSuccess()) continue;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return asStatus(`running Reserve plugin "${pl.name}": ${s.message()}`).withPlugin(pl.name);
    }
    return null;
  }

  /** runReservePluginsUnreserve undoes every Reserve, in reverse profile order. */
  runReservePluginsUnreserve(state: CycleState, pod: Pod, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) this.reservePlugins[i].unreserve(state, pod, nodeName);
  }

  /** runPreBindPlugins runs PreBind in profile order; the first failure stops the binding. */
  async runPreBindPlugins(state: CycleState, pod: Pod, nodeName: string, handle: BindingHandle): Promise<Status | null> {
    for (const pl of this.preBindPlugins) {
      const s = await pl.preBind(state, pod, nodeName, handle);
      if (s === null || s.isSuccess()) continue;
      if (s.isRejected()) return s.withPlugin(pl.name);
      return asStatus(`running PreBind plugin "${pl.name}": ${s.message()}`).withPlugin(pl.name);
    }
    return null;
  }

  /** buffer returns scratch array i with length n: scoring 500 nodes per pod should not allocate. */
  private buffer(i: number, n: number): Float64Array {
    let b = this.scratch[i];
    if (!b || b.length < n) this.scratch[i] = b = new Float64Array(Math.max(n, 2 * (b?.length ?? 0)));
    return b.length === n ? b : b.subarray(0, n);
  }
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}
