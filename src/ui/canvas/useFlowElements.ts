import { useMemo, useState } from 'react';
import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { useShallow } from 'zustand/react/shallow';
import { selectObjects, useClusterStore, type ClusterState, type ObjectMap } from '../state/clusterStore';
import { useUiStore } from '../state/uiStore';
import { useCanvasStore } from './canvasStore';
import { flowId, LaneId, ownershipEdges, podAnchors, serviceEdges, type OwnerColumn, type PodAnchor } from './edges';
import { ElementCache, podEdge, shapeNode, type PodEdge, type ShapeNode } from './flowElements';
import { createGridLayout, deploymentBox, replicaSetBox, serviceBox, unscheduledLane, type Box } from './layout';
import { Unscheduled } from './podPlacement';
import type { Detail } from './useCanvasView';
import { orderNodes } from './viewModel';

// Node order changes only with the nodes map; the selector also runs on unrelated store changes.
let orderedFrom: ObjectMap | undefined;
let order: string[] = [];
const selectNodeOrder = (s: ClusterState) => {
  if (s.objects.nodes !== orderedFrom) {
    orderedFrom = s.objects.nodes;
    order = orderNodes(Object.values(s.objects.nodes) as Node[]);
  }
  return order;
};
const selectServices = selectObjects<Service>('services');
const selectSlices = selectObjects<EndpointSlice>('endpointslices');
/** ownerResources are the overlay's columns: owners of pod controllers (left), then the pod controllers. */
const ownerResources = [
  ['deployments', 'Deployment'],
  ['cronjobs', 'CronJob'],
] as const;
const podControllerResources = [
  ['replicasets', 'ReplicaSet'],
  ['statefulsets', 'StatefulSet'],
  ['daemonsets', 'DaemonSet'],
  ['jobs', 'Job'],
] as const;
type OverlayResource = (typeof ownerResources)[number][0] | (typeof podControllerResources)[number][0];
const overlayResources = [...ownerResources, ...podControllerResources];
// One selector object: useShallow keeps the result while none of the overlay's maps changed.
const selectOverlay = (s: ClusterState) => {
  const out = {} as Record<OverlayResource, ObjectMap>;
  for (const [resource] of overlayResources) out[resource] = s.objects[resource];
  return out;
};
const selectPods = selectObjects<Pod>('pods');
const nothing = () => undefined;
const noAnchors: ReadonlyMap<string, PodAnchor> = new Map();

function slicesTargetPods(slices: ObjectMap<EndpointSlice>): boolean {
  for (const k in slices) if (slices[k].endpoints?.some((e) => e.targetRef?.kind === 'Pod')) return true;
  return false;
}

function inNamespace<T>(map: ObjectMap<T>, namespace: string | undefined): ObjectMap<T> {
  if (namespace === undefined) return map;
  const prefix = `${namespace}/`;
  const out: ObjectMap<T> = {};
  for (const k in map) if (k.startsWith(prefix)) out[k] = map[k];
  return out;
}

function shapesOf<T extends { metadata?: { namespace?: string; name?: string } }>(
  cache: ElementCache<ShapeNode>,
  map: ObjectMap<T>,
  kind: string,
  type: string,
  place: (i: number) => Box,
): ShapeNode[] {
  return Object.values(map).map((o, i) => {
    const { namespace = '', name = '' } = o.metadata ?? {};
    return shapeNode(cache, flowId(kind, namespace, name), type, place(i), { kind, namespace, name });
  });
}

/**
 * useFlowElements turns the cache into React Flow nodes and edges: the node grid from the pod
 * placements, Services, the Unscheduled lane and, with the ownership overlay, Deployments and
 * ReplicaSets. Elements that did not change keep their identity between renders.
 */
export function useFlowElements(detail: Detail): { nodes: ShapeNode[]; edges: PodEdge[] } {
  const order = useClusterStore(useShallow(selectNodeOrder));
  const placements = useCanvasStore((s) => s.placements);
  const ownership = useCanvasStore((s) => s.ownership);
  const namespace = useUiStore((s) => s.namespace);
  const services = useClusterStore(selectServices);
  const slices = useClusterStore(selectSlices);
  // The overlay's objects change with every rollout step: subscribe only while it is shown.
  const overlay = useClusterStore(useShallow(ownership ? selectOverlay : nothing));
  const pods = useClusterStore(ownership ? selectPods : nothing);
  const aggregate = detail !== 'pods';
  const [layout] = useState(createGridLayout);
  const [shapes] = useState(() => new ElementCache<ShapeNode>());
  const [lines] = useState(() => new ElementCache<PodEdge>());

  const boxes = useMemo(
    () => layout(order.map((name) => ({ name, components: placements[name]?.components.length ?? 0, pods: placements[name]?.pods.length ?? 0 }))),
    [layout, order, placements],
  );
  const unscheduled = placements[Unscheduled]?.pods.length ?? 0;
  const lane = useMemo(() => unscheduledLane(order.length, unscheduled), [order.length, unscheduled]);
  const visibleServices = useMemo(() => inNamespace(services, namespace), [services, namespace]);
  const columns = useMemo(() => {
    if (!overlay) return undefined;
    const column = ([resource, kind]: readonly [OverlayResource, string]): OwnerColumn => ({ kind, objects: inNamespace(overlay[resource], namespace) });
    return { owners: ownerResources.map(column), podControllers: podControllerResources.map(column) };
  }, [overlay, namespace]);

  const nodes = useMemo(() => {
    const out: ShapeNode[] = [shapeNode(shapes, LaneId, 'lane', lane, { kind: 'Lane', name: Unscheduled })];
    for (const [name, box] of boxes) out.push(shapeNode(shapes, flowId('Node', undefined, name), 'kubeNode', box, { kind: 'Node', name }));
    out.push(...shapesOf(shapes, visibleServices, 'Service', 'service', serviceBox));
    if (columns) {
      // Each column stacks its kinds one after the other.
      for (const [list, place] of [[columns.owners, deploymentBox], [columns.podControllers, replicaSetBox]] as const) {
        let row = 0;
        for (const { kind, objects } of list) {
          const first = row;
          out.push(...shapesOf(shapes, objects, kind, 'workload', (i) => place(first + i)));
          row += Object.keys(objects).length;
        }
      }
    }
    shapes.done();
    return out;
  }, [shapes, boxes, lane, visibleServices, columns]);

  // Locating every pod chip is only worth it when some edge ends on a pod.
  const needAnchors = useMemo(() => pods !== undefined || slicesTargetPods(slices), [pods, slices]);
  const anchors = useMemo(() => (needAnchors ? podAnchors(placements, lane.width) : noAnchors), [needAnchors, placements, lane.width]);
  const edges = useMemo(() => {
    const specs = serviceEdges(visibleServices, slices, anchors, aggregate);
    if (columns && pods) specs.push(...ownershipEdges(columns.owners, columns.podControllers, pods, anchors, aggregate));
    const out = specs.map((spec) => podEdge(lines, spec));
    lines.done();
    return out;
  }, [lines, visibleServices, slices, anchors, aggregate, columns, pods]);

  return { nodes, edges };
}
