/** ClusterCanvas: placeholder until its owner lands it. */
export function ClusterCanvas() {
  return null;
}
