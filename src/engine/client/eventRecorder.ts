import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { TypedObject } from '../api/object';
import { Resources } from '../apiserver/registry/resources';
import type { Sim } from '../sim/sim';
import { formatTime } from '../sim/clock';
import type { ApiClient } from './apiClient';

/** EventType is core/v1 Event.type. */
export const EventType = { Normal: 'Normal', Warning: 'Warning' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

interface Seen {
  name: string;
  namespace: string;
  count: number;
  first: string;
}

/** Recorded is an event waiting in the broadcaster's queue, stamped when it was recorded. */
interface Recorded {
  ref: ObjectReference;
  type: EventType;
  reason: string;
  message: string;
  at: number;
}

/** aggregationWindowMs is how long a repeated event is counted instead of re-created (EventCorrelator). */
const aggregationWindowMs = 10 * 60 * 1000;

/** maxLruCacheEntries bounds the events a recorder remembers for aggregation, as client-go's EventCorrelator does. */
export const maxLruCacheEntries = 4096;

/** maxQueuedEvents is client-go's broadcaster queue length; events recorded while it is full are dropped. */
export const maxQueuedEvents = 1000;

/**
 * EventRecorder is client-go's record.EventRecorder with its broadcaster: components report what
 * they did as core/v1 Events through the API. Recording only queues the event (up to 1000, then
 * drops, as the broadcaster's DropIfChannelFull does); a sink writes the queue in order once the
 * recording component's current work yields, so a scheduling cycle never waits for an Event
 * write. A repeat of the same event within ten minutes bumps count and lastTimestamp on the
 * existing Event, as the EventCorrelator does.
 */
export class EventRecorder {
  private readonly seen = new Map<string, Seen & { at: number }>();
  private queue: Recorded[] = [];
  private flushQueued = false;
  private sweptAt = NaN;

  constructor(
    private readonly client: ApiClient,
    private readonly sim: Sim,
    private readonly component: string,
    private readonly host?: string,
  ) {}

  /**
   * event records reason/message against obj; failures are dropped, as upstream's are. fieldPath
   * points into the object (the kubelet's "spec.containers{nginx}").
   */
  event(obj: TypedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    if (this.queue.length >= maxQueuedEvents) return;
    this.queue.push({ ref: referenceTo(obj, fieldPath), type, reason, message, at: this.sim.clock.now() });
    if (this.flushQueued) return;
    this.flushQueued = true;
    // A resolved promise rather than queueMicrotask, which costs an AsyncResource per call in Node.
    void Promise.resolve().then(() => this.flush());
  }

  /** flush is the sink: it writes the queued events in the order they were recorded. */
  private flush(): void {
    this.flushQueued = false;
    const queued = this.queue;
    this.queue = [];
    for (const e of queued) void this.record(e).catch(() => undefined);
  }

  private forgetOlderThan(cutoff: number): void {
    // Nothing expires twice at one instant: sweep once per simulated millisecond.
    if (cutoff === this.sweptAt) return;
    this.sweptAt = cutoff;
    for (const [key, seen] of this.seen) {
      if (seen.at >= cutoff) return;
      this.seen.delete(key);
    }
  }

  private async record({ ref, type, reason, message, at: now }: Recorded): Promise<void> {
    const ts = formatTime(now);
    const key = `${ref.uid}/${ref.fieldPath ?? ''}/${reason}/${type}/${message}`;
    this.forgetOlderThan(now - aggregationWindowMs);
    const prev = this.seen.get(key);
    if (prev) {
      prev.count++;
      prev.at = now;
      // Re-inserting keeps the map ordered by last use, so forgetting stops at the first recent one.
      this.seen.delete(key);
      this.seen.set(key, prev);
      await this.client.patch(Resources.events, prev.namespace, prev.name, 'merge', { count: prev.count, lastTimestamp: ts });
      return;
    }
    const namespace = ref.namespace || 'default';
    const name = `${ref.name}.${this.sim.clock.uniqueNanos().toString(16)}`;
    this.seen.set(key, { name, namespace, count: 1, first: ts, at: now });
    // Least recently used first: a repeat moves its entry to the end (above).
    if (this.seen.size > maxLruCacheEntries) this.seen.delete(this.seen.keys().next().value!);
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace },
      involvedObject: ref,
      reason,
      message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      reportingComponent: this.component,
      reportingInstance: this.host ?? '',
    };
    await this.client.create(Resources.events, ev);
  }
}

/** referenceTo builds the ObjectReference an Event points at. */
export function referenceTo(obj: TypedObject, fieldPath?: string): ObjectReference {
  const m = obj.metadata ?? {};
  const ref: ObjectReference = {
    kind: obj.kind,
    namespace: m.namespace,
    name: m.name,
    uid: m.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: m.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}
