import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../../sim/rng';
import type { CycleState } from './cycleState';
import { addPluginStatus, ErrNoNodesAvailable, FitError, newDiagnosis, type Diagnosis } from './fitError';
import type { FilterPlugin, Snapshot } from './interface';
import type { NodeInfo } from './nodeInfo';
import type { Framework } from './runtime';
import { asStatus, Code, Status } from './status';

// The scheduling algorithm of pkg/scheduler/schedule_one.go (v1.32): find feasible nodes, score
// them, pick the best.

// minFeasibleNodesToFind and minFeasibleNodesPercentageToFind are schedule_one.go's constants.
const minFeasibleNodesToFind = 100;
const minFeasibleNodesPercentageToFind = 5;

/**
 * FilterScratch is the filter loop's working memory, reused by every cycle (cycles never overlap):
 * slots collects the feasible nodes' slots, with the chunk being filtered right after them, and
 * nodes their NodeInfos; out is what a plugin answered for each node.
 */
interface FilterScratch {
  slots: Int32Array;
  nodes: NodeInfo[];
  out: (Status | null)[];
}

/** ScheduleResult is where the pod goes and how much of the cluster was looked at. */
export interface ScheduleResult {
  suggestedHost: string;
  evaluatedNodes: number;
  feasibleNodes: number;
}

/** numFeasibleNodesToFind is upstream's adaptive percentageOfNodesToScore: 5,000 nodes → 10% → 500. */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < minFeasibleNodesToFind) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < minFeasibleNodesPercentageToFind) percentage = minFeasibleNodesPercentageToFind;
  }
  const numNodes = Math.trunc((numAllNodes * percentage) / 100);
  return numNodes < minFeasibleNodesToFind ? minFeasibleNodesToFind : numNodes;
}

/**
 * ScheduleAlgorithm is the part of the Scheduler that picks a node: it owns nextStartNodeIndex, so
 * that successive pods start their search where the previous one stopped, and the RNG that breaks
 * score ties.
 */
export class ScheduleAlgorithm {
  nextStartNodeIndex = 0;
  private scratch: FilterScratch = { slots: new Int32Array(0), nodes: [], out: [] };

  constructor(
    readonly fwk: Framework,
    private readonly rng: Rng,
    /** percentageOfNodesToScore 0 means adaptive, as in KubeSchedulerConfiguration. */
    readonly percentageOfNodesToScore = 0,
  ) {}

  /** schedulePod returns the chosen node, a FitError when none fits, or an Error status. */
  schedulePod(state: CycleState, pod: Pod): ScheduleResult | FitError | Status {
    const numAllNodes = state.snapshot.list().length;
    if (numAllNodes === 0) return new Status(Code.UnschedulableAndUnresolvable, ErrNoNodesAvailable);
    const found = this.findNodesThatFitPod(state, pod);
    if (found instanceof Status) return found;
    const { feasible, slots, diagnosis } = found;
    if (feasible.length === 0) return new FitError(pod, numAllNodes, diagnosis);
    if (feasible.length === 1) {
      return { suggestedHost: feasible[0].name, evaluatedNodes: 1 + diagnosis.nodeToStatus.len, feasibleNodes: 1 };
    }
    const pre = this.fwk.runPreScorePlugins(state, pod, feasible, slots);
    if (pre) return pre;
    const scored = this.fwk.runScorePlugins(state, pod, feasible, slots);
    if (scored instanceof Status) return scored;
    return {
      suggestedHost: feasible[selectHost(scored.totals, this.rng)].name,
      evaluatedNodes: feasible.length + diagnosis.nodeToStatus.len,
      feasibleNodes: feasible.length,
    };
  }

