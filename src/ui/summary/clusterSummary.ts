import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ObjectMap } from '../state/clusterStore';

/** ClusterCounts is what `kubectl get nodes,pods -A` would let you count by hand. */
export interface ClusterCounts {
  nodes: number;
  nodesReady: number;
  pods: number;
  podsRunning: number;
  podsPending: number;
}

const isReady = (n: Node) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;

/** countCluster counts nodes by readiness and pods by phase (terminating pods count by their phase, as kubectl shows them). */
export function countCluster(nodes: ObjectMap<Node>, pods: ObjectMap<Pod>): ClusterCounts {
  const c: ClusterCounts = { nodes: 0, nodesReady: 0, pods: 0, podsRunning: 0, podsPending: 0 };
  for (const key in nodes) {
    c.nodes++;
    if (isReady(nodes[key])) c.nodesReady++;
  }
  for (const key in pods) {
    c.pods++;
    const phase = pods[key].status?.phase;
    if (phase === 'Running') c.podsRunning++;
    else if (phase === 'Pending') c.podsPending++;
  }
  return c;
}
