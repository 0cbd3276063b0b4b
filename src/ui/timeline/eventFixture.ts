import type { Event } from 'kubernetes-types/core/v1';
import { EventIndex, type EventView } from './eventIndex';

/** makeEvent builds a core/v1 Event for tests: about kind/name, last seen at `at`. */
export function makeEvent(name: string, opts: { kind?: string; object?: string; namespace?: string; type?: 'Normal' | 'Warning'; reason?: string; at?: string; first?: string; count?: number; rv?: number; uid?: string } = {}): Event {
  const kind = opts.kind ?? 'Pod';
  const namespace = opts.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace, resourceVersion: String(opts.rv ?? 1) },
    involvedObject: { kind, name: opts.object ?? 'web-1', namespace: kind === 'Node' ? undefined : namespace, uid: opts.uid },
    type: opts.type ?? 'Normal',
    reason: opts.reason ?? 'Scheduled',
    message: `${opts.reason ?? 'Scheduled'} ${name}`,
    source: { component: 'default-scheduler' },
    firstTimestamp: opts.first ?? opts.at ?? '2025-01-01T00:00:00Z',
    lastTimestamp: opts.at ?? '2025-01-01T00:00:00Z',
    count: opts.count ?? 1,
  };
}

/** viewOf indexes events given by cache key, as one watch batch would bring them. */
export function viewOf(events: Record<string, Event>): EventView {
  const index = new EventIndex();
  index.apply(Object.entries(events));
  return index.view;
}
