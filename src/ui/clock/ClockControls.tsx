/** ClockControls: placeholder until its owner lands it. */
export function ClockControls() {
  return null;
}
