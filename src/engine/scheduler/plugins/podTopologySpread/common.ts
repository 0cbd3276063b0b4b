import type { Pod, TopologySpreadConstraint } from 'kubernetes-types/core/v1';
import { selectorFromLabelSelector, type Requirement, type Selector } from '../../../api/labels';
import type { MatchingPodCounts, Snapshot } from '../../framework/interface';
import type { NodeInfo } from '../../framework/nodeInfo';
import { defaultSelector, isEmptySelector } from '../helper/defaultSelector';
import type { RequiredNodeAffinity } from '../helper/nodeAffinity';
import { doNotScheduleTaint, findMatchingUntoleratedTaint } from '../helper/taints';

// Shared parts of pkg/scheduler/framework/plugins/podtopologyspread (v1.32): common.go, plugin.go.

/** LabelHostname and LabelTopologyZone are the well-known topology labels. */
export const LabelHostname = 'kubernetes.io/hostname';
export const LabelTopologyZone = 'topology.kubernetes.io/zone';

/** ErrReasonConstraintsNotMatch and ErrReasonNodeLabelNotMatch are the Filter reasons. */
export const ErrReasonConstraintsNotMatch = "node(s) didn't match pod topology spread constraints";
export const ErrReasonNodeLabelNotMatch = ErrReasonConstraintsNotMatch + ' (missing required label)';

/** Constraint is the plugin's parsed topologySpreadConstraint. */
export interface Constraint {
  maxSkew: number;
  topologyKey: string;
  selector: Selector;
  minDomains: number;
  nodeAffinityPolicy: 'Honor' | 'Ignore';
  nodeTaintsPolicy: 'Honor' | 'Ignore';
}

/** systemDefaultConstraints are v1.32's default constraints (ScheduleAnyway on hostname 3, zone 5). */
export const systemDefaultConstraints: readonly TopologySpreadConstraint[] = [
  { topologyKey: LabelHostname, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 3 },
  { topologyKey: LabelTopologyZone, whenUnsatisfiable: 'ScheduleAnyway', maxSkew: 5 },
];

/**
 * filterTopologySpreadConstraints keeps the constraints with the given action and parses them;
 * matchLabelKeys add the pod's own values of those labels to the selector.
 */
export function filterTopologySpreadConstraints(
  constraints: readonly TopologySpreadConstraint[],
  podLabels: Record<string, string> | undefined,
  action: 'DoNotSchedule' | 'ScheduleAnyway',
): Constraint[] {
  const out: Constraint[] = [];
  for (const c of constraints) {
    if (c.whenUnsatisfiable !== action) continue;
    let selector = selectorFromLabelSelector(c.labelSelector);
    if (c.matchLabelKeys?.length && podLabels) {
      const extra: Requirement[] = [];
      for (const k of c.matchLabelKeys) if (k in podLabels) extra.push({ key: k, op: '=', values: [podLabels[k]] });
      if (extra.length > 0) selector = { requirements: [...extra, ...(selector.nothing ? [] : selector.requirements)] };
    }
    out.push({
      maxSkew: c.maxSkew,
      topologyKey: c.topologyKey,
      selector,
      minDomains: c.minDomains ?? 1,
      nodeAffinityPolicy: c.nodeAffinityPolicy === 'Ignore' ? 'Ignore' : 'Honor',
      nodeTaintsPolicy: c.nodeTaintsPolicy === 'Honor' ? 'Honor' : 'Ignore',
    });
  }
  return out;
}

/** buildDefaultConstraints applies the system defaults with the pod's DefaultSelector; none without one. */
export function buildDefaultConstraints(pod: Pod, snapshot: Snapshot, action: 'DoNotSchedule' | 'ScheduleAnyway'): Constraint[] {
  if (!systemDefaultActions.has(action)) return [];
  const selector = defaultSelector(pod, snapshot.listers);
  if (isEmptySelector(selector)) return [];
  const constraints = filterTopologySpreadConstraints(systemDefaultConstraints, pod.metadata?.labels, action);
  for (const c of constraints) c.selector = selector;
  return constraints;
}

/** systemDefaultActions are the whenUnsatisfiable values the system defaults use. */
const systemDefaultActions = new Set(systemDefaultConstraints.map((c) => c.whenUnsatisfiable));

/** nodeLabelsMatchSpreadConstraints reports whether the node has every constraint's topology key. */
export function nodeLabelsMatchSpreadConstraints(labels: Record<string, string>, constraints: readonly Constraint[]): boolean {
  for (const c of constraints) if (!(c.topologyKey in labels)) return false;
  return true;
}

/** matchNodeInclusionPolicies applies nodeAffinityPolicy (default Honor) and nodeTaintsPolicy (default Ignore). */
export function matchNodeInclusionPolicies(c: Constraint, pod: Pod, node: NodeInfo, required: RequiredNodeAffinity): boolean {
  if (c.nodeAffinityPolicy === 'Honor' && !required.match(node)) return false;
  if (c.nodeTaintsPolicy === 'Honor' && findMatchingUntoleratedTaint(node.taints, pod.spec?.tolerations, doNotScheduleTaint)) return false;
  return true;
}

/** matchingPodsFor returns the counter of pods a constraint selects; undefined for empty or nil selectors, which count 0. */
export function matchingPodsFor(snapshot: Snapshot, namespace: string, c: Constraint): MatchingPodCounts | undefined {
  if (c.selector.nothing || isEmptySelector(c.selector)) return undefined;
  return snapshot.matchingPods(namespace, c.selector);
}
