import type { Pod } from 'kubernetes-types/core/v1';
import type { TopologyIndex } from '../../cache/topologyIndex';
import type { CycleState } from '../../framework/cycleState';
import { MaxNodeScore, type MatchingPodCounts, type NodeScoreList } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import { skipStatus, type Status } from '../../framework/status';
import { RequiredNodeAffinity } from '../helper/nodeAffinity';
import { Names } from '../names';
import {
  buildDefaultConstraints,
  filterTopologySpreadConstraints,
  LabelHostname,
  matchNodeInclusionPolicies,
  matchingPodsFor,
  nodeLabelsMatchSpreadConstraints,
  type Constraint,
} from './common';

// From pkg/scheduler/framework/plugins/podtopologyspread/scoring.go (v1.32). Domains are the value
// ids of the cache's TopologyIndex, so the per-node work of Score is a few array reads.

const preScoreStateKey = 'PreScore' + Names.PodTopologySpread;
const invalidScore = -1;

/** PreScoreState holds the ScheduleAnyway constraints, the pods per domain and the domain weights. */
export interface PreScoreState {
  constraints: Constraint[];
  /** matching holds each constraint's pod counter, looked up once per cycle (undefined: counts 0). */
  matching: (MatchingPodCounts | undefined)[];
  /** index is each constraint's topology index (domains by value id). */
  index: TopologyIndex[];
  ignoredNodes: Set<string>;
  /**
   * domainScore is, per non-hostname constraint and value id, scoreForCount of the pods in that
   * domain (upstream's TopologyValueToPodCounts with the weight applied); hostname constraints
   * count per node at Score time.
   */
  domainScore: (Float64Array | undefined)[];
  topologyNormalizingWeight: number[];
}

/** topologyNormalizingWeight is log(size + 2): spreading over more domains weighs more. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** scoreForCount is cnt × weight + (maxSkew − 1). */
export function scoreForCount(cnt: number, maxSkew: number, tpWeight: number): number {
  return cnt * tpWeight + (maxSkew - 1);
}

/** preScore builds the per-domain counts over all nodes, or Skips when the pod has no soft constraint. */
export function preScore(
  state: CycleState,
  pod: Pod,
  filteredNodes: readonly NodeInfo[],
  slots: Int32Array = Int32Array.from(filteredNodes, (n) => n.index),
): Status | null {
  const snapshot = state.snapshot;
  if (snapshot.list().length === 0) return skipStatus;
  const tsc = pod.spec?.topologySpreadConstraints;
  const constraints =
    tsc && tsc.length > 0
      ? filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'ScheduleAnyway')
      : buildDefaultConstraints(pod, snapshot, 'ScheduleAnyway');
  if (constraints.length === 0) return skipStatus;
  // Only non-default constraints require every topology label, so zone-less nodes still spread by hostname.
  const requireAllTopologies = !!tsc && tsc.length > 0;
  const s: PreScoreState = {
    constraints,
    matching: constraints.map((c) => matchingPodsFor(snapshot, state.podInfo.namespace, c)),
    index: constraints.map((c) => snapshot.topologyIndex(c.topologyKey)),
    ignoredNodes: new Set(),
    domainScore: [],
    topologyNormalizingWeight: [],
  };
  if (requireAllTopologies) {
    for (const node of filteredNodes) if (!nodeLabelsMatchSpreadConstraints(node.labels, constraints)) s.ignoredNodes.add(node.name);
  }
  const required = new RequiredNodeAffinity(pod);
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i];
    if (c.topologyKey === LabelHostname) {
      s.topologyNormalizingWeight.push(topologyNormalizingWeight(filteredNodes.length - s.ignoredNodes.size));
      s.domainScore.push(undefined);
      continue;
    }
    // The domains are the values among the candidate nodes (TopologyValueToPodCounts' keys).
    const index = s.index[i];
    const candidate = new Uint8Array(index.values.length);
    let size = 0;
    const ids = index.ids;
    for (let k = 0; k < slots.length; k++) {
      if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(filteredNodes[k].name)) continue;
      const id = slots[k] < ids.length ? ids[slots[k]] : -1;
      if (id >= 0 && !candidate[id]) {
        candidate[id] = 1;
        size++;
      }
    }
    const weight = topologyNormalizingWeight(size);
    s.topologyNormalizingWeight.push(weight);
    const counts = countDomains(pod, s, i, required, requireAllTopologies);
    const scores = new Float64Array(index.values.length);
    for (let id = 0; id < scores.length; id++) if (candidate[id]) scores[id] = scoreForCount(counts[id] ?? 0, c.maxSkew, weight);
    s.domainScore.push(scores);
  }
  state.write(preScoreStateKey, s);
  return null;
}

