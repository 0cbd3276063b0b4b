import type { EventEntry } from './eventIndex';

/** EventFilter is what the timeline's toolbar narrows events to; unset fields match everything. */
export interface EventFilter {
  type?: 'Normal' | 'Warning';
  /** reason matches reasons containing it, case-insensitively. */
  reason?: string;
  /** kind is the involved object's kind. */
  kind?: string;
  /** namespace is the Event's own namespace, as kubectl get events -n does (node events live in default). */
  namespace?: string;
}

/** filterEvents keeps the entries matching filter, in their order. */
export function filterEvents(entries: readonly EventEntry[], filter: EventFilter): readonly EventEntry[] {
  const reason = filter.reason?.trim().toLowerCase();
  const { type, kind, namespace } = filter;
  if (!type && !reason && !kind && !namespace) return entries;
  return entries.filter(({ event: ev }) => {
    if (type && ev.type !== type) return false;
    if (kind && ev.involvedObject?.kind !== kind) return false;
    if (namespace && ev.metadata?.namespace !== namespace) return false;
    return !reason || (ev.reason ?? '').toLowerCase().includes(reason);
  });
}
