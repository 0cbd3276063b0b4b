import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { ObjectMap } from '../state/clusterStore';
import { lanePods, laneOffset, podOffset, Sizes, type Point } from './layout';
import { Unscheduled, type NodePods } from './podPlacement';

// The canvas's edges as plain data: Service → pod from EndpointSlices, and the ownership overlay
// Deployment → ReplicaSet → pod from ownerReferences. A pod is drawn inside its node, so an edge to
// it ends at the node's corner handle plus the pod chip's offset from the layout.

/** ServiceNameLabel names a slice's Service (discovery.k8s.io/v1 LabelServiceName). */
export const ServiceNameLabel = 'kubernetes.io/service-name';

/** flowId is the React Flow id of the shape drawing an API object. */
export function flowId(kind: string, namespace: string | undefined, name: string): string {
  return namespace ? `${kind}/${namespace}/${name}` : `${kind}/${name}`;
}

/** LaneId is the React Flow id of the Unscheduled lane. */
export const LaneId = 'Unscheduled';

/** PodAnchor is where an edge to a pod ends: a host shape (node or lane) and an offset into it. */
export interface PodAnchor {
  host: string;
  offset: Point;
}

/** EdgeSpec is one edge: source shape, target host, and the offset into the target. */
export interface EdgeSpec {
  id: string;
  source: string;
  target: string;
  offset: Point;
  /** kind styles the edge: traffic to ready or not-ready endpoints, or ownership. */
  kind: 'ready' | 'notReady' | 'owner';
  /** count is how many pods an aggregated edge stands for (zoomed out). */
  count?: number;
}

/** podAnchors locates every drawn pod chip (left edge, vertical middle) in its host shape. */
export function podAnchors(placements: Readonly<Record<string, NodePods>>, laneWidth: number): Map<string, PodAnchor> {
  const anchors = new Map<string, PodAnchor>();
  for (const [node, { components, pods }] of Object.entries(placements)) {
    const lane = node === Unscheduled;
    const host = lane ? LaneId : flowId('Node', undefined, node);
    const h = lane ? Sizes.laneChipHeight : Sizes.podHeight;
    (lane ? pods.slice(0, lanePods(pods.length)) : pods).forEach((p, i) => {
      const o = lane ? laneOffset(laneWidth, i) : podOffset(components.length, i);
      anchors.set(`${p.metadata?.namespace}/${p.metadata?.name}`, { host, offset: { x: o.x, y: o.y + h / 2 } });
    });
  }
  return anchors;
}

/**
 * addPodEdge adds an edge from source to a pod; aggregated (zoomed out), edges to pods of the same
 * host merge into one that ends on the host's top middle and counts them.
 */
function addPodEdge(edges: Map<string, EdgeSpec>, source: string, key: string, anchor: PodAnchor, kind: EdgeSpec['kind'], aggregate: boolean) {
  if (!aggregate) {
    const id = `${source}->${key}`;
    edges.set(id, { id, source, target: anchor.host, offset: anchor.offset, kind });
    return;
  }
  const id = `${source}->${anchor.host}`;
  const e = edges.get(id);
  if (e) e.count = (e.count ?? 0) + 1;
  else edges.set(id, { id, source, target: anchor.host, offset: { x: Sizes.nodeWidth / 2, y: 0 }, kind, count: 1 });
}

/** serviceEdges connects each Service to the pods its EndpointSlices list (endpoints[].targetRef). */
export function serviceEdges(
  services: ObjectMap<Service>,
  slices: ObjectMap<EndpointSlice>,
  anchors: ReadonlyMap<string, PodAnchor>,
  aggregate: boolean,
): EdgeSpec[] {
  const edges = new Map<string, EdgeSpec>();
  for (const slice of Object.values(slices)) {
    const ns = slice.metadata?.namespace ?? '';
    const svc = slice.metadata?.labels?.[ServiceNameLabel];
    if (!svc || !services[`${ns}/${svc}`]) continue;
    const source = flowId('Service', ns, svc);
    for (const ep of slice.endpoints ?? []) {
      const ref = ep.targetRef;
      if (ref?.kind !== 'Pod' || !ref.name) continue;
      const key = `${ref.namespace ?? ns}/${ref.name}`;
      const anchor = anchors.get(key);
      if (anchor) addPodEdge(edges, source, key, anchor, aggregate || ep.conditions?.ready !== false ? 'ready' : 'notReady', aggregate);
    }
  }
  return [...edges.values()];
}

type Owned = { metadata?: { name?: string; namespace?: string; ownerReferences?: { kind: string; name: string; controller?: boolean }[] } };

/** OwnerColumn is one kind of the ownership overlay with its objects (by "namespace/name"). */
export interface OwnerColumn {
  kind: string;
  objects: ObjectMap<Owned>;
}

function controllerRef(obj: Owned) {
  return obj.metadata?.ownerReferences?.find((r) => r.controller);
}

/**
 * ownershipEdges draws controller chains from ownerReferences: owners of the pod controllers
 * (Deployment → ReplicaSet, CronJob → Job), then pod controllers → Pod (ReplicaSet, StatefulSet,
 * DaemonSet, Job). Only owners that are themselves drawn get an edge.
 */
export function ownershipEdges(
  owners: readonly OwnerColumn[],
  podControllers: readonly OwnerColumn[],
  pods: ObjectMap<Pod>,
  anchors: ReadonlyMap<string, PodAnchor>,
  aggregate: boolean,
): EdgeSpec[] {
  const edges = new Map<string, EdgeSpec>();
  const drawn = (columns: readonly OwnerColumn[], kind: string, key: string) => columns.some((c) => c.kind === kind && c.objects[key]);
  for (const column of podControllers) {
    for (const obj of Object.values(column.objects)) {
      const ns = obj.metadata?.namespace ?? '';
      const ref = controllerRef(obj);
      if (!ref || !drawn(owners, ref.kind, `${ns}/${ref.name}`)) continue;
      const source = flowId(ref.kind, ns, ref.name);
      const target = flowId(column.kind, ns, obj.metadata?.name ?? '');
      edges.set(`${source}->${target}`, { id: `${source}->${target}`, source, target, offset: { x: 0, y: Sizes.workloadHeight / 2 }, kind: 'owner' });
    }
  }
  for (const [key, anchor] of anchors) {
    const pod = pods[key];
    const ref = pod && controllerRef(pod);
    const ns = pod?.metadata?.namespace ?? '';
    if (ref && drawn(podControllers, ref.kind, `${ns}/${ref.name}`)) addPodEdge(edges, flowId(ref.kind, ns, ref.name), key, anchor, 'owner', aggregate);
  }
  return [...edges.values()];
}
