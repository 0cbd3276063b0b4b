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

/** aggregationWindowMs is how long a repeated event is counted instead of re-created (EventCorrelator). */
const aggregationWindowMs = 10 * 60 * 1000;

/**
 * EventRecorder is client-go's record.EventRecorder: components report what they did as core/v1
 * Events through the API. A repeat of the same event within ten minutes bumps count and
 * lastTimestamp on the existing Event, as the EventCorrelator does.
 */
export class EventRecorder {
  private readonly seen = new Map<string, Seen & { at: number }>();

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
    void this.record(obj, type, reason, message, fieldPath).catch(() => undefined);
  }

  private forgetOlderThan(cutoff: number): void {
    for (const [key, seen] of this.seen) {
      if (seen.at >= cutoff) return;
      this.seen.delete(key);
    }
  }

  private async record(obj: TypedObject, type: EventType, reason: string, message: string, fieldPath?: string): Promise<void> {
    const ref = referenceTo(obj, fieldPath);
    const now = this.sim.clock.now();
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
