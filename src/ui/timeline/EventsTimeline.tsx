import { useDeferredValue, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useSimNow } from '../clock/useSimNow';
import { useUiStore } from '../state/uiStore';
import { EventRow, eventRowHeight } from './EventRow';
import { filterEvents, type EventFilter } from './eventFilter';
import { useEventView } from './useEventView';
import { visibleRows } from './visibleRows';
import './timeline.css';

/**
 * EventsTimeline lists the whole cluster's events, newest first, filtered by type, reason, kind and
 * the page's namespace. Only the rows in view are rendered: a busy cluster has 100k events.
 */
export function EventsTimeline() {
  const view = useEventView();
  const namespace = useUiStore((s) => s.namespace);
  const [type, setType] = useState<EventFilter['type']>();
  const [reason, setReason] = useState('');
  const [kind, setKind] = useState<string>();
  // Typing stays responsive: the list refilters with the deferred text, after the keystroke renders.
  const filter = useDeferredValue<EventFilter>(useMemo(() => ({ type, reason, kind, namespace }), [type, reason, kind, namespace]));
  const events = useMemo(() => filterEvents(view.newestFirst, filter), [view, filter]);
  const now = useSimNow();
  const id = useId();

  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(0);
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    setHeight(el.clientHeight);
    return () => observer.disconnect();
  }, []);
  const { start, end, offset } = visibleRows(events.length, eventRowHeight, scrollTop, height);

  return (
    <section className="events-timeline" aria-label="Events timeline">
      <div className="timeline-toolbar">
        <h2>
          Events <span className="timeline-count">{events.length === view.newestFirst.length ? events.length : `${events.length} of ${view.newestFirst.length}`}</span>
        </h2>
        <label htmlFor={`${id}-type`}>Type</label>
        <select id={`${id}-type`} value={type ?? ''} onChange={(e) => setType((e.target.value || undefined) as EventFilter['type'])}>
          <option value="">All</option>
          <option value="Normal">Normal</option>
          <option value="Warning">Warning</option>
        </select>
        <label htmlFor={`${id}-reason`}>Reason</label>
        <input id={`${id}-reason`} type="search" value={reason} placeholder="e.g. FailedScheduling" onChange={(e) => setReason(e.target.value)} />
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={kind ?? ''} onChange={(e) => setKind(e.target.value || undefined)}>
          <option value="">All</option>
          {view.kinds.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
        {namespace && <span className="note">in namespace {namespace}</span>}
      </div>
      <div className="timeline-table" role="table" aria-label="Events" aria-rowcount={events.length + 1}>
        <div className="timeline-row timeline-head" role="row" aria-rowindex={1}>
          <span role="columnheader">Last seen</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">Reason</span>
          <span role="columnheader">Object</span>
          <span role="columnheader">Message</span>
          <span role="columnheader">Count</span>
        </div>
        <div className="timeline-viewport" ref={viewport} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
          <div className="timeline-spacer" style={{ height: events.length * eventRowHeight }}>
            <div role="rowgroup" style={{ transform: `translateY(${offset}px)` }}>
              {events.slice(start, end).map((entry, i) => (
                <EventRow key={entry.key} entry={entry} now={now} rowIndex={start + i + 2} />
              ))}
            </div>
          </div>
          {events.length === 0 && <p className="timeline-empty note">No events{view.newestFirst.length ? ' match the filter' : ' yet'}.</p>}
        </div>
      </div>
    </section>
  );
}
