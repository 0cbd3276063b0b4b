import type { Node, Pod, Service } from 'kubernetes-types/core/v1';
import type { Endpoint, EndpointPort, EndpointSlice } from 'kubernetes-types/discovery/v1';
import { deepEqual } from '../api/deepEqual';
import { semanticDeepEqual } from '../apiserver/registry/strategyHelpers';
import { findPort, IsHeadlessService, isIPv6, isServiceIPSet, podIPs, shouldPodBeInEndpoints, shouldSetHostname } from './endpointUtil';
import { isPodReady } from './util/podUtil';

// The reconciler of k8s.io/endpointslice (reconciler.go, utils.go) as the v1.32 controller uses it.

/** LabelServiceName is discovery.LabelServiceName: the Service an EndpointSlice belongs to. */
export const LabelServiceName = 'kubernetes.io/service-name';
/** LabelManagedBy is discovery.LabelManagedBy: the controller that manages an EndpointSlice. */
export const LabelManagedBy = 'endpointslice.kubernetes.io/managed-by';
/** ControllerName is the managed-by value of this controller's EndpointSlices. */
export const ControllerName = 'endpointslice-controller.k8s.io';
/** MaxEndpointsPerSlice is --max-endpoints-per-slice's default. */
export const MaxEndpointsPerSlice = 100;
/** LabelTopologyZone is v1.LabelTopologyZone, copied from a pod's node into its endpoint. */
const LabelTopologyZone = 'topology.kubernetes.io/zone';

/** AddressType is a discovery/v1 addressType this controller writes. */
export type AddressType = 'IPv4' | 'IPv6';

/** ReconcilePlan is what reconcileByAddressType decided: slices to create, update and delete, and pods it skipped. */
export interface ReconcilePlan {
  toCreate: EndpointSlice[];
  toUpdate: EndpointSlice[];
  toDelete: EndpointSlice[];
  errors: string[];
}

interface PortGroup {
  ports: EndpointPort[];
  endpoints: Map<string, Endpoint>;
}

/**
 * getAddressTypesForService is getAddressTypesForService: the Service's IP families, else its cluster
 * IP's family. A headless Service without families gets IPv4 alone here, where upstream assumes dual
 * stack: the simulated cluster is single-stack IPv4.
 */
export function getAddressTypesForService(svc: Service): AddressType[] {
  const families = svc.spec?.ipFamilies ?? [];
  const types: AddressType[] = [];
  if (families.includes('IPv4')) types.push('IPv4');
  if (families.includes('IPv6')) types.push('IPv6');
  if (types.length > 0) return types;
  if (isServiceIPSet(svc)) return [isIPv6(svc.spec!.clusterIP!) ? 'IPv6' : 'IPv4'];
  return ['IPv4'];
}

/**
 * reconcileByAddressType is reconcileByAddressType: it groups the pods' endpoints by the ports they
 * resolve, then for each group keeps existing slices where they are, updates slices whose endpoints
 * changed, fills up slices being updated, then nearly-full unchanged ones, and only then creates new
 * slices of at most maxEndpoints. A Service without endpoints keeps one empty placeholder slice.
 */
export function reconcileByAddressType(
  svc: Service,
  pods: Pod[],
  existing: EndpointSlice[],
  addressType: AddressType,
  getNode: (name: string) => Node | undefined,
  maxEndpoints = MaxEndpointsPerSlice,
): ReconcilePlan {
  const plan: ReconcilePlan = { toCreate: [], toUpdate: [], toDelete: [], errors: [] };
  const existingByPortMap = new Map<string, EndpointSlice[]>();
  for (const slice of existing) {
    if (!ownedBy(slice, svc)) {
      plan.toDelete.push(slice);
      continue;
    }
    const key = portMapKey(slice.ports ?? []);
    existingByPortMap.set(key, [...(existingByPortMap.get(key) ?? []), slice]);
  }

  const desired = new Map<string, PortGroup>();
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ports = getEndpointPorts(svc, pod);
    const key = portMapKey(ports);
    let group = desired.get(key);
    if (!group) desired.set(key, (group = { ports, endpoints: new Map() }));
    const nodeName = pod.spec?.nodeName ?? '';
    const node = getNode(nodeName);
    if (!node && !svc.spec?.publishNotReadyAddresses) {
      // The pod garbage collector removes pods of vanished nodes; until then, leave the pod out and retry.
      plan.errors.push(
        `skipping Pod ${pod.metadata?.name} for Service ${svc.metadata?.namespace}/${svc.metadata?.name}: Node ${nodeName} Not Found`,
      );
      continue;
    }
    const ep = podToEndpoint(pod, node, svc, addressType);
    if (ep.addresses.length > 0) group.endpoints.set(endpointHash(ep), ep);
  }

  for (const [key, group] of desired) {
    const r = reconcileByPortMapping(svc, existingByPortMap.get(key) ?? [], group, addressType, maxEndpoints);
    plan.toCreate.push(...r.toCreate);
    plan.toUpdate.push(...r.toUpdate);
    plan.toDelete.push(...r.toDelete);
  }
  for (const [key, slices] of existingByPortMap) if (!desired.has(key)) plan.toDelete.push(...slices);

  if (existing.length === plan.toDelete.length && plan.toCreate.length === 0) {
    const placeholder = newEndpointSlice(svc, [], addressType);
    if (plan.toDelete.length === 1 && isPlaceholderFor(plan.toDelete[0], placeholder)) plan.toDelete = [];
    else plan.toCreate.push(placeholder);
  }
  return plan;
}

