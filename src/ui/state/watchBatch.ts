import type { KubeObject } from '../../engine/api/object';
import type { BatchChanges, ClusterState, ObjectMap } from './clusterStore';
import type { CachedResource } from './cachedResources';

/** Pending holds the changes the watch brought that the cache has not taken yet: per resource, the latest object per key (null: deleted). */
export type Pending = Map<CachedResource, Map<string, KubeObject | null>>;

/**
 * takeBatch moves up to maxChanges keys in all out of pending. What does not fit stays pending in
 * arrival order for the next frame, so a burst (a thousand pods created at once) is drawn over a
 * few frames instead of in one task that freezes the page.
 */
export function takeBatch(pending: Pending, maxChanges: number): Pending {
  const due: Pending = new Map();
  let room = maxChanges;
  for (const [resource, changes] of pending) {
    if (room === 0) break;
    if (changes.size <= room) {
      due.set(resource, changes);
      pending.delete(resource);
      room -= changes.size;
      continue;
    }
    const part = new Map<string, KubeObject | null>();
    for (const [key, obj] of changes) {
      if (part.size === room) break;
      part.set(key, obj);
      changes.delete(key);
    }
    due.set(resource, part);
    room = 0;
  }
  return due;
}

/** applyBatch is the cache after a batch: changed resources get new maps, and changes say which keys moved. */
export function applyBatch(s: ClusterState, batch: Pending): Pick<ClusterState, 'objects' | 'changes'> {
  const objects = { ...s.objects };
  const changes: Partial<Record<CachedResource, BatchChanges>> = {};
  for (const [resource, updates] of batch) {
    const from = objects[resource];
    const next: ObjectMap = { ...from };
    for (const [k, v] of updates) {
      if (v) next[k] = v;
      else delete next[k];
    }
    objects[resource] = next;
    changes[resource] = { from, keys: [...updates.keys()] };
  }
  return { objects, changes };
}
