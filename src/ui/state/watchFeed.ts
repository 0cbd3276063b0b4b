import type { Node, Pod } from 'kubernetes-types/core/v1';
import type { ApiClient } from '../../engine/client/apiClient';
import { Informer, keyOf } from '../../engine/client/informer';
import { Resources } from '../../engine/apiserver/registry/resources';
import { useClusterStore, type ClusterState } from './clusterStore';

type Slice = 'nodes' | 'pods';

/**
 * startWatchFeed keeps the zustand cache in step with the API: the engine's own Informer lists and
 * watches, and changes are squashed into one setState per animation frame, so a burst of a
 * thousand pod updates costs the main thread one render.
 */
export async function startWatchFeed(client: ApiClient): Promise<() => void> {
  const pending: Record<Slice, Map<string, Node | Pod | null>> = { nodes: new Map(), pods: new Map() };
  let frame = 0;
  const flush = () => {
    frame = 0;
    useClusterStore.setState((s) => applyPending(s, pending));
  };
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(flush);
  };
  const feed = <T extends Node | Pod>(slice: Slice, informer: Informer<T>) => {
    informer.addEventHandler({
      onAdd: (o) => (pending[slice].set(keyOf(o), o), schedule()),
      onUpdate: (_old, o) => (pending[slice].set(keyOf(o), o), schedule()),
      onDelete: (o) => (pending[slice].set(keyOf(o), null), schedule()),
    });
    return informer;
  };
  const nodes = feed('nodes', new Informer<Node>(client, Resources.nodes));
  const pods = feed('pods', new Informer<Pod>(client, Resources.pods));
  await Promise.all([nodes.start(), pods.start()]);
  useClusterStore.setState({ synced: true });
  return () => {
    nodes.stop();
    pods.stop();
    if (frame) cancelAnimationFrame(frame);
  };
}

function applyPending(s: ClusterState, pending: Record<Slice, Map<string, Node | Pod | null>>): Partial<ClusterState> {
  const out: Partial<ClusterState> = {};
  for (const slice of ['nodes', 'pods'] as const) {
    if (pending[slice].size === 0) continue;
    const next = { ...s[slice] } as Record<string, Node | Pod>;
    for (const [k, v] of pending[slice]) {
      if (v) next[k] = v;
      else delete next[k];
    }
    pending[slice].clear();
    (out as Record<Slice, unknown>)[slice] = next;
  }
  return out;
}
