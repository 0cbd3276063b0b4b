import type { KubeObject } from '../../engine/api/object';
import type { ApiClient } from '../../engine/client/apiClient';
import { Informer, keyOf } from '../../engine/client/informer';
import { useClusterStore } from './clusterStore';
import { applyBatch, takeBatch, type Pending } from './watchBatch';
import { watchedResources, type WatchedResource } from './watchedResources';

/**
 * refreshEveryMs slows the resources nobody watches at 60 Hz: the events map grows with every pod
 * and is read by the timeline and inspector, which refresh a few times a second anyway.
 */
const refreshEveryMs: Partial<Record<WatchedResource, number>> = { events: 250 };

/** renderShare bounds the main thread's time spent applying watch batches (and rendering them). */
const renderShare = 0.3;

/** maxChangesPerFrame bounds one frame's batch: a burst beyond it is drawn over the next frames. */
const maxChangesPerFrame = 250;

/**
 * startWatchFeed keeps the zustand cache in step with the API: the engine's own Informer lists and
 * watches each watched resource, and changes are squashed into one setState per animation frame
 * (run just after the frame),
 * so a burst of pod updates costs the main thread one render per frame, of at most
 * maxChangesPerFrame keys. After a costly render the next waits long enough for input and painting
 * to keep most of each second.
 */
export async function startWatchFeed(client: ApiClient): Promise<() => void> {
  const pending: Pending = new Map();
  const flushedAt = new Map<WatchedResource, number>();
  let frame = 0;
  let notBefore = 0;
  // The batch runs in a task of its own right after a frame: the page then lays out and paints the
  // batch's DOM changes in the next frame's task, so neither task carries both costs.
  const afterFrame = new MessageChannel();
  const flush = () => {
    frame = 0;
    const now = performance.now();
    if (now < notBefore) return schedule();
    const due = takeBatch(pending, flushedAt, now, refreshEveryMs, maxChangesPerFrame);
    if (due.size) {
      const t0 = performance.now();
      useClusterStore.setState((s) => applyBatch(s, due));
      const cost = performance.now() - t0;
      notBefore = t0 + cost / renderShare;
    }
    if (pending.size) schedule();
  };
  afterFrame.port1.onmessage = flush;
  const schedule = () => {
    if (!frame) frame = requestAnimationFrame(() => afterFrame.port2.postMessage(null));
  };
  const note = (resource: WatchedResource, key: string, obj: KubeObject | null) => {
    let slice = pending.get(resource);
    if (!slice) pending.set(resource, (slice = new Map()));
    slice.set(key, obj);
    schedule();
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
    afterFrame.port1.close();
  };
}