function reconcileByPortMapping(
  svc: Service,
  existing: EndpointSlice[],
  group: PortGroup,
  addressType: AddressType,
  maxEndpoints: number,
): Pick<ReconcilePlan, 'toCreate' | 'toUpdate' | 'toDelete'> {
  const desired = group.endpoints;
  const toUpdate: EndpointSlice[] = [];
  const toDelete: EndpointSlice[] = [];
  const unchanged: EndpointSlice[] = [];
  // 1. Drop the endpoints no longer desired from existing slices, refresh the changed ones.
  for (const slice of existing) {
    const kept: Endpoint[] = [];
    let endpointUpdated = false;
    for (const ep of slice.endpoints ?? []) {
      const hash = endpointHash(ep);
      const want = desired.get(hash);
      if (!want) continue;
      kept.push(want);
      if (!endpointsEqualBeyondHash(want, ep)) endpointUpdated = true;
      desired.delete(hash);
    }
    const labels = endpointSliceLabels(svc);
    const labelsChanged = !semanticDeepEqual(slice.metadata?.labels, labels);
    if (endpointUpdated || kept.length !== (slice.endpoints ?? []).length) {
      if (kept.length === 0) toDelete.push(slice);
      else toUpdate.push(withChanges(slice, kept, labels));
    } else if (labelsChanged) {
      toUpdate.push(withChanges(slice, kept, labels));
    } else {
      unchanged.push(slice);
    }
  }
  const pending = [...desired.values()];
  let next = 0;
  const fill = (slice: EndpointSlice) => {
    while (next < pending.length && slice.endpoints.length < maxEndpoints) slice.endpoints.push(pending[next++]);
  };
  // 2. Fill the slices being written anyway, fullest first.
  if (pending.length > 0) for (const slice of [...toUpdate].sort((a, b) => b.endpoints.length - a.endpoints.length)) fill(slice);
  // 3. Put what is left into the unchanged slice it fits best, else into new slices.
  const toCreate: EndpointSlice[] = [];
  while (next < pending.length) {
    const remaining = pending.length - next;
    const fit = remaining < maxEndpoints ? getSliceToFill(unchanged, remaining, maxEndpoints) : undefined;
    if (fit) {
      unchanged.splice(unchanged.indexOf(fit), 1);
      const copy = withChanges(fit, [...fit.endpoints], fit.metadata?.labels ?? {});
      fill(copy);
      toUpdate.push(copy);
    } else {
      const slice = newEndpointSlice(svc, group.ports, addressType);
      fill(slice);
      toCreate.push(slice);
    }
  }
  return { toCreate, toUpdate, toDelete };
}

/** getSliceToFill is getSliceToFill: the slice closest to full once n more endpoints are added. */
function getSliceToFill(slices: EndpointSlice[], n: number, maxEndpoints: number): EndpointSlice | undefined {
  let closestDiff = maxEndpoints;
  let closest: EndpointSlice | undefined;
  for (const slice of slices) {
    const diff = maxEndpoints - (n + slice.endpoints.length);
    if (diff >= 0 && diff < closestDiff) {
      closestDiff = diff;
      closest = slice;
      if (diff === 0) break;
    }
  }
  return closest;
}

/** ownedBy reports whether the Service is among the slice's owners. */
export function ownedBy(slice: EndpointSlice, svc: Service): boolean {
  return (slice.metadata?.ownerReferences ?? []).some((o) => o.uid === svc.metadata?.uid && o.kind === 'Service' && o.apiVersion === 'v1');
}

