import { create } from 'zustand';
import type { ClockState } from '../../hosts/shared/simRunner';
import type { KubeObject } from '../../engine/api/object';
import type { CachedResource } from './cachedResources';

/** ObjectMap holds one resource's objects by informer key ("namespace/name", or "name"). */
export type ObjectMap<T = KubeObject> = Record<string, T>;

/**
 * BatchChanges names the keys one watch batch changed in a resource (the map it started from, and
 * the keys it added, replaced or deleted), so that derived views update per change, not per object.
 */
export interface BatchChanges {
  from: ObjectMap;
  keys: readonly string[];
}

/** ClusterState is the page's watch-fed cache: objects change only through watch events. */
export interface ClusterState {
  objects: Record<CachedResource, ObjectMap>;
  /** changes describe how the last watch batch turned the previous objects into these. */
  changes: Partial<Record<CachedResource, BatchChanges>>;
  synced: boolean;
  clock?: ClockState;
  error?: string;
}

const emptyObjects = (): Record<CachedResource, ObjectMap> =>
  ({
    nodes: {},
    pods: {},
    services: {},
    endpointslices: {},
    deployments: {},
    replicasets: {},
    statefulsets: {},
    daemonsets: {},
    jobs: {},
    cronjobs: {},
    namespaces: {},
    configmaps: {},
    secrets: {},
  });

/** useClusterStore holds the cluster as the API reports it. */
export const useClusterStore = create<ClusterState>(() => ({ objects: emptyObjects(), changes: {}, synced: false }));

export const selectObjects =
  <T = KubeObject>(resource: CachedResource) =>
  (s: ClusterState) =>
    s.objects[resource] as ObjectMap<T>;
export const selectSynced = (s: ClusterState) => s.synced;
export const selectClock = (s: ClusterState) => s.clock;
export const selectError = (s: ClusterState) => s.error;

/**
 * changedKeys lists the keys in which s.objects[resource] differs from prev, a map of that resource
 * the caller saw before: the last batch's keys when it started from prev, else undefined (the
 * caller must compare the maps itself, as after a reset or when it skipped a batch).
 */
export function changedKeys(s: ClusterState, resource: CachedResource, prev: ObjectMap<unknown>): readonly string[] | undefined {
  const c = s.changes[resource];
  return c && c.from === prev ? c.keys : undefined;
}
