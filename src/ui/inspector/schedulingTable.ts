import type { Pod } from 'kubernetes-types/core/v1';
import type { PodSchedulingExplanation } from '../../hosts/shared/schedulingApi';
import { ConfigMirrorAnnotation } from '../../engine/kubelet/mirrorPods';

/** SchedulingRow is one node's line in the inspector's scheduling table. */
export interface SchedulingRow {
  node: string;
  /** outcome: best is among the highest totals (the scheduler picks one of those at random). */
  outcome: 'best' | 'feasible' | 'rejected';
  /** bound says the pod runs there now. */
  bound: boolean;
  plugin?: string;
  reason?: string;
  /** scores line up with SchedulingTable.plugins; undefined for a rejected node. */
  scores: (number | undefined)[];
  total?: number;
}

/** SchedulingTable is an explanation shaped for display. */
export interface SchedulingTable {
  /** plugins are the Score plugins, in profile order: the table's score columns. */
  plugins: string[];
  rows: SchedulingRow[];
  summary: string;
}

/**
 * schedulingTable shapes the engine's explanation: feasible nodes first, highest total first, then
 * rejected nodes in the scheduler's node order, and a one-line summary.
 */
export function schedulingTable(ex: PodSchedulingExplanation): SchedulingTable {
  const plugins: string[] = [];
  for (const v of ex.nodes) for (const s of v.scores ?? []) if (!plugins.includes(s.plugin)) plugins.push(s.plugin);
  const best = new Set(ex.bestNodes);
  const rows = ex.nodes.map((v): SchedulingRow => {
    const byPlugin = new Map(v.scores?.map((s) => [s.plugin, s.score]));
    return {
      node: v.node,
      outcome: best.has(v.node) ? 'best' : v.feasible ? 'feasible' : 'rejected',
      bound: v.node === ex.pod.nodeName,
      plugin: v.rejectedBy?.plugin,
      reason: v.rejectedBy?.reasons.join('; '),
      scores: plugins.map((p) => byPlugin.get(p)),
      total: v.totalScore,
    };
  });
  const rank = { best: 0, feasible: 1, rejected: 2 };
  // Array.prototype.sort is stable: rejected nodes keep the node order.
  rows.sort((a, b) => rank[a.outcome] - rank[b.outcome] || (b.total ?? 0) - (a.total ?? 0));
  return { plugins, rows, summary: summarize(ex) };
}

function summarize(ex: PodSchedulingExplanation): string {
  if (ex.message) return ex.message;
  const feasible = ex.nodes.filter((n) => n.feasible).length;
  const fit = `${feasible} of ${ex.nodes.length} nodes fit`;
  if (ex.bestNodes.length === 0) return `${fit}.`;
  const top = ex.nodes.find((n) => n.node === ex.bestNodes[0])?.totalScore;
  const where = ex.bestNodes.length === 1 ? ex.bestNodes[0] : `${ex.bestNodes.join(', ')} (tied: the scheduler picks one at random)`;
  return `${fit}; highest score ${top} on ${where}.`;
}

/** schedulingPreamble says what the explanation means for this pod: it is pending, bound, or never scheduled. */
export function schedulingPreamble(ex: PodSchedulingExplanation, pod: Pod): string {
  const { nodeName, schedulerName } = ex.pod;
  if (pod.metadata?.annotations?.[ConfigMirrorAnnotation] !== undefined) {
    return `Static pod: the kubelet on ${nodeName} runs it from a manifest and the scheduler never places it. As a pending pod, the default profile would find:`;
  }
  if (nodeName) return `Bound to ${nodeName}. Were it scheduled again now, the default profile would find:`;
  if (schedulerName !== 'default-scheduler') return `Pending for scheduler "${schedulerName}", which this cluster does not run. The default profile would find:`;
  return 'Pending. The default profile, on every node now:';
}
