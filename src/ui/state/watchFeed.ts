import type { KubeObject } from '../../engine/api/object';
import type { ApiClient } from '../../engine/client/apiClient';
import { Informer, keyOf } from '../../engine/client/informer';
import { useClusterStore, type ClusterState } from './clusterStore';
import { watchedResources, type WatchedResource } from './watchedResources';

type Pending = Map<WatchedResource, Map<string, KubeObject | null>>;

/**
 * startWatchFeed keeps the zustand cache in step with the API: the engine's own Informer lists and
 * watches each watched resource, and changes are squashed into one setState per animation frame,
 * so a burst of a thousand pod updates costs the main thread one render.
 */
export async function startWatchFeed(client: ApiClient): Promise<() => void> {
  const pending: Pending = new Map();
  let frame = 0;
  const flush = () => {
    frame = 0;
    useClusterStore.setState((s) => applyPending(s, pending));
  };
  const note = (resource: WatchedResource, key: string, obj: KubeObject | null) => {
    let slice = pending.get(resource);
    if (!slice) pending.set(resource, (slice = new Map()));
    slice.set(key, obj);
    if (!frame) frame = requestAnimationFrame(flush);
  };
  const informers = (Object.keys(watchedResources) as WatchedResource[]).map((resource) => {
    const informer = new Informer<KubeObject>(client, watchedResources[resource]);
    informer.addEventHandler({
      onAdd: (o) => note(resource, keyOf(o), o),
      onUpdate: (_old, o) => note(resource, keyOf(o), o),
      onDelete: (o) => note(resource, keyOf(o), null),
    });
    return informer;
  });
  await Promise.all(informers.map((i) => i.start()));
  useClusterStore.setState({ synced: true });
  return () => {
    for (const i of informers) i.stop();
    if (frame) cancelAnimationFrame(frame);
  };
}

function applyPending(s: ClusterState, pending: Pending): Partial<ClusterState> {
  const objects = { ...s.objects };
  for (const [resource, changes] of pending) {
    const next = { ...objects[resource] };
    for (const [k, v] of changes) {
      if (v) next[k] = v;
      else delete next[k];
    }
    objects[resource] = next;
  }
  pending.clear();
  return { objects };
}
