import { create } from 'zustand';
import type { ClockState } from '../../hosts/shared/simRunner';
import type { KubeObject } from '../../engine/api/object';
import type { WatchedResource } from './watchedResources';

/** ObjectMap holds one resource's objects by informer key ("namespace/name", or "name"). */
export type ObjectMap<T = KubeObject> = Record<string, T>;

/** ClusterState is the page's watch-fed cache: objects change only through watch events. */
export interface ClusterState {
  objects: Record<WatchedResource, ObjectMap>;
  synced: boolean;
  clock?: ClockState;
  error?: string;
}

const emptyObjects = (): Record<WatchedResource, ObjectMap> =>
  ({ nodes: {}, pods: {}, services: {}, endpointslices: {}, deployments: {}, replicasets: {}, events: {}, namespaces: {}, configmaps: {}, secrets: {}, jobs: {} });

/** useClusterStore holds the cluster as the API reports it. */
export const useClusterStore = create<ClusterState>(() => ({ objects: emptyObjects(), synced: false }));

export const selectObjects =
  <T = KubeObject>(resource: WatchedResource) =>
  (s: ClusterState) =>
    s.objects[resource] as ObjectMap<T>;
export const selectSynced = (s: ClusterState) => s.synced;
export const selectClock = (s: ClusterState) => s.clock;
export const selectError = (s: ClusterState) => s.error;
