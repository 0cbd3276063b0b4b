import { memo } from 'react';
import { useUiStore } from '../state/uiStore';
import { eventCount, lastSeenAge } from './eventFormat';
import type { EventEntry } from './eventIndex';
import { objectRefFor } from './involvedObject';

/** eventRowHeight is every row's height in px; the virtual list depends on it (timeline.css agrees). */
export const eventRowHeight = 24;

interface Props {
  entry: EventEntry;
  now: number | undefined;
  rowIndex: number;
}

/** EventRow is one event of the timeline; clicking it selects the object the event is about. */
export const EventRow = memo(function EventRow({ entry, now, rowIndex }: Props) {
  const ev = entry.event;
  const ref = ev.involvedObject;
  const target = objectRefFor(ref);
  const select = () => target && useUiStore.getState().select(target);
  return (
    <div
      className={`timeline-row${ev.type === 'Warning' ? ' timeline-warning' : ''}${target ? ' timeline-selectable' : ''}`}
      role="row"
      aria-rowindex={rowIndex}
      tabIndex={target ? 0 : undefined}
      onClick={select}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          select();
        }
      }}
      data-type={ev.type}
      data-reason={ev.reason}
      data-object={`${ref?.kind ?? ''}/${ref?.name ?? ''}`}
      title={ev.message}
    >
      <span role="cell">{now === undefined ? '' : lastSeenAge(ev, now)}</span>
      <span role="cell">{ev.type}</span>
      <span role="cell">{ev.reason}</span>
      <span role="cell">
        {ref?.kind?.toLowerCase()}/{ref?.name}
      </span>
      <span role="cell">{ev.message?.trim()}</span>
      <span role="cell">{eventCount(ev)}</span>
    </div>
  );
});
