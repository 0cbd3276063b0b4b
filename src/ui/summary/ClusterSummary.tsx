import { useClusterStore, type ClusterState } from '../state/clusterStore';
import { ClusterCounter } from './clusterSummary';

// One summary per page, so one counter, kept across renders by the selector.
const counter = new ClusterCounter();
const selectCounts = (s: ClusterState) => counter.sync(s);

/**
 * ClusterSummary shows node and pod counts; its data attributes let tests and tools wait for a
 * cluster whose nodes are not all drawn (the canvas renders only what is visible).
 */
export function ClusterSummary() {
  const c = useClusterStore(selectCounts);
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
