import { useEffect, useState } from 'react';
import type { Event } from 'kubernetes-types/core/v1';
import { selectObjects, useClusterStore } from '../state/clusterStore';
import { EventIndex, type EventView } from './eventIndex';

// One index for the page: the timeline and the inspector read the same events.
const index = new EventIndex();
const selectEvents = selectObjects<Event>('events');
const currentView = () => index.update(selectEvents(useClusterStore.getState()));

/**
 * refreshMs spaces index updates: the watch feed hands over a new events map every frame, and with
 * 100k events even a pass of reference checks costs milliseconds that the frame cannot spare.
 */
const refreshMs = 250;

/** useEventView returns the cluster's events, sorted and grouped, at most refreshMs behind the watch feed. */
export function useEventView(): EventView {
  const [view, setView] = useState(currentView);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = useClusterStore.subscribe((s, prev) => {
      if (timer || selectEvents(s) === selectEvents(prev)) return;
      timer = setTimeout(() => {
        timer = undefined;
        setView(currentView());
      }, refreshMs);
    });
    // Events may have come between the first render and this subscription.
    setView(currentView());
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, []);
  return view;
}
