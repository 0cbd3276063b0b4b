import type { Pod } from 'kubernetes-types/core/v1';
import { podMatchesAllAffinityTerms, type AffinityTerm } from '../../framework/affinityTerm';
import type { CycleState, StateData } from '../../framework/cycleState';
import type { Snapshot } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import type { PodInfo } from '../../framework/podInfo';
import { Code, skipStatus, Status } from '../../framework/status';
import { Names } from '../names';
import { allTermsMatch, forEachMatchingPodCount, getNamespaceLabelsSnapshot, mergeAffinityTermNamespaces, termMatch } from './common';
import { TopologyToMatchedTermCount } from './topologyToMatchedTermCount';

// From pkg/scheduler/framework/plugins/interpodaffinity/filtering.go (v1.32).

const preFilterStateKey = 'PreFilter' + Names.InterPodAffinity;

/** The Filter reasons of filtering.go (v1.32). */
export const ErrReasonExistingAntiAffinityRulesNotMatch = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ErrReasonAffinityRulesNotMatch = "node(s) didn't match pod affinity rules";
export const ErrReasonAntiAffinityRulesNotMatch = "node(s) didn't match pod anti-affinity rules";

/** PreFilterState is preFilterState: the topology pair counts Filter reads, for the pod being scheduled. */
export class PreFilterState implements StateData {
  constructor(
    /** existingAntiAffinityCounts counts existing pods whose required anti-affinity terms match the pod. */
    readonly existingAntiAffinityCounts: TopologyToMatchedTermCount,
    /** affinityCounts counts existing pods matching all the pod's required affinity terms. */
    readonly affinityCounts: TopologyToMatchedTermCount,
    /** antiAffinityCounts counts existing pods matching each of the pod's required anti-affinity terms. */
    readonly antiAffinityCounts: TopologyToMatchedTermCount,
    /** The pod's required terms with their namespaceSelectors merged into namespaces. */
    readonly requiredAffinityTerms: readonly AffinityTerm[],
    readonly requiredAntiAffinityTerms: readonly AffinityTerm[],
    readonly pod: Pod,
    readonly namespaceLabels: Record<string, string> | undefined,
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.existingAntiAffinityCounts.clone(),
      this.affinityCounts.clone(),
      this.antiAffinityCounts.clone(),
      this.requiredAffinityTerms,
      this.requiredAntiAffinityTerms,
      this.pod,
      this.namespaceLabels,
    );
  }

  /** updateWithPod counts (multiplier 1) or uncounts (-1) an existing pod on node. */
  updateWithPod(pi: PodInfo, node: NodeInfo, multiplier: 1 | -1): void {
    this.existingAntiAffinityCounts.updateWithAntiAffinityTerms(pi.requiredAntiAffinityTerms, this.pod, this.namespaceLabels, node.labels, multiplier);
    this.affinityCounts.updateWithAffinityTerms(this.requiredAffinityTerms, pi.pod, node.labels, multiplier);
    // The pod's own terms have their namespaceSelector merged: no namespace labels needed.
    this.antiAffinityCounts.updateWithAntiAffinityTerms(this.requiredAntiAffinityTerms, pi.pod, undefined, node.labels, multiplier);
  }
}

/**
 * getExistingAntiAffinityCounts counts, per topology pair, the existing pods whose required
 * anti-affinity terms match the pod; only the nodes hosting such pods are visited.
 */
function getExistingAntiAffinityCounts(snapshot: Snapshot, pod: Pod, nsLabels: Record<string, string> | undefined): TopologyToMatchedTermCount {
  const counts = new TopologyToMatchedTermCount();
  for (const node of snapshot.havePodsWithRequiredAntiAffinityList()) {
    for (const existing of node.podsWithRequiredAntiAffinity) {
      counts.updateWithAntiAffinityTerms(existing.requiredAntiAffinityTerms, pod, nsLabels, node.labels, 1);
    }
  }
  return counts;
}

/** getIncomingAffinityCounts counts the existing pods matching all the pod's affinity terms, in every term's topology. */
function getIncomingAffinityCounts(snapshot: Snapshot, terms: readonly AffinityTerm[]): TopologyToMatchedTermCount {
  const counts = new TopologyToMatchedTermCount();
  const m = terms.length > 0 ? allTermsMatch(terms) : undefined;
  if (m) forEachMatchingPodCount(snapshot, m, (node, n) => terms.forEach((t) => counts.update(node.labels, t.topologyKey, n)));
  return counts;
}

/** getIncomingAntiAffinityCounts counts the existing pods matching each of the pod's anti-affinity terms. */
function getIncomingAntiAffinityCounts(snapshot: Snapshot, terms: readonly AffinityTerm[]): TopologyToMatchedTermCount {
  const counts = new TopologyToMatchedTermCount();
  for (const t of terms) forEachMatchingPodCount(snapshot, termMatch(t), (node, n) => counts.update(node.labels, t.topologyKey, n));
  return counts;
}

