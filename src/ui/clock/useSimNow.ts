import { useClusterStore, type ClusterState } from '../state/clusterStore';

// Ages print whole seconds: rounding here re-renders readers once per simulated second, not per poll.
const selectSimSecond = (s: ClusterState) => (s.clock ? Math.floor(Date.parse(s.clock.now) / 1000) * 1000 : undefined);

/** useSimNow is the simulated time (ms, whole seconds) that ages are measured against; undefined before the first clock read. */
export function useSimNow(): number | undefined {
  return useClusterStore(selectSimSecond);
}
