import { useSyncExternalStore } from 'react';
import { clusterEvents } from './clusterEvents';
import type { EventView } from './eventIndex';

const currentView = () => clusterEvents.view;

/** useEventView returns the cluster's events, sorted and grouped, as of the watch feed's last batch of events. */
export function useEventView(): EventView {
  return useSyncExternalStore(clusterEvents.subscribe, currentView);
}
