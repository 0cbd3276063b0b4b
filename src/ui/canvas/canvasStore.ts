import type { Pod } from 'kubernetes-types/core/v1';
import { create } from 'zustand';
import { changedKeys, useClusterStore, type ClusterState, type ObjectMap } from '../state/clusterStore';
import { useUiStore } from '../state/uiStore';
import { diffPods, nextActivity, type ActivityState } from './activity';
import { EmptyNodePods, PodPlacement, type NodePods } from './podPlacement';

/** CanvasState is the canvas's view of the cache: pods placed per node, activity pulses, overlays. */
export interface CanvasState {
  /** placements holds each node's pods (Unscheduled: the lane's); a list changes only when its pods do. */
  placements: Readonly<Record<string, NodePods>>;
  activity: ActivityState;
  /** ownership shows the Deployment → ReplicaSet → Pod overlay. */
  ownership: boolean;
}

/** useCanvasStore holds what the canvas derives from useClusterStore, kept in step by connectCanvasStore. */
export const useCanvasStore = create<CanvasState>(() => ({
  placements: {},
  activity: { seq: 0, kubelets: {}, pods: {} },
  ownership: false,
}));

/** selectPlacement picks one node's pods (a stable empty value for a node without any). */
export const selectPlacement = (node: string) => (s: CanvasState) => s.placements[node] ?? EmptyNodePods;

function rebuild(placement: PodPlacement): Record<string, NodePods> {
  const all: Record<string, NodePods> = {};
  for (const node of placement.placements()) all[node] = placement.podsOf(node);
  return all;
}

/**
 * connectCanvasStore follows the cluster cache and the namespace filter: each store change costs a
 * look at the keys the watch batch changed and a rebuild of the touched nodes' lists only. Activity
 * starts from what is already there, so a page load does not replay every pod as new.
 */
export function connectCanvasStore(): () => void {
  const placement = new PodPlacement();
  placement.setNamespace(useUiStore.getState().namespace);
  let pods = useClusterStore.getState().objects.pods as ObjectMap<Pod>;
  placement.update({}, pods);
  useCanvasStore.setState({ placements: rebuild(placement) });

  const onCluster = (s: ClusterState, prev: ClusterState) => {
    if (s.objects === prev.objects) return;
    const next = s.objects.pods as ObjectMap<Pod>;
    const keys = changedKeys(s, 'pods', pods);
    const changes = diffPods(pods, next, keys);
    const dirty = placement.update(pods, next, keys);
    pods = next;
    useCanvasStore.setState((c) => {
      let placements = c.placements;
      if (dirty.size) {
        const next: Record<string, NodePods> = { ...placements };
        for (const node of dirty) {
          const list = placement.podsOf(node);
          if (list === EmptyNodePods) delete next[node];
          else next[node] = list;
        }
        placements = next;
      }
      const activity = nextActivity(c.activity, true, changes, performance.now());
      return placements === c.placements && activity === c.activity ? c : { placements, activity };
    });
  };
  const unsubscribeCluster = useClusterStore.subscribe(onCluster);
  const unsubscribeUi = useUiStore.subscribe((s, prev) => {
    if (s.namespace === prev.namespace) return;
    placement.setNamespace(s.namespace);
    useCanvasStore.setState({ placements: rebuild(placement) });
  });
  return () => {
    unsubscribeCluster();
    unsubscribeUi();
  };
}
