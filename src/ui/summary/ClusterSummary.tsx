import { useMemo } from 'react';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import { selectObjects, useClusterStore } from '../state/clusterStore';
import { countCluster } from './clusterSummary';

/**
 * ClusterSummary shows node and pod counts; its data attributes let tests and tools wait for a
 * cluster whose nodes are not all drawn (the canvas renders only what is visible).
 */
export function ClusterSummary() {
  const nodes = useClusterStore(selectObjects<Node>('nodes'));
  const pods = useClusterStore(selectObjects<Pod>('pods'));
  const c = useMemo(() => countCluster(nodes, pods), [nodes, pods]);
  return (
    <p
      className="cluster-summary"
      data-testid="cluster-summary"
      data-nodes={c.nodes}
      data-nodes-ready={c.nodesReady}
      data-pods={c.pods}
      data-pods-running={c.podsRunning}
      data-pods-pending={c.podsPending}
    >
      {c.nodesReady}/{c.nodes} nodes Ready · {c.podsRunning}/{c.pods} pods Running{c.podsPending > 0 && ` · ${c.podsPending} Pending`}
    </p>
  );
}
