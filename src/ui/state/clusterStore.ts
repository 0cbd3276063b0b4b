import { create } from 'zustand';
import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ClockState } from '../../hosts/shared/simRunner';

/** ClusterState is the page's watch-fed cache: it changes only through watch events. */
export interface ClusterState {
  nodes: Record<string, Node>;
  pods: Record<string, Pod>;
  synced: boolean;
  clock?: ClockState;
  error?: string;
}

/** useClusterStore holds the cluster as the API reports it. */
export const useClusterStore = create<ClusterState>(() => ({ nodes: {}, pods: {}, synced: false }));

export const selectNodes = (s: ClusterState) => s.nodes;
export const selectPods = (s: ClusterState) => s.pods;
export const selectSynced = (s: ClusterState) => s.synced;
export const selectClock = (s: ClusterState) => s.clock;
export const selectError = (s: ClusterState) => s.error;
