import { EventIndex } from './eventIndex';

/** clusterEvents holds the cluster's events for the whole page: the watch feed fills it, the timeline and the inspector read it. */
export const clusterEvents = new EventIndex();
