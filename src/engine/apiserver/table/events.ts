import type { Event as CoreEvent, EventSource, ObjectReference } from 'kubernetes-types/core/v1';
import type { Event as EventsV1Event } from 'kubernetes-types/events/v1';
import { column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { parseTime, translateTimeSince, zeroTime } from './duration';
import type { Printer } from './types';

// The event printer of pkg/printers/internalversion/printers.go (v1.32). Both core/v1 and
// events.k8s.io/v1 events print from the one internal Event; this reads either wire shape.

/** PrintableEvent is what the printer reads of a core/v1 or an events.k8s.io/v1 Event. */
export type PrintableEvent = Partial<
  Pick<CoreEvent, 'metadata' | 'type' | 'reason' | 'eventTime' | 'series' | 'reportingInstance'> &
    Pick<CoreEvent, 'involvedObject' | 'message' | 'firstTimestamp' | 'lastTimestamp' | 'count' | 'source' | 'reportingComponent'> &
    Pick<EventsV1Event, 'regarding' | 'note' | 'deprecatedFirstTimestamp' | 'deprecatedLastTimestamp' | 'deprecatedCount' | 'deprecatedSource' | 'reportingController'>
>;

/** formatEventSource is "component, host", falling back to reportingController and reportingInstance. */
export function formatEventSource(source: EventSource | undefined, reportingController?: string, reportingInstance?: string): string {
  const component = source?.component || reportingController || '';
  const instance = source?.host || reportingInstance || '';
  return instance === '' ? component : `${component}, ${instance}`;
}

/** eventTarget is the OBJECT cell: "pod/web-1", lower-cased kind. */
function eventTarget(ref: ObjectReference | undefined): string {
  const kind = (ref?.kind ?? '').toLowerCase();
  return ref?.name ? `${kind}/${ref.name}` : kind;
}

/** eventPrinter: LAST SEEN TYPE REASON OBJECT MESSAGE, wide SUBOBJECT SOURCE FIRST SEEN COUNT NAME. */
export const eventPrinter: Printer<PrintableEvent> = {
  columns: [
    column('Last Seen', 'string', docs.eventLastTimestamp),
    column('Type', 'string', docs.eventType),
    column('Reason', 'string', docs.eventReason),
    column('Object', 'string', docs.eventInvolvedObject),
    wideColumn('Subobject', 'string', docs.objectReferenceFieldPath),
    wideColumn('Source', 'string', docs.eventSource),
    column('Message', 'string', docs.eventMessage),
    wideColumn('First Seen', 'string', docs.eventFirstTimestamp),
    wideColumn('Count', 'string', docs.eventCount),
    { ...nameColumn, priority: 1 },
  ],
  cells(ev, now) {
    const firstTs = parseTime(ev.firstTimestamp ?? ev.deprecatedFirstTimestamp);
    const first = firstTs === zeroTime ? translateTimeSince(parseTime(ev.eventTime), now) : translateTimeSince(firstTs, now);
    const lastTs = parseTime(ev.lastTimestamp ?? ev.deprecatedLastTimestamp);
    let last = lastTs === zeroTime ? first : translateTimeSince(lastTs, now);
    let count = ev.count ?? ev.deprecatedCount ?? 0;
    if (ev.series) {
      last = translateTimeSince(parseTime(ev.series.lastObservedTime), now);
      count = ev.series.count ?? 0;
    } else if (count === 0) {
      // Singleton events don't have a count set in the new API.
      count = 1;
    }
    const ref = ev.involvedObject ?? ev.regarding;
    return [
      last,
      ev.type ?? '',
      ev.reason ?? '',
      eventTarget(ref),
      ref?.fieldPath ?? '',
      formatEventSource(ev.source ?? ev.deprecatedSource, ev.reportingComponent ?? ev.reportingController, ev.reportingInstance),
      (ev.message ?? ev.note ?? '').trim(),
      first,
      count,
      ev.metadata?.name ?? '',
    ];
  },
};