/** preFilter counts the pods the affinity rules concern, or Skips when no rule applies to this pod. */
export function preFilter(state: CycleState, pod: Pod): Status | null {
  const snapshot = state.snapshot;
  const pi = state.podInfo;
  // The common case, a pod without affinity in a cluster without required anti-affinity, allocates nothing.
  if (pi.requiredAffinityTerms.length === 0 && pi.requiredAntiAffinityTerms.length === 0 && snapshot.havePodsWithRequiredAntiAffinityList().length === 0) {
    return skipStatus;
  }
  const nsLabels = getNamespaceLabelsSnapshot(pi.namespace, snapshot.namespaces);
  const existing = getExistingAntiAffinityCounts(snapshot, pod, nsLabels);
  if (existing.size === 0 && pi.requiredAffinityTerms.length === 0 && pi.requiredAntiAffinityTerms.length === 0) return skipStatus;
  const affinityTerms = mergeAffinityTermNamespaces(pi.requiredAffinityTerms, snapshot.namespaces);
  const antiAffinityTerms = mergeAffinityTermNamespaces(pi.requiredAntiAffinityTerms, snapshot.namespaces);
  state.write(
    preFilterStateKey,
    new PreFilterState(
      existing,
      getIncomingAffinityCounts(snapshot, affinityTerms),
      getIncomingAntiAffinityCounts(snapshot, antiAffinityTerms),
      affinityTerms,
      antiAffinityTerms,
      pod,
      nsLabels,
    ),
  );
  return null;
}

/** addPod counts a pod a what-if run adds to node (a nominated pod). */
export function addPod(state: CycleState, _podToSchedule: Pod, podInfoToAdd: PodInfo, node: NodeInfo): void {
  state.read<PreFilterState>(preFilterStateKey)?.updateWithPod(podInfoToAdd, node, 1);
}

/** removePod uncounts a pod a what-if run removes from node (a preemption victim). */
export function removePod(state: CycleState, _podToSchedule: Pod, podInfoToRemove: PodInfo, node: NodeInfo): void {
  state.read<PreFilterState>(preFilterStateKey)?.updateWithPod(podInfoToRemove, node, -1);
}

/** satisfyExistingPodsAntiAffinity: placing the pod on node breaks no existing pod's anti-affinity. */
function satisfyExistingPodsAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  return s.existingAntiAffinityCounts.size === 0 || !s.existingAntiAffinityCounts.anyPositiveOn(node.labels);
}

/** satisfyPodAntiAffinity: no pod the pod's anti-affinity terms match is in the node's domain of any term. */
function satisfyPodAntiAffinity(s: PreFilterState, node: NodeInfo): boolean {
  if (s.antiAffinityCounts.size === 0) return true;
  for (const t of s.requiredAntiAffinityTerms) {
    const value = node.labels[t.topologyKey];
    if (value !== undefined && s.antiAffinityCounts.get(t.topologyKey, value) > 0) return false;
  }
  return true;
}

/** satisfyPodAffinity: the node has every term's topology label and a matching pod in each of those domains. */
function satisfyPodAffinity(s: PreFilterState, node: NodeInfo): boolean {
  let podsExist = true;
  for (const t of s.requiredAffinityTerms) {
    const value = node.labels[t.topologyKey];
    // All topology labels must exist on the node.
    if (value === undefined) return false;
    if (s.affinityCounts.get(t.topologyKey, value) <= 0) podsExist = false;
  }
  if (podsExist) return true;
  // The first pod of a group with affinity to itself may go anywhere the topology labels allow:
  // otherwise no pod of the group could ever be placed.
  return s.affinityCounts.size === 0 && podMatchesAllAffinityTerms(s.requiredAffinityTerms, s.pod);
}

/** filter checks, in upstream's order, the pod's affinity, its anti-affinity and the existing pods' anti-affinity. */
export function filter(state: CycleState, _pod: Pod, node: NodeInfo): Status | null {
  const s = state.read<PreFilterState>(preFilterStateKey);
  if (!s) return null;
  if (!satisfyPodAffinity(s, node)) return new Status(Code.UnschedulableAndUnresolvable, ErrReasonAffinityRulesNotMatch);
  if (!satisfyPodAntiAffinity(s, node)) return new Status(Code.Unschedulable, ErrReasonAntiAffinityRulesNotMatch);
  if (!satisfyExistingPodsAntiAffinity(s, node)) return new Status(Code.Unschedulable, ErrReasonExistingAntiAffinityRulesNotMatch);
  return null;
}
