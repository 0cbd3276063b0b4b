import { useMemo } from 'react';
import { describeEventAge, eventFrom } from '../timeline/eventFormat';
import { useEventView } from '../timeline/useEventView';
import { eventsAbout } from './objectEvents';
import { TableHead } from './TableHead';

const eventColumns = ['Type', 'Reason', 'Age', 'From', 'Message'];

/** shownEvents caps the rows: an object with thousands of events needs the timeline, not a panel. */
const shownEvents = 50;

interface Props {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  now: number | undefined;
}

/** ObjectEvents is describe's Events section for one object, newest first. */
export function ObjectEvents({ kind, namespace, name, uid, now }: Props) {
  const view = useEventView();
  const events = useMemo(() => eventsAbout(view, kind, namespace, name, uid), [view, kind, namespace, name, uid]);
  return (
    <section className="inspector-section" aria-label="Events">
      <h3>Events</h3>
      {events.length === 0 ? (
        <p className="note">&lt;none&gt;</p>
      ) : (
        <table className="inspector-table">
          <TableHead columns={eventColumns} />
          <tbody>
            {events.slice(0, shownEvents).map(({ key, event }) => (
              <tr key={key} data-type={event.type} data-reason={event.reason}>
                <td className={event.type === 'Warning' ? 'event-warning' : undefined}>{event.type}</td>
                <td>{event.reason}</td>
                <td>{now === undefined ? '' : describeEventAge(event, now)}</td>
                <td>{eventFrom(event)}</td>
                <td>{event.message?.trim()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {events.length > shownEvents && <p className="note">…and {events.length - shownEvents} older events (see the events timeline).</p>}
    </section>
  );
}
