/** Palette: placeholder until its owner lands it. */
export function Palette() {
  return null;
}