  /**
   * findNodesThatFitPod runs PreFilter, then Filter over the snapshot's nodes until enough fit. It
   * returns the feasible nodes with their slots, in arrays the next cycle reuses.
   */
  findNodesThatFitPod(state: CycleState, pod: Pod): { feasible: NodeInfo[]; slots: Int32Array; diagnosis: Diagnosis } | Status {
    const pre = this.fwk.runPreFilterPlugins(state, pod);
    const diagnosis = newDiagnosis(pre.pluginsWithNodes);
    if (pre.status && !pre.status.isSuccess()) {
      if (!pre.status.isRejected()) return pre.status;
      // Every node gets the PreFilter status, so preemption can look at them all.
      diagnosis.nodeToStatus.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      addPluginStatus(diagnosis, pre.status);
      return { feasible: [], slots: new Int32Array(0), diagnosis };
    }
    const snapshot = state.snapshot;
    // A pod nominated by an earlier preemption is tried on its node first.
    const nominated = state.podInfo.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = snapshot.get(nominated);
      if (ni?.node) {
        const found = this.findNodesThatPassFilters(state, pod, diagnosis, Int32Array.of(ni.index), 1, 0);
        if (found.feasible.length > 0) return { ...found, diagnosis };
      }
    }
    let nodes = snapshot.listSlots();
    const numAllNodes = nodes.length;
    if (pre.result) {
      const narrowed: number[] = [];
      for (const name of pre.result.nodeNames) {
        const ni = snapshot.get(name);
        if (ni?.node) narrowed.push(ni.index);
      }
      nodes = Int32Array.from(narrowed);
      const plugins = [...pre.pluginsWithNodes].sort().join(' ');
      diagnosis.nodeToStatus.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${plugins}]`);
    }
    const toFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, nodes.length);
    const found = this.findNodesThatPassFilters(state, pod, diagnosis, nodes, toFind, this.nextStartNodeIndex);
    // Advance the start index by what this cycle looked at, so every node gets its turn.
    const processed = found.feasible.length + diagnosis.nodeToStatus.len;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % numAllNodes;
    return { ...found, diagnosis };
  }

  /** findNodesThatPassFilters checks the nodes in slots from start (wrapping) and stops once toFind fit. */
  private findNodesThatPassFilters(
    state: CycleState,
    pod: Pod,
    diagnosis: Diagnosis,
    nodes: Int32Array,
    toFind: number,
    start: number,
  ): { feasible: NodeInfo[]; slots: Int32Array } {
    const n = nodes.length;
    if (n === 0) return { feasible: [], slots: nodes };
    const fwk = this.fwk;
    const snapshot = state.snapshot;
    const filters = fwk.activeFilters(state);
    const { slots, out } = this.scratchFor(Math.min(toFind, n));
    let found = 0;
    let checked = 0;
    let idx = start % n;
    // Nominated pods make the verdict depend on the node's nominees: node by node, the slow way.
    if (fwk.nominator && fwk.nominator.size > 0) {
      for (; checked < n && found < toFind; checked++, idx = idx + 1 === n ? 0 : idx + 1) {
        const ni = snapshot.nodeAt(nodes[idx]);
        const s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni, filters);
        if (s === null) slots[found++] = ni.index;
        else this.reject(diagnosis, ni, s);
      }
      return this.feasibleNodes(snapshot, slots, found);
    }
    // Chunks of exactly as many nodes as are still needed: every node of a chunk would be checked
    // by the node-by-node loop too, so running each filter over the whole chunk, in plugin order,
    // with a node leaving at its first rejection, gives the same verdicts for the same nodes. The
    // chunk's slots sit right after the feasible ones and shrink in place to those that pass.
    while (found < toFind && checked < n) {
      const size = Math.min(toFind - found, n - checked);
      const first = idx;
      const chunk = slots.subarray(found, found + size);
      for (let k = 0; k < size; k++) {
        chunk[k] = nodes[idx];
        idx = idx + 1 === n ? 0 : idx + 1;
      }
      checked += size;
      let live = size;
      for (let j = 0; j < filters.length && live > 0; j++) {
        const pl = filters[j];
        if (fwk.runFilterPluginOnNodes(pl, state, pod, chunk, live, out) === 0) continue;
        let kept = 0;
        for (let i = 0; i < live; i++) {
          const s = out[i];
          if (s === null) {
            chunk[kept++] = chunk[i];
            continue;
          }
          // An error ends the cycle with the error of the first failing node: found node by node.
          if (!s.isRejected()) this.throwFirstError(state, pod, nodes, first, size, filters, s.withPlugin(pl.name));
          this.reject(diagnosis, snapshot.nodeAt(chunk[i]), s.withPlugin(pl.name));
        }
        live = kept;
      }
      found += live;
    }
    return this.feasibleNodes(snapshot, slots, found);
  }

  /** throwFirstError reruns a chunk node by node and throws the first error, as the node-by-node loop would. */
  private throwFirstError(
    state: CycleState,
    pod: Pod,
    nodes: Int32Array,
    first: number,
    size: number,
    filters: readonly FilterPlugin[],
    seen: Status,
  ): never {
    for (let k = 0, pos = first; k < size; k++, pos = pos + 1 === nodes.length ? 0 : pos + 1) {
      const s = this.fwk.runFilterPlugins(state, pod, state.snapshot.nodeAt(nodes[pos]), filters);
      if (s !== null && !s.isRejected()) throw new SchedulingError(s);
    }
    throw new SchedulingError(asStatus(`running "${seen.plugin}" filter plugin: ${seen.message()}`).withPlugin(seen.plugin));
  }

  /** feasibleNodes pairs the first found slots with their NodeInfos, in the reused scratch array. */
  private feasibleNodes(snapshot: Snapshot, slots: Int32Array, found: number): { feasible: NodeInfo[]; slots: Int32Array } {
    const feasible = this.scratch.nodes;
    feasible.length = found;
    for (let i = 0; i < found; i++) feasible[i] = snapshot.nodeAt(slots[i]);
    return { feasible, slots: slots.subarray(0, found) };
  }

  /** scratchFor returns the filter loop's working arrays with room for size nodes. */
  private scratchFor(size: number): FilterScratch {
    if (this.scratch.slots.length < size) this.scratch = { slots: new Int32Array(Math.max(size, 2 * this.scratch.slots.length)), nodes: [], out: [] };
    return this.scratch;
  }

  /** reject records a node's rejection; an Error status ends the cycle. */
  private reject(diagnosis: Diagnosis, ni: NodeInfo, s: Status): void {
    if (s.code === Code.Error) throw new SchedulingError(s);
    diagnosis.nodeToStatus.set(ni.name, s);
    addPluginStatus(diagnosis, s);
  }
}

/** SchedulingError carries a plugin's Error status out of the filter loop. */
export class SchedulingError extends Error {
  constructor(readonly status: Status) {
    super(status.message());
  }
}

/** errorStatus converts what a cycle threw into an Error status. */
export function errorStatus(e: unknown): Status {
  return e instanceof SchedulingError ? e.status : asStatus(e);
}

/**
 * selectHost picks the index of a highest total, uniformly among ties. schedule_one.go gets the
 * same distribution by reservoir sampling (one random draw per tie); counting the ties first
 * needs a single draw.
 */
export function selectHost(totals: ArrayLike<number>, rng: Rng): number {
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < totals.length; i++) {
    const t = totals[i];
    if (t > max) {
      max = t;
      count = 1;
    } else if (t === max) count++;
  }
  let k = count > 1 ? rng.int(count) : 0;
  for (let i = 0; i < totals.length; i++) {
    if (totals[i] === max && k-- === 0) return i;
  }
  return 0;
}
