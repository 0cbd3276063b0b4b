import type { Event, ObjectReference } from 'kubernetes-types/core/v1';
import type { TypedObject } from '../api/object';
import { Resources } from '../apiserver/registry/resources';
import type { Sim } from '../sim/sim';
import { formatTime, type Clock } from '../sim/clock';
import type { ApiClient } from './apiClient';
import { isApiError, StatusReason } from '../apiserver/errors';
import { EventCorrelator, type Incoming } from './eventCorrelator';
import { EventQueue } from './eventQueue';

/** EventType is core/v1 Event.type. */
export const EventType = { Normal: 'Normal', Warning: 'Warning' } as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** EventRecorderOptions: host is the recording node (kubelets). */
export interface EventRecorderOptions {
  host?: string;
}

/**
 * EventRecorder is client-go's record.EventRecorder with its broadcaster: components report what
 * they did as core/v1 Events through the API. Recording only queues the event (EventQueue); the
 * EventCorrelator decides what each one becomes: a new Event, a count on an existing one, a
 * combined Event, or nothing.
 */
export class EventRecorder {
  private readonly correlator = new EventCorrelator();
  private readonly host?: string;
  private readonly queue = new EventQueue<Incoming>((e) => this.record(e));

  constructor(
    private readonly client: ApiClient,
    private readonly sim: Sim,
    private readonly component: string,
    opts: EventRecorderOptions = {},
  ) {
    this.host = opts.host;
  }

  /**
   * event records reason/message against obj; failures are dropped, as upstream's are. fieldPath
   * points into the object (the kubelet's "spec.containers{nginx}").
   */
  event(obj: TypedObject, type: EventType, reason: string, message: string, fieldPath?: string): void {
    this.queue.push({ ref: referenceTo(obj, fieldPath), type, reason, message, at: this.sim.clock.now() });
  }

  private async record(e: Incoming): Promise<void> {
    const ts = formatTime(e.at);
    const c = this.correlator.correlate(e, ts, () => generateEventName(e.ref.name, this.sim.clock));
    if (!c) return;
    const namespace = e.ref.namespace || 'default';
    if (c.update) {
      try {
        await this.client.patch(Resources.events, namespace, c.name, 'strategic', { count: c.count, lastTimestamp: ts, message: c.message });
        return;
      } catch (err) {
        // The Event expired (--event-ttl) since: it is written again, count and all (recordEvent).
        if (!isApiError(err, StatusReason.NotFound)) throw err;
      }
    }
    const ev: Event = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: c.name, namespace },
      involvedObject: e.ref,
      reason: e.reason,
      message: c.message,
      source: this.host ? { component: this.component, host: this.host } : { component: this.component },
      firstTimestamp: c.firstTimestamp,
      lastTimestamp: ts,
      count: c.count,
      type: e.type,
    };
    if (!c.combined) {
      ev.reportingComponent = this.component;
      ev.reportingInstance = this.host ?? '';
    }
    await this.client.create(Resources.events, ev);
  }
}

/** generateEventName is util.GenerateEventName: the object's name and the time in hex nanoseconds. */
export function generateEventName(objectName: string | undefined, clock: Clock): string {
  return `${objectName}.${clock.uniqueNanos().toString(16)}`;
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
