import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { CycleState } from '../framework/cycleState';
import { ActionType, EventResource, type ClusterEventWithHint } from '../framework/events';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin, PreFilterResult, PreScorePlugin, ScorePlugin, NodeScoreList } from '../framework/interface';
import { NodeInfo } from '../framework/nodeInfo';
import { Code, skipStatus, Status } from '../framework/status';
import { PreferredSchedulingTerms, RequiredNodeAffinity } from './helper/nodeAffinity';
import { defaultNormalizeScore } from './helper/normalizeScore';
import { Names } from './names';

// From pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go (v1.32).

/** ErrReasonPod is the reason for a node that fails spec.nodeSelector or required node affinity. */
export const ErrReasonPod = "node(s) didn't match Pod's node affinity/selector";
/** errReasonConflict is the PreFilter reason when the metadata.name terms exclude every node. */
export const errReasonConflict = 'pod affinity terms conflict';

const preFilterStateKey = 'PreFilter' + Names.NodeAffinity;
const preScoreStateKey = 'PreScore' + Names.NodeAffinity;
const rejected = new Status(Code.UnschedulableAndUnresolvable, ErrReasonPod);

/**
 * nodeNamesFromAffinity returns the nodes the required terms pin by metadata.name (DaemonSet pods
 * do this), or null when some term allows every node.
 */
function nodeNamesFromAffinity(pod: Pod): Set<string> | null {
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  if (terms.length === 0) return null;
  let nodeNames: Set<string> | null = null;
  for (const t of terms) {
    let termNames: Set<string> | null = null;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      // Requirements within a term are ANDed: intersect.
      const s = new Set<string>(r.values ?? []);
      termNames = termNames === null ? s : intersect(termNames, s);
    }
    // Terms are ORed, so a term without a name pin lets every node through.
    if (termNames === null) return null;
    nodeNames = nodeNames === null ? termNames : union(nodeNames, termNames);
  }
  return nodeNames;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const x of a) if (b.has(x)) out.add(x);
  return out;
}

function union(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>(a);
  for (const x of b) out.add(x);
  return out;
}

function matches(node: Node, pod: Pod): boolean {
  const ni = new NodeInfo(node.metadata?.name ?? '');
  ni.setNode(node);
  return new RequiredNodeAffinity(pod).match(ni);
}

/** nodeAffinity enforces spec.nodeSelector and required node affinity, and scores preferred terms. */
export const nodeAffinity = {
  name: Names.NodeAffinity,

  preFilter(state: CycleState, pod: Pod): PreFilterResult | Status | null {
    const required = new RequiredNodeAffinity(pod);
    if (required.isEmpty) return skipStatus;
    state.write(preFilterStateKey, required);
    const names = nodeNamesFromAffinity(pod);
    if (names === null) return null;
    if (names.size === 0) return new Status(Code.UnschedulableAndUnresolvable, errReasonConflict);
    return { nodeNames: names };
  },

  filter(state: CycleState, pod: Pod, node: NodeInfo): Status | null {
    const required = state.read<RequiredNodeAffinity>(preFilterStateKey) ?? new RequiredNodeAffinity(pod);
    return required.match(node) ? null : rejected;
  },

  preScore(state: CycleState, pod: Pod, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    const preferred = pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution;
    if (!preferred || preferred.length === 0) return skipStatus;
    state.write(preScoreStateKey, new PreferredSchedulingTerms(preferred));
    return null;
  },

  score(state: CycleState, pod: Pod, node: NodeInfo): number {
    const preferred =
      state.read<PreferredSchedulingTerms>(preScoreStateKey) ??
      new PreferredSchedulingTerms(pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []);
    return preferred.score(node);
  },

  normalizeScore(_state: CycleState, _pod: Pod, scores: NodeScoreList): void {
    defaultNormalizeScore(scores, false);
  },

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: EventResource.Node, actionType: ActionType.Add | ActionType.UpdateNodeLabel, label: 'NodeLabelChange' },
        hint: (pod, oldObj, newObj) => {
          if (!matches(newObj as Node, pod)) return false;
          return !oldObj || !matches(oldObj as Node, pod);
        },
      },
    ];
  },
} satisfies PreFilterPlugin & FilterPlugin & PreScorePlugin & ScorePlugin & EnqueueExtensions;
