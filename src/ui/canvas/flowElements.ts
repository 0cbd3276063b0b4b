import type { Edge, Node as FlowNode } from '@xyflow/react';
import type { Box, Point } from './layout';
import type { EdgeSpec } from './edges';

// React Flow elements built from the layout, reusing the previous object whenever nothing about an
// element changed: React Flow and the memoized components then skip it (the "no-op updates keep
// the same references" rule), so a pod update re-renders one node card, not the whole canvas.

/** ShapeData is the data of every canvas shape: the API object it draws. */
export interface ShapeData extends Record<string, unknown> {
  kind: string;
  namespace?: string;
  name: string;
}

/** PodEdgeData is the data of an edge that ends inside its target shape, at offset. */
export interface PodEdgeData extends Record<string, unknown> {
  offset: Point;
  kind: EdgeSpec['kind'];
  count?: number;
}

export type ShapeNode = FlowNode<ShapeData>;
export type PodEdge = Edge<PodEdgeData>;

/** ElementCache remembers the last element built per id. */
export class ElementCache<T> {
  private last = new Map<string, T>();
  private next = new Map<string, T>();

  /** keep returns the previous element for id if same(previous) holds, else the one build makes. */
  keep(id: string, same: (prev: T) => boolean, build: () => T): T {
    const prev = this.last.get(id);
    const el = prev !== undefined && same(prev) ? prev : build();
    this.next.set(id, el);
    return el;
  }

  /** done ends a pass: elements not asked for since the last pass are forgotten. */
  done(): void {
    this.last = this.next;
    this.next = new Map();
  }
}

function sameData(a: ShapeData, b: ShapeData): boolean {
  return a.kind === b.kind && a.namespace === b.namespace && a.name === b.name;
}

// Shapes are not React Flow-selectable (selection lives in useUiStore), which would turn their
// pointer events off; the shapes handle clicks themselves, so they keep them (see xyflow's NodeWrapper).
const shapeStyle = { pointerEvents: 'all' } as const;

/** shapeNode builds (or reuses) the React Flow node drawing one shape at box. */
export function shapeNode(cache: ElementCache<ShapeNode>, id: string, type: string, box: Box, data: ShapeData): ShapeNode {
  return cache.keep(
    id,
    (p) => p.type === type && p.position.x === box.x && p.position.y === box.y && p.width === box.width && p.height === box.height && sameData(p.data, data),
    () => ({
      id,
      type,
      position: { x: box.x, y: box.y },
      width: box.width,
      height: box.height,
      data,
      style: shapeStyle,
      draggable: false,
      selectable: false,
      connectable: false,
      focusable: false,
    }),
  );
}

/** podEdge builds (or reuses) the React Flow edge for one EdgeSpec. */
export function podEdge(cache: ElementCache<PodEdge>, spec: EdgeSpec): PodEdge {
  return cache.keep(
    spec.id,
    (p) =>
      p.source === spec.source &&
      p.target === spec.target &&
      p.data?.kind === spec.kind &&
      p.data.count === spec.count &&
      p.data.offset.x === spec.offset.x &&
      p.data.offset.y === spec.offset.y,
    () => ({
      id: spec.id,
      type: 'pod',
      source: spec.source,
      target: spec.target,
      data: { offset: spec.offset, kind: spec.kind, count: spec.count },
      selectable: false,
      focusable: false,
    }),
  );
}
