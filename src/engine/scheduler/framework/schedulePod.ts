import type { Pod } from 'kubernetes-types/core/v1';
import type { Rng } from '../../sim/rng';
import type { CycleState } from './cycleState';
import { addPluginStatus, ErrNoNodesAvailable, FitError, newDiagnosis, type Diagnosis } from './fitError';
import type { NodeInfo } from './nodeInfo';
import type { Framework } from './runtime';
import { asStatus, Code, Status } from './status';

// The scheduling algorithm of pkg/scheduler/schedule_one.go (v1.32): find feasible nodes, score
// them, pick the best.

// minFeasibleNodesToFind and minFeasibleNodesPercentageToFind are schedule_one.go's constants.
const minFeasibleNodesToFind = 100;
const minFeasibleNodesPercentageToFind = 5;

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

  constructor(
    readonly fwk: Framework,
    private readonly rng: Rng,
    /** percentageOfNodesToScore 0 means adaptive, as in KubeSchedulerConfiguration. */
    readonly percentageOfNodesToScore = 0,
  ) {}

  /** schedulePod returns the chosen node, a FitError when none fits, or an Error status. */
  schedulePod(state: CycleState, pod: Pod): ScheduleResult | FitError | Status {
    const allNodes = state.snapshot.list();
    if (allNodes.length === 0) return new Status(Code.UnschedulableAndUnresolvable, ErrNoNodesAvailable);
    const found = this.findNodesThatFitPod(state, pod, allNodes);
    if (found instanceof Status) return found;
    const { feasible, diagnosis } = found;
    if (feasible.length === 0) return new FitError(pod, allNodes.length, diagnosis);
    if (feasible.length === 1) {
      return { suggestedHost: feasible[0].name, evaluatedNodes: 1 + diagnosis.nodeToStatus.len, feasibleNodes: 1 };
    }
    const pre = this.fwk.runPreScorePlugins(state, pod, feasible);
    if (pre) return pre;
    const scored = this.fwk.runScorePlugins(state, pod, feasible);
    if (scored instanceof Status) return scored;
    return {
      suggestedHost: feasible[selectHost(scored.totals, this.rng)].name,
      evaluatedNodes: feasible.length + diagnosis.nodeToStatus.len,
      feasibleNodes: feasible.length,
    };
  }

  /** findNodesThatFitPod runs PreFilter, then Filter over the nodes until enough fit. */
  findNodesThatFitPod(state: CycleState, pod: Pod, allNodes: readonly NodeInfo[]): { feasible: NodeInfo[]; diagnosis: Diagnosis } | Status {
    const diagnosis = newDiagnosis();
    const pre = this.fwk.runPreFilterPlugins(state, pod);
    diagnosis.unschedulablePlugins = pre.pluginsWithNodes;
    if (pre.status && !pre.status.isSuccess()) {
      if (!pre.status.isRejected()) return pre.status;
      // Every node gets the PreFilter status, so preemption can look at them all.
      diagnosis.nodeToStatus.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      addPluginStatus(diagnosis, pre.status);
      return { feasible: [], diagnosis };
    }
    // A pod nominated by an earlier preemption is tried on its node first.
    const nominated = state.podInfo.pod.status?.nominatedNodeName;
    if (nominated) {
      const ni = state.snapshot.get(nominated);
      if (ni?.node) {
        const feasible = this.findNodesThatPassFilters(state, pod, diagnosis, [ni], 1, 0);
        if (feasible.length > 0) return { feasible, diagnosis };
      }
    }
    let nodes = allNodes;
    if (pre.result) {
      const narrowed: NodeInfo[] = [];
      for (const name of pre.result.nodeNames) {
        const ni = state.snapshot.get(name);
        if (ni?.node) narrowed.push(ni);
      }
      nodes = narrowed;
      const plugins = [...pre.pluginsWithNodes].sort().join(' ');
      diagnosis.nodeToStatus.absentNodesStatus = new Status(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${plugins}]`);
    }
    const toFind = numFeasibleNodesToFind(this.percentageOfNodesToScore, nodes.length);
    const feasible = this.findNodesThatPassFilters(state, pod, diagnosis, nodes, toFind, this.nextStartNodeIndex);
    // Advance the start index by what this cycle looked at, so every node gets its turn.
    const processed = feasible.length + diagnosis.nodeToStatus.len;
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    return { feasible, diagnosis };
  }

  /** findNodesThatPassFilters checks nodes from start (wrapping) and stops once toFind fit. */
  private findNodesThatPassFilters(
    state: CycleState,
    pod: Pod,
    diagnosis: Diagnosis,
    nodes: readonly NodeInfo[],
    toFind: number,
    start: number,
  ): NodeInfo[] {
    const n = nodes.length;
    if (n === 0) return [];
    // Sized up front: growing the array node by node costs copies and garbage on every cycle.
    const feasible = new Array<NodeInfo>(Math.min(toFind, n));
    let found = 0;
    const fwk = this.fwk;
    const filters = fwk.activeFilters(state);
    const nf = filters.length;
    // Without nominated pods (the common case) the filters run inline: this loop is the hot path.
    const plain = !fwk.nominator || fwk.nominator.size === 0;
    for (let i = 0, idx = start % n; i < n && found < toFind; i++, idx = idx + 1 === n ? 0 : idx + 1) {
      const ni = nodes[idx];
      let s: Status | null = null;
      if (plain) {
        for (let j = 0; j < nf; j++) {
          s = filters[j].filter(state, pod, ni);
          if (s === null || s.code === Code.Success) continue;
          s = s.isRejected() ? s.withPlugin(filters[j].name) : asStatus(`running "${filters[j].name}" filter plugin: ${s.message()}`).withPlugin(filters[j].name);
          break;
        }
        if (s !== null && s.code === Code.Success) s = null;
      } else {
        s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni, filters);
      }
      if (s === null) {
        feasible[found++] = ni;
        continue;
      }
      if (s.code === Code.Error) throw new SchedulingError(s);
      diagnosis.nodeToStatus.set(ni.name, s);
      addPluginStatus(diagnosis, s);
    }
    feasible.length = found;
    return feasible;
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
