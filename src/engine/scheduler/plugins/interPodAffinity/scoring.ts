import type { Pod } from 'kubernetes-types/core/v1';
import { affinityTermMatches, type AffinityTerm, type WeightedAffinityTerm } from '../../framework/affinityTerm';
import type { CycleState } from '../../framework/cycleState';
import { MaxNodeScore, type NodeScoreList, type Snapshot } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import { skipStatus, type Status } from '../../framework/status';
import { Names } from '../names';
import { forEachMatchingPodCount, getNamespaceLabelsSnapshot, mergeAffinityTermNamespaces, termMatch } from './common';

// From pkg/scheduler/framework/plugins/interpodaffinity/scoring.go (v1.32).

const preScoreStateKey = 'PreScore' + Names.InterPodAffinity;

/** HardPodAffinityWeight is InterPodAffinityArgs.hardPodAffinityWeight's default: what an existing pod's required affinity term adds. */
export const HardPodAffinityWeight = 1;

/** ScoreMap is scoreMap: the score of each topology pair, by topology key and value. */
class ScoreMap extends Map<string, Map<string, number>> {
  /** add adds score to the node's pair for key; a node without the label has no pair. */
  add(node: NodeInfo, key: string, score: number): void {
    const value = node.labels[key];
    if (value === undefined) return;
    let values = this.get(key);
    if (!values) this.set(key, (values = new Map()));
    values.set(value, (values.get(value) ?? 0) + score);
  }

  /** processTerm adds weight × multiplier to the node's pair of term when pod matches term. */
  processTerm(term: AffinityTerm, weight: number, pod: Pod, nsLabels: Record<string, string> | undefined, node: NodeInfo, multiplier: 1 | -1): void {
    if (affinityTermMatches(term, pod, nsLabels)) this.add(node, term.topologyKey, weight * multiplier);
  }

  processTerms(terms: readonly WeightedAffinityTerm[], pod: Pod, nsLabels: Record<string, string> | undefined, node: NodeInfo, multiplier: 1 | -1): void {
    for (const t of terms) this.processTerm(t, t.weight, pod, nsLabels, node, multiplier);
  }
}

/** PreScoreState is preScoreState: the pair scores Score sums for each node. */
export interface PreScoreState {
  topologyScore: ScoreMap;
}

/**
 * processIncomingPreferredTerms is processExistingPod's part for the pod's own preferred terms,
 * over all existing pods at once: each term adds its weight (subtracts, for anti-affinity) once
 * per matching pod, so the cache's counts per node stand in for the walk over every pod.
 */
function processIncomingPreferredTerms(snapshot: Snapshot, terms: readonly WeightedAffinityTerm[], multiplier: 1 | -1, topologyScore: ScoreMap): void {
  for (const t of terms) {
    forEachMatchingPodCount(snapshot, termMatch(t), (node, n) => topologyScore.add(node, t.topologyKey, t.weight * multiplier * n));
  }
}

/** processExistingPodTerms is processExistingPod's part for an existing pod's own terms matching the incoming pod. */
function processExistingPodTerms(existing: PodInfo, node: NodeInfo, pod: Pod, nsLabels: Record<string, string> | undefined, topologyScore: ScoreMap): void {
  for (const t of existing.requiredAffinityTerms) topologyScore.processTerm(t, HardPodAffinityWeight, pod, nsLabels, node, 1);
  topologyScore.processTerms(existing.preferredAffinityTerms, pod, nsLabels, node, 1);
  topologyScore.processTerms(existing.preferredAntiAffinityTerms, pod, nsLabels, node, -1);
}

/**
 * preScore sums, per topology pair, the pod's preferred terms over the existing pods they match
 * and the existing pods' terms that match the pod; Skip when nothing matched anywhere.
 */
export function preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null {
  if (nodes.length === 0) return skipStatus;
  const snapshot = state.snapshot;
  const pi = state.podInfo;
  const hasConstraints = pi.preferredAffinityTerms.length > 0 || pi.preferredAntiAffinityTerms.length > 0;
  // Without preferred terms of its own, only the pods with affinity can score the pod.
  const withAffinity = snapshot.havePodsWithAffinityList();
  if (!hasConstraints && withAffinity.length === 0) return skipStatus;
  const topologyScore = new ScoreMap();
  if (hasConstraints) {
    processIncomingPreferredTerms(snapshot, mergeAffinityTermNamespaces(pi.preferredAffinityTerms, snapshot.namespaces), 1, topologyScore);
    processIncomingPreferredTerms(snapshot, mergeAffinityTermNamespaces(pi.preferredAntiAffinityTerms, snapshot.namespaces), -1, topologyScore);
  }
  if (withAffinity.length > 0) {
    const nsLabels = getNamespaceLabelsSnapshot(pi.namespace, snapshot.namespaces);
    for (const node of withAffinity) for (const existing of node.podsWithAffinity) processExistingPodTerms(existing, node, pod, nsLabels, topologyScore);
  }
  if (topologyScore.size === 0) return skipStatus;
  state.write(preScoreStateKey, { topologyScore } satisfies PreScoreState);
  return null;
}

/** score sums the scores of the node's topology pairs: positive for affinity, negative for anti-affinity. */
export function score(state: CycleState, _pod: Pod, node: NodeInfo): number {
  const s = state.read<PreScoreState>(preScoreStateKey);
  if (!s) return 0;
  let total = 0;
  for (const [key, values] of s.topologyScore) {
    const value = node.labels[key];
    if (value !== undefined) total += values.get(value) ?? 0;
  }
  return total;
}

/** normalizeScore maps the scores linearly onto [0, 100], the lowest to 0 and the highest to 100. */
export function normalizeScore(state: CycleState, _pod: Pod, scores: NodeScoreList): void {
  const s = state.read<PreScoreState>(preScoreStateKey);
  if (!s || s.topologyScore.size === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] > max) max = scores[i];
    if (scores[i] < min) min = scores[i];
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MaxNodeScore * ((scores[i] - min) / diff)) : 0;
}
