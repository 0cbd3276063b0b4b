import type { Namespace, Node, Pod } from 'kubernetes-types/core/v1';
import { Rng } from '../sim/rng';
import { noListers, noNamespaces, SchedulerCache } from './cache/cache';
import { CycleState } from './framework/cycleState';
import { FitError, newDiagnosis } from './framework/fitError';
import type { WorkloadListers } from './framework/interface';
import type { NodeInfo } from './framework/nodeInfo';
import { newPodInfo } from './framework/podInfo';
import { codeName, Code, Status } from './framework/status';
import { newFramework, type PluginConfig } from './plugins/registry';

/** NodeVerdict is one node's line in the inspector: why it was rejected, or how it scored. */
export interface NodeVerdict {
  node: string;
  feasible: boolean;
  /** rejectedBy is the first plugin that rejected the node (Filters stop at the first rejection). */
  rejectedBy?: { plugin: string; code: string; reasons: string[] };
  /** scores are each plugin's weighted score, in profile order; only for feasible nodes. */
  scores?: { plugin: string; score: number }[];
  totalScore?: number;
}

/** SchedulingExplanation answers "where would this pod go, and why not elsewhere?". */
export interface SchedulingExplanation {
  nodes: NodeVerdict[];
  /** message is the FailedScheduling text (without the preemption part) when no node fits. */
  message?: string;
  /** bestNodes are the feasible nodes sharing the highest total; the scheduler picks one at random. */
  bestNodes: string[];
}

/**
 * ExplainOptions let the inspector pass listers (for default spreading), the Namespaces (for
 * InterPodAffinity's namespaceSelectors) or a custom profile.
 */
export interface ExplainOptions {
  listers?: WorkloadListers;
  namespaces?: readonly Namespace[];
  plugins?: readonly PluginConfig[];
}

/**
 * explainScheduling runs the default profile for pod over nodes and the pods already on them, on
 * every node (no percentageOfNodesToScore sampling and no preemption), and reports each node's
 * verdict. It is pure: nothing is bound and no API is called.
 */
export function explainScheduling(pod: Pod, nodes: readonly Node[], pods: readonly Pod[], opts: ExplainOptions = {}): SchedulingExplanation {
  const namespaces = opts.namespaces;
  const cache = new SchedulerCache(
    opts.listers ?? noListers,
    undefined,
    namespaces ? { get: (name) => namespaces.find((ns) => ns.metadata?.name === name), list: () => namespaces } : noNamespaces,
  );
  for (const n of nodes) cache.addNode(n);
  for (const p of pods) {
    const phase = p.status?.phase;
    if (p.spec?.nodeName && phase !== 'Succeeded' && phase !== 'Failed') cache.addPod(p);
  }
  const fwk = newFramework(new Rng('explain'), opts.plugins);
  const pi = newPodInfo(pod);
  const state = new CycleState(pi, cache);
  const all = cache.list();
  const verdicts = new Map<string, NodeVerdict>();
  const reject = (ni: NodeInfo, s: Status) =>
    verdicts.set(ni.name, { node: ni.name, feasible: false, rejectedBy: { plugin: s.plugin, code: codeName(s.code), reasons: [...s.reasons] } });

  const pre = fwk.runPreFilterPlugins(state, pod);
  const feasible: NodeInfo[] = [];
  const diagnosis = newDiagnosis();
  if (pre.status && !pre.status.isSuccess()) {
    for (const ni of all) reject(ni, pre.status);
    diagnosis.preFilterMsg = pre.status.message();
  } else {
    const filters = fwk.activeFilters(state);
    const narrowed = pre.result?.nodeNames;
    for (const ni of all) {
      let s: Status | null;
      if (narrowed && !narrowed.has(ni.name)) {
        const plugins = [...pre.pluginsWithNodes].sort().join(' ');
        s = new Status(Code.UnschedulableAndUnresolvable, `node(s) didn't satisfy plugin(s) [${plugins}]`).withPlugin(plugins);
      } else {
        s = fwk.runFilterPluginsWithNominatedPods(state, pod, ni, filters);
      }
      if (s === null) feasible.push(ni);
      else {
        reject(ni, s);
        diagnosis.nodeToStatus.set(ni.name, s);
      }
    }
  }

  const bestNodes: string[] = [];
  if (feasible.length > 0) {
    const preScore = fwk.runPreScorePlugins(state, pod, feasible);
    const scored = preScore ?? fwk.runScorePlugins(state, pod, feasible);
    if (scored instanceof Status) {
      for (const ni of feasible) verdicts.set(ni.name, { node: ni.name, feasible: true });
    } else {
      let best = -1;
      feasible.forEach((ni, i) => {
        const total = scored.totals[i];
        verdicts.set(ni.name, {
          node: ni.name,
          feasible: true,
          scores: scored.perPlugin.map((p) => ({ plugin: p.name, score: p.scores[i] })),
          totalScore: total,
        });
        if (total > best) {
          best = total;
          bestNodes.length = 0;
        }
        if (total === best) bestNodes.push(ni.name);
      });
    }
  }

  const out: NodeVerdict[] = [];
  for (const n of nodes) {
    const v = verdicts.get(n.metadata?.name ?? '');
    if (v) out.push(v);
  }
  const message = feasible.length === 0 ? new FitError(pod, all.length, diagnosis).error() : undefined;
  return { nodes: out, message, bestNodes };
}
