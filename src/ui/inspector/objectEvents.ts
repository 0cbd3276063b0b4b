import type { EventEntry, EventView } from '../timeline/eventIndex';

/**
 * eventsAbout lists the events about one object, newest first, as kubectl describe finds them (by
 * kind, namespace and name, and uid when both sides have one). A uid equal to the name also counts:
 * kubelets report node events with the node's name as its uid, and describe node searches that way.
 */
export function eventsAbout(view: EventView, kind: string, namespace: string | undefined, name: string, uid?: string): EventEntry[] {
  return view.involving(kind, namespace, name).filter(({ event }) => {
    const ref = event.involvedObject?.uid;
    return !uid || !ref || ref === uid || ref === name;
  });
}
