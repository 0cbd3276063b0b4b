/** EventsTimeline: placeholder until its owner lands it. */
export function EventsTimeline() {
  return null;
}