/**
 * countDomains counts constraint i's matching pods per domain. Upstream walks every node and its
 * pods; the cache's counters make that a lookup when no node is excluded, and a walk over only
 * the nodes with matching pods otherwise.
 */
function countDomains(pod: Pod, s: PreScoreState, i: number, required: RequiredNodeAffinity, requireAllTopologies: boolean): ArrayLike<number> {
  const c = s.constraints[i];
  const index = s.index[i];
  const mp = s.matching[i];
  if (!mp) return new Float64Array(index.values.length);
  const everyNode = !requireAllTopologies && (c.nodeAffinityPolicy === 'Ignore' || required.isEmpty) && c.nodeTaintsPolicy === 'Ignore';
  if (everyNode) return mp.countsByTopology(index);
  const counts = new Float64Array(index.values.length);
  mp.forEachNode((node, n) => {
    if (requireAllTopologies && !nodeLabelsMatchSpreadConstraints(node.labels, s.constraints)) return;
    if (!matchNodeInclusionPolicies(c, pod, node, required)) return;
    const id = index.valueId(node);
    if (id >= 0) counts[id] += n;
  });
  return counts;
}

/** score sums, per constraint, the matching pods in the node's domain (weighted) plus maxSkew − 1. */
export function score(state: CycleState, _pod: Pod, node: NodeInfo): number {
  const s = state.read<PreScoreState>(preScoreStateKey);
  return s ? scoreNode(s, node) : 0;
}

/**
 * scoreNodes is score for every node, one constraint at a time so that each loop reads one
 * constraint's arrays; the sums add up in constraint order, as score's do.
 */
export function scoreNodes(state: CycleState, _pod: Pod, nodes: readonly NodeInfo[], slots: Int32Array, out: Float64Array): void {
  const s = state.read<PreScoreState>(preScoreStateKey);
  if (!s || s.ignoredNodes.size > 0) {
    for (let k = 0; k < nodes.length; k++) out[k] = s ? scoreNode(s, nodes[k]) : 0;
    return;
  }
  out.fill(0);
  for (let i = 0; i < s.constraints.length; i++) {
    const { present, ids } = s.index[i];
    const domain = s.domainScore[i];
    if (domain !== undefined) {
      for (let k = 0; k < slots.length; k++) {
        const idx = slots[k];
        if (idx < present.length && present[idx] !== 0) out[k] += domain[ids[idx]];
      }
      continue;
    }
    // Hostname: the node is the domain, its own count weighted.
    const counts = s.matching[i];
    const weight = s.topologyNormalizingWeight[i];
    const skew = s.constraints[i].maxSkew - 1;
    for (let k = 0; k < slots.length; k++) {
      const idx = slots[k];
      if (idx < present.length && present[idx] !== 0) out[k] += (counts?.onNode(idx) ?? 0) * weight + skew;
    }
  }
  for (let k = 0; k < slots.length; k++) out[k] = Math.round(out[k]);
}

function scoreNode(s: PreScoreState, node: NodeInfo): number {
  if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(node.name)) return 0;
  let total = 0;
  for (let i = 0; i < s.constraints.length; i++) {
    const index = s.index[i];
    // Only nodes carrying the label score for it.
    if (node.index >= index.present.length || !index.present[node.index]) continue;
    const domain = s.domainScore[i];
    if (domain) total += domain[index.ids[node.index]];
    else total += scoreForCount(s.matching[i]?.onNode(node.index) ?? 0, s.constraints[i].maxSkew, s.topologyNormalizingWeight[i]);
  }
  return Math.round(total);
}

/** normalizeScore inverts the scores: fewer matching pods nearby means a higher score. */
export function normalizeScore(state: CycleState, _pod: Pod, scores: NodeScoreList, nodes: readonly NodeInfo[]): void {
  const s = state.read<PreScoreState>(preScoreStateKey);
  if (!s) return;
  let minScore = Number.MAX_SAFE_INTEGER;
  let maxScore = 0;
  for (let i = 0; i < scores.length; i++) {
    if (s.ignoredNodes.size > 0 && s.ignoredNodes.has(nodes[i].name)) {
      scores[i] = invalidScore;
      continue;
    }
    if (scores[i] < minScore) minScore = scores[i];
    if (scores[i] > maxScore) maxScore = scores[i];
  }
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] === invalidScore) {
      scores[i] = 0;
      continue;
    }
    if (maxScore === 0) {
      scores[i] = MaxNodeScore;
      continue;
    }
    scores[i] = Math.trunc((MaxNodeScore * (maxScore + minScore - scores[i])) / maxScore);
  }
}
