import type { Event } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/object';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { ApiClient } from '../../engine/client/apiClient';
import { Informer, keyOf } from '../../engine/client/informer';
import { useClusterStore } from './clusterStore';
import type { EventChanges } from '../timeline/eventIndex';
import { applyBatch, takeBatch, type Pending } from './watchBatch';
import { cachedResources, type CachedResource } from './cachedResources';

/**
 * eventsEveryMs spaces the batches of events: they come with every pod, and the timeline and the
 * inspector that read them stay current with a few refreshes a second, each in a task of its own
 * rather than inside a frame's batch.
 */
const eventsEveryMs = 250;

/** renderShare bounds the main thread's time spent applying watch batches (and rendering them). */
const renderShare = 0.3;

/** maxChangesPerFrame bounds one frame's batch: a burst beyond it is drawn over the next frames. */
const maxChangesPerFrame = 250;

/** retryAfter backs off failed lists on the page's own clock. */
const retryAfter = (ms: number, fn: () => void) => void setTimeout(fn, ms);

/** EventSink takes the events the watch brings, batch by batch. */
export interface EventSink {
  apply(changes: EventChanges): void;
}

/**
 * startWatchFeed keeps the zustand cache and the events sink in step with the API: the engine's
 * own Informer lists and watches each watched resource. Object changes are squashed into one
 * setState per animation frame (run just after the frame), so a burst of pod updates costs the
 * main thread one render per frame, of at most maxChangesPerFrame keys. After a costly render the
 * next waits long enough for input and painting to keep most of each second. Events go to the sink
 * every eventsEveryMs.
 */
export async function startWatchFeed(client: ApiClient, events: EventSink): Promise<() => void> {
  const pending: Pending = new Map();
  let frame = 0;
  let notBefore = 0;
  // The batch runs in a task of its own right after a frame: the page then lays out and paints the
  // batch's DOM changes in the next frame's task, so neither task carries both costs.
  const afterFrame = new MessageChannel();
  const flush = () => {
    frame = 0;
    const now = performance.now();
    if (now < notBefore) return schedule();
    const due = takeBatch(pending, maxChangesPerFrame);
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
  const note = (resource: CachedResource, key: string, obj: KubeObject | null) => {
    let slice = pending.get(resource);
    if (!slice) pending.set(resource, (slice = new Map()));
    slice.set(key, obj);
    schedule();
  };

  let pendingEvents = new Map<string, Event | null>();
  let eventsTimer: ReturnType<typeof setTimeout> | undefined;
  const flushEvents = () => {
    eventsTimer = undefined;
    const batch = pendingEvents;
    pendingEvents = new Map();
    events.apply(batch);
  };
  const noteEvent = (key: string, event: Event | null) => {
    pendingEvents.set(key, event);
    eventsTimer ??= setTimeout(flushEvents, eventsEveryMs);
  };

  const informers = (Object.keys(cachedResources) as CachedResource[]).map((resource) => {
    const informer = new Informer<KubeObject>(client, cachedResources[resource], {}, retryAfter);
    informer.addEventHandler({
      onAdd: (o) => note(resource, keyOf(o), o),
      onUpdate: (_old, o) => note(resource, keyOf(o), o),
      onDelete: (o) => note(resource, keyOf(o), null),
    });
    return informer;
  });
  const eventInformer = new Informer<Event>(client, Resources.events, {}, retryAfter);
  eventInformer.addEventHandler({
    onAdd: (e) => noteEvent(keyOf(e), e),
    onUpdate: (_old, e) => noteEvent(keyOf(e), e),
    onDelete: (e) => noteEvent(keyOf(e), null),
  });
  await Promise.all([...informers.map((i) => i.start()), eventInformer.start()]);
  useClusterStore.setState({ synced: true });
  return () => {
    for (const i of informers) i.stop();
    eventInformer.stop();
    if (frame) cancelAnimationFrame(frame);
    if (eventsTimer) clearTimeout(eventsTimer);
    afterFrame.port1.close();
  };
}