function withChanges(slice: EndpointSlice, endpoints: Endpoint[], labels: Record<string, string>): EndpointSlice {
  return { ...slice, metadata: { ...slice.metadata, labels }, endpoints };
}

/**
 * endpointSliceLabels is setEndpointSliceLabels: the Service's labels without the reserved ones, the
 * headless label when it has no cluster IP, the service name and the managing controller.
 */
export function endpointSliceLabels(svc: Service): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(svc.metadata?.labels ?? {})) {
    if (k !== LabelServiceName && k !== LabelManagedBy && k !== IsHeadlessService) labels[k] = v;
  }
  if (!isServiceIPSet(svc)) labels[IsHeadlessService] = '';
  labels[LabelServiceName] = svc.metadata!.name!;
  labels[LabelManagedBy] = ControllerName;
  return labels;
}

/** newEndpointSlice is newEndpointSlice: an empty slice named after the Service and controlled by it. */
export function newEndpointSlice(svc: Service, ports: EndpointPort[], addressType: AddressType): EndpointSlice {
  const m = svc.metadata!;
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      generateName: `${m.name}-`,
      namespace: m.namespace,
      labels: endpointSliceLabels(svc),
      ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: m.name!, uid: m.uid!, controller: true, blockOwnerDeletion: true }],
    },
    addressType,
    endpoints: [],
    ports,
  };
}

/** isPlaceholderFor is placeholderSliceCompare: same namespace, labels and address type, and empty. */
function isPlaceholderFor(slice: EndpointSlice, placeholder: EndpointSlice): boolean {
  return (
    slice.metadata?.namespace === placeholder.metadata?.namespace &&
    semanticDeepEqual(slice.metadata?.labels, placeholder.metadata?.labels) &&
    slice.addressType === placeholder.addressType &&
    (slice.endpoints ?? []).length === 0 &&
    (slice.ports ?? []).length === 0
  );
}

/** getEndpointPorts is getEndpointPorts: the Service's ports the pod resolves, named as the Service names them. */
export function getEndpointPorts(svc: Service, pod: Pod): EndpointPort[] {
  const out: EndpointPort[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    const ep: EndpointPort = { name: sp.name ?? '', protocol: sp.protocol ?? 'TCP', port };
    if (sp.appProtocol !== undefined) ep.appProtocol = sp.appProtocol;
    out.push(ep);
  }
  return out;
}

/** portMapKey is NewPortMapKey: the same key for the same set of ports in any order. */
function portMapKey(ports: EndpointPort[]): string {
  return ports
    .map((p) => `${p.name ?? ''}/${p.protocol ?? ''}/${p.port ?? ''}/${p.appProtocol ?? ''}`)
    .sort()
    .join(',');
}

/** endpointHash is hashEndpoint: an endpoint's identity, its addresses, hostname and target pod. */
function endpointHash(ep: Endpoint): string {
  return `${[...ep.addresses].sort().join(',')}|${ep.hostname ?? ''}|${ep.targetRef?.namespace ?? ''}/${ep.targetRef?.name ?? ''}`;
}

/** endpointsEqualBeyondHash is EndpointsEqualBeyondHash: what may change without changing the hash. */
function endpointsEqualBeyondHash(a: Endpoint, b: Endpoint): boolean {
  return (
    a.nodeName === b.nodeName &&
    a.zone === b.zone &&
    a.conditions?.ready === b.conditions?.ready &&
    a.conditions?.serving === b.conditions?.serving &&
    a.conditions?.terminating === b.conditions?.terminating &&
    semanticDeepEqual(a.hints, b.hints) &&
    deepEqual(a.targetRef, b.targetRef)
  );
}

/**
 * podToEndpoint is podToEndpoint: serving is the pod's readiness; ready too, unless it terminates
 * (publishNotReadyAddresses makes every endpoint ready); the zone comes from the pod's node.
 */
export function podToEndpoint(pod: Pod, node: Node | undefined, svc: Service, addressType: AddressType): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata?.deletionTimestamp;
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const m = pod.metadata!;
  const ep: Endpoint = {
    addresses: podIPs(pod).filter((ip) => isIPv6(ip) === (addressType === 'IPv6')),
    conditions: { ready, serving, terminating },
  };
  if (shouldSetHostname(pod, svc)) ep.hostname = pod.spec!.hostname;
  ep.targetRef = { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid };
  if (pod.spec?.nodeName) ep.nodeName = pod.spec.nodeName;
  const zone = node?.metadata?.labels?.[LabelTopologyZone];
  if (zone) ep.zone = zone;
  return ep;
}
