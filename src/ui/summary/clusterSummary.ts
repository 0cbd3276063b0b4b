import type { Node, Pod } from 'kubernetes-types/core/v1';
import { changedKeys, type ClusterState, type ObjectMap } from '../state/clusterStore';

/** ClusterCounts is what `kubectl get nodes,pods -A` would let you count by hand. */
export interface ClusterCounts {
  nodes: number;
  nodesReady: number;
  pods: number;
  podsRunning: number;
  podsPending: number;
}

const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

function countNode(c: ClusterCounts, n: Node | undefined, sign: 1 | -1): void {
  if (!n) return;
  c.nodes += sign;
  if (isReady(n)) c.nodesReady += sign;
}

// Terminating pods count by their phase, as kubectl shows them.
function countPod(c: ClusterCounts, p: Pod | undefined, sign: 1 | -1): void {
  if (!p) return;
  c.pods += sign;
  const phase = p.status?.phase;
  if (phase === 'Running') c.podsRunning += sign;
  else if (phase === 'Pending') c.podsPending += sign;
}

const sameCounts = (a: ClusterCounts, b: ClusterCounts) =>
  a.nodes === b.nodes && a.nodesReady === b.nodesReady && a.pods === b.pods && a.podsRunning === b.podsRunning && a.podsPending === b.podsPending;

/** countCluster counts nodes by readiness and pods by phase. */
export function countCluster(nodes: ObjectMap<Node>, pods: ObjectMap<Pod>): ClusterCounts {
  const c: ClusterCounts = { nodes: 0, nodesReady: 0, pods: 0, podsRunning: 0, podsPending: 0 };
  for (const key in nodes) countNode(c, nodes[key], 1);
  for (const key in pods) countPod(c, pods[key], 1);
  return c;
}

/**
 * ClusterCounter keeps ClusterCounts in step with the cache: a watch batch costs a look at the
 * keys it changed (the old object counted out, the new one in), not a pass over every pod. It
 * counts afresh when it cannot tell what changed.
 */
export class ClusterCounter {
  private nodes: ObjectMap<Node> = {};
  private pods: ObjectMap<Pod> = {};
  private counts = countCluster({}, {});

  /** sync returns the counts of s, the same object as long as the counts do not change. */
  sync(s: ClusterState): ClusterCounts {
    const nodes = s.objects.nodes as ObjectMap<Node>;
    const pods = s.objects.pods as ObjectMap<Pod>;
    if (nodes === this.nodes && pods === this.pods) return this.counts;
    const nodeKeys = nodes === this.nodes ? [] : changedKeys(s, 'nodes', this.nodes);
    const podKeys = pods === this.pods ? [] : changedKeys(s, 'pods', this.pods);
    let c: ClusterCounts;
    if (nodeKeys && podKeys) {
      c = { ...this.counts };
      for (const k of nodeKeys) {
        countNode(c, this.nodes[k], -1);
        countNode(c, nodes[k], 1);
      }
      for (const k of podKeys) {
        countPod(c, this.pods[k], -1);
        countPod(c, pods[k], 1);
      }
    } else {
      c = countCluster(nodes, pods);
    }
    this.nodes = nodes;
    this.pods = pods;
    if (!sameCounts(c, this.counts)) this.counts = c;
    return this.counts;
  }
}
