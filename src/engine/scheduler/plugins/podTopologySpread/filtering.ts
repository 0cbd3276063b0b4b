import type { Pod } from 'kubernetes-types/core/v1';
import { matches } from '../../../api/labels';
import type { CycleState } from '../../framework/cycleState';
import type { NodeInfo } from '../../framework/nodeInfo';
import { Code, skipStatus, Status } from '../../framework/status';
import { RequiredNodeAffinity } from '../helper/nodeAffinity';
import { Names } from '../names';
import {
  buildDefaultConstraints,
  ErrReasonConstraintsNotMatch,
  ErrReasonNodeLabelNotMatch,
  filterTopologySpreadConstraints,
  matchNodeInclusionPolicies,
  matchingPodsFor,
  nodeLabelsMatchSpreadConstraints,
  type Constraint,
} from './common';

// From pkg/scheduler/framework/plugins/podtopologyspread/filtering.go (v1.32).

const preFilterStateKey = 'PreFilter' + Names.PodTopologySpread;

/** PreFilterState holds, per DoNotSchedule constraint, the matching pods per domain and the minimum. */
export interface PreFilterState {
  constraints: Constraint[];
  tpValueToMatchNum: Map<string, number>[];
  /** minMatch is criticalPaths[0].MatchNum: the smallest count over the domains (MaxInt32 if none). */
  minMatch: number[];
  domainsNum: number[];
}

const maxInt32 = 2147483647;

/** getConstraints returns the pod's DoNotSchedule constraints, or the defaults when it lists none. */
function getConstraints(state: CycleState, pod: Pod): Constraint[] {
  const tsc = pod.spec?.topologySpreadConstraints;
  if (tsc && tsc.length > 0) return filterTopologySpreadConstraints(tsc, pod.metadata?.labels, 'DoNotSchedule');
  return buildDefaultConstraints(pod, state.snapshot, 'DoNotSchedule');
}

/** calPreFilterState counts, over every node carrying all topology keys, the pods each constraint selects. */
function calPreFilterState(state: CycleState, pod: Pod, constraints: Constraint[]): PreFilterState {
  const s: PreFilterState = {
    constraints,
    tpValueToMatchNum: constraints.map(() => new Map<string, number>()),
    minMatch: [],
    domainsNum: [],
  };
  const required = new RequiredNodeAffinity(pod);
  const matching = constraints.map((c) => matchingPodsFor(state.snapshot, state.podInfo.namespace, c));
  for (const node of state.snapshot.list()) {
    if (!nodeLabelsMatchSpreadConstraints(node.labels, constraints)) continue;
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (!matchNodeInclusionPolicies(c, pod, node, required)) continue;
      const value = node.labels[c.topologyKey];
      const m = s.tpValueToMatchNum[i];
      m.set(value, (m.get(value) ?? 0) + (matching[i]?.onNode(node.index) ?? 0));
    }
  }
  for (let i = 0; i < constraints.length; i++) {
    const m = s.tpValueToMatchNum[i];
    s.domainsNum.push(m.size);
    let min = maxInt32;
    for (const n of m.values()) if (n < min) min = n;
    s.minMatch.push(min);
  }
  return s;
}

/** preFilter computes the spreading state, or Skip when the pod has no DoNotSchedule constraint. */
export function preFilter(state: CycleState, pod: Pod): Status | null {
  const constraints = getConstraints(state, pod);
  if (constraints.length === 0) return skipStatus;
  state.write(preFilterStateKey, calPreFilterState(state, pod, constraints));
  return null;
}

/** filter checks 'existing matches' + 'self match' - 'global minimum' <= maxSkew for every constraint. */
export function filter(state: CycleState, pod: Pod, node: NodeInfo): Status | null {
  const s = state.read<PreFilterState>(preFilterStateKey);
  if (!s || s.constraints.length === 0) return null;
  for (let i = 0; i < s.constraints.length; i++) {
    const c = s.constraints[i];
    const tpVal = node.labels[c.topologyKey];
    if (tpVal === undefined) return new Status(Code.UnschedulableAndUnresolvable, ErrReasonNodeLabelNotMatch);
    // Fewer eligible domains than minDomains: the global minimum counts as 0.
    const minMatchNum = s.domainsNum[i] < c.minDomains ? 0 : s.minMatch[i];
    const selfMatchNum = matches(c.selector, pod.metadata?.labels) ? 1 : 0;
    const matchNum = s.tpValueToMatchNum[i].get(tpVal) ?? 0;
    if (matchNum + selfMatchNum - minMatchNum > c.maxSkew) return new Status(Code.Unschedulable, ErrReasonConstraintsNotMatch);
  }
  return null;
}
