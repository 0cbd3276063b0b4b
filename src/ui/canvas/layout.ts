// Where everything sits on the canvas, in flow units, as pure functions: nodes in a grid (control
// plane first), Services in a column to its left, Deployments and ReplicaSets further left when the
// ownership overlay is on, and the Unscheduled lane above. Pod chips are placed here too, not by
// CSS, so that edges to a pod inside its node know where to end.

/** Sizes are the fixed dimensions the node, pod and lane components are drawn with. */
export const Sizes = {
  nodeWidth: 412,
  nodeHeader: 150,
  pad: 10,
  podWidth: 124,
  podHeight: 58,
  podGap: 6,
  podColumns: 3,
  componentWidth: 193,
  componentHeight: 34,
  componentColumns: 2,
  writePath: 26,
  gridGap: 48,
  serviceWidth: 230,
  serviceHeight: 76,
  workloadWidth: 210,
  workloadHeight: 50,
  columnGap: 90,
  stackGap: 14,
  laneHeader: 34,
  laneChipWidth: 240,
  laneChipHeight: 62,
  laneChipCap: 120,
} as const;

/** Box is a rectangle in flow coordinates. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Point is an offset in flow units. */
export interface Point {
  x: number;
  y: number;
}

/** NodeContents is what a node's size depends on: its static pods (components) and other pods. */
export interface NodeContents {
  name: string;
  components: number;
  pods: number;
}

function componentRows(components: number): number {
  return Math.ceil(components / Sizes.componentColumns);
}

// A node with static pods also draws the API write path (client → kube-apiserver → etcd) above them.
function componentsHeight(components: number): number {
  const rows = componentRows(components);
  return rows ? Sizes.writePath + rows * (Sizes.componentHeight + Sizes.podGap) + Sizes.pad : 0;
}

/** nodeHeight is the height of a node card: header, component rows, and at least one row of pods. */
export function nodeHeight(components: number, pods: number): number {
  const rows = Math.max(1, Math.ceil(pods / Sizes.podColumns));
  return Sizes.nodeHeader + componentsHeight(components) + rows * (Sizes.podHeight + Sizes.podGap) + Sizes.pad;
}

/** componentOffset places the i-th static pod of a node, relative to the node's top-left corner. */
export function componentOffset(i: number): Point {
  return {
    x: Sizes.pad + (i % Sizes.componentColumns) * (Sizes.componentWidth + Sizes.podGap),
    y: Sizes.nodeHeader + Sizes.writePath + Math.floor(i / Sizes.componentColumns) * (Sizes.componentHeight + Sizes.podGap),
  };
}

/** podOffset places the i-th pod chip of a node with the given number of components. */
export function podOffset(components: number, i: number): Point {
  return {
    x: Sizes.pad + (i % Sizes.podColumns) * (Sizes.podWidth + Sizes.podGap),
    y: Sizes.nodeHeader + componentsHeight(components) + Math.floor(i / Sizes.podColumns) * (Sizes.podHeight + Sizes.podGap),
  };
}

/** gridColumns picks a grid about twice as wide as tall (two columns for the smallest clusters). */
export function gridColumns(n: number): number {
  return n <= 4 ? Math.max(1, Math.min(n, 2)) : Math.ceil(Math.sqrt(2 * n));
}

/**
 * createGridLayout returns a layout function that keeps its answers between calls: a node whose
 * box did not change gets the very same Box object back, so memoized node components and React
 * Flow skip it. Each call is one pass over the nodes (sizes are arithmetic), cheap at 5,000 nodes.
 */
export function createGridLayout(): (nodes: readonly NodeContents[]) => Map<string, Box> {
  let previous = new Map<string, Box>();
  return (nodes) => {
    const cols = gridColumns(nodes.length);
    const boxes = new Map<string, Box>();
    let y = 0;
    for (let row = 0; row * cols < nodes.length; row++) {
      const inRow = nodes.slice(row * cols, row * cols + cols);
      const heights = inRow.map((n) => nodeHeight(n.components, n.pods));
      inRow.forEach((n, col) => {
        const x = col * (Sizes.nodeWidth + Sizes.gridGap);
        const old = previous.get(n.name);
        const height = heights[col];
        boxes.set(n.name, old && old.x === x && old.y === y && old.height === height ? old : { x, y, width: Sizes.nodeWidth, height });
      });
      y += Math.max(...heights) + Sizes.gridGap;
    }
    previous = boxes;
    return boxes;
  };
}

/** gridWidth is the width of the node grid for n nodes. */
function gridWidth(n: number): number {
  const cols = gridColumns(n);
  return cols * Sizes.nodeWidth + Math.max(0, cols - 1) * Sizes.gridGap;
}

/** laneColumns is how many pod chips fit across the Unscheduled lane. */
function laneColumns(width: number): number {
  return Math.max(1, Math.floor((width - Sizes.pad) / (Sizes.laneChipWidth + Sizes.podGap)));
}

/** lanePods is how many waiting pods the lane draws as chips; the rest are counted. */
export function lanePods(pods: number): number {
  return Math.min(pods, Sizes.laneChipCap);
}

/**
 * unscheduledLane is the lane above the grid: as wide as the grid, wider when many pods wait (about
 * twice as wide as tall), and it grows upwards so the grid never moves.
 */
export function unscheduledLane(nodeCount: number, pods: number): Box {
  const shown = lanePods(pods);
  const cols = Math.max(laneColumns(Math.max(Sizes.nodeWidth, gridWidth(nodeCount))), Math.ceil(Math.sqrt(shown / 2) * 1.6));
  const width = Sizes.pad + cols * (Sizes.laneChipWidth + Sizes.podGap);
  // One more row for the count of pods beyond the cap.
  const rows = Math.max(1, Math.ceil(shown / cols)) + (pods > shown ? 1 : 0);
  const height = Sizes.laneHeader + rows * (Sizes.laneChipHeight + Sizes.podGap) + Sizes.pad;
  return { x: 0, y: -height - Sizes.gridGap, width, height };
}

/** laneOffset places the i-th pod chip in the Unscheduled lane, relative to the lane. */
export function laneOffset(width: number, i: number): Point {
  const cols = laneColumns(width);
  return {
    x: Sizes.pad + (i % cols) * (Sizes.laneChipWidth + Sizes.podGap),
    y: Sizes.laneHeader + Math.floor(i / cols) * (Sizes.laneChipHeight + Sizes.podGap),
  };
}

/** columnBox places the i-th shape of a column that ends `distance` flow units left of the grid. */
function columnBox(distance: number, width: number, height: number, i: number): Box {
  return { x: -distance, y: i * (height + Sizes.stackGap), width, height };
}

/** serviceBox places the i-th Service in the column left of the grid. */
export function serviceBox(i: number): Box {
  return columnBox(Sizes.serviceWidth + Sizes.columnGap, Sizes.serviceWidth, Sizes.serviceHeight, i);
}

/** replicaSetBox places the i-th ReplicaSet of the ownership overlay, left of the Services. */
export function replicaSetBox(i: number): Box {
  const d = Sizes.serviceWidth + Sizes.columnGap + Sizes.workloadWidth + Sizes.columnGap;
  return columnBox(d, Sizes.workloadWidth, Sizes.workloadHeight, i);
}

/** deploymentBox places the i-th Deployment of the ownership overlay, left of the ReplicaSets. */
export function deploymentBox(i: number): Box {
  const d = Sizes.serviceWidth + Sizes.columnGap + 2 * (Sizes.workloadWidth + Sizes.columnGap);
  return columnBox(d, Sizes.workloadWidth, Sizes.workloadHeight, i);
}
