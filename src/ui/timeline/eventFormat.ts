import type { Event } from 'kubernetes-types/core/v1';
import { parseTime, translateTimeSince, zeroTime } from '../../engine/apiserver/table/duration';

/** lastSeen is when an Event last happened (ms): series, lastTimestamp, eventTime, then creation. */
export function lastSeen(ev: Event): number {
  for (const ts of [ev.series?.lastObservedTime, ev.lastTimestamp, ev.eventTime, ev.firstTimestamp, ev.metadata?.creationTimestamp]) {
    const ms = parseTime(ts);
    if (ms !== zeroTime) return ms;
  }
  return zeroTime;
}

/** eventCount is how often an Event happened: series.count, count, else once. */
export function eventCount(ev: Event): number {
  return ev.series?.count ?? (ev.count || 1);
}

/**
 * describeEventAge is the Age cell of kubectl describe's Events section (DescribeEvents, v1.32):
 * "45s", or "3m (x5 over 10m)" for an event seen more than once.
 */
export function describeEventAge(ev: Event, now: number): string {
  const eventTime = parseTime(ev.eventTime);
  const first = translateTimeSince(eventTime === zeroTime ? parseTime(ev.firstTimestamp) : eventTime, now);
  if (ev.series) return `${translateTimeSince(parseTime(ev.series.lastObservedTime), now)} (x${ev.series.count ?? 0} over ${first})`;
  if ((ev.count ?? 0) > 1) return `${translateTimeSince(parseTime(ev.lastTimestamp), now)} (x${ev.count} over ${first})`;
  return first;
}

/** lastSeenAge is the LAST SEEN cell of kubectl get events: the age of the latest occurrence. */
export function lastSeenAge(ev: Event, now: number): string {
  return translateTimeSince(lastSeen(ev), now);
}

/** eventFrom is describe's From column: the reporting component. */
export function eventFrom(ev: Event): string {
  return ev.source?.component || ev.reportingComponent || '';
}
