import type { EndpointAddress, EndpointPort, Endpoints, EndpointSubset, Pod, Service } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { semanticDeepEqual } from '../apiserver/registry/strategyHelpers';
import { Resources } from '../apiserver/registry/resources';
import { EventRecorder, EventType } from '../client/eventRecorder';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { formatTime } from '../sim/clock';
import type { Controller, ControllerContext } from './controller';
import {
  EndpointsLastChangeTriggerTime,
  findPort,
  IsHeadlessService,
  isIPv6,
  isServiceIPSet,
  podIPs,
  serviceSelector,
  shouldPodBeInEndpoints,
  shouldSetHostname,
  TriggerTimeTracker,
  watchServicesAndPods,
} from './endpointUtil';
import { hasStatusCause, NamespaceTerminatingCause } from './util/podControl';
import { isPodReady } from './util/podUtil';

// The Endpoints controller of pkg/controller/endpoint/endpoints_controller.go (v1.32).

/** FailedToCreateEndpoint and FailedToUpdateEndpoint are the Warning reasons of failed writes. */
export const FailedToCreateEndpoint = 'FailedToCreateEndpoint';
export const FailedToUpdateEndpoint = 'FailedToUpdateEndpoint';
/** EndpointsOverCapacity is v1.EndpointsOverCapacity, set when addresses were truncated to maxCapacity. */
export const EndpointsOverCapacity = 'endpoints.kubernetes.io/over-capacity';
/** maxCapacity is the most addresses one Endpoints object holds. */
const maxCapacity = 1000;
/** ConcurrentEndpointSyncs is --concurrent-endpoint-syncs' default. */
const ConcurrentEndpointSyncs = 5;

/** endpointUpdatesBatchMs is --endpoint-updates-batch-period: pod changes of a Service batched into one sync. */
const endpointUpdatesBatchMs = 500;

/**
 * EndpointsController keeps, for every Service with a selector, an Endpoints object of the same name
 * listing the IPs of the selected pods (ready ones in addresses, the others in notReadyAddresses)
 * with the Service's ports resolved against each pod. It deletes the Endpoints of deleted Services.
 */
export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';
  private readonly queue: WorkQueue;
  private readonly services: Informer<Service>;
  private readonly pods: Informer<Pod>;
  private readonly endpoints: Informer<Endpoints>;
  private readonly recorder: EventRecorder;
  private readonly triggerTimeTracker = new TriggerTimeTracker();
  /** staleRV maps an Endpoints key to the resourceVersion this controller replaced (staleEndpointsTracker). */
  private readonly staleRV = new Map<string, string>();
  /** created holds keys created here and not yet seen in the cache, so a lagging cache is not taken for "missing". */
  private readonly created = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentEndpointSyncs, undefined, undefined, endpointUpdatesBatchMs);
    this.recorder = new EventRecorder(ctx.client, ctx.sim, 'endpoint-controller');
    ({ services: this.services, pods: this.pods } = watchServicesAndPods(ctx, this.queue));
    this.endpoints = ctx.informers.for<Endpoints>(Resources.endpoints);
    this.endpoints.addEventHandler({
      onDelete: (ep) => {
        this.created.delete(keyOf(ep));
        this.queue.add(keyOf(ep));
      },
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.checkLeftoverEndpoints();
  }

  stop(): void {
    this.queue.shutdown();
  }

  /** sync is syncService: compute the Service's Endpoints and write them only when they differ. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const svc = this.services.lister.get(namespace, name);
    if (!svc) {
      try {
        await this.ctx.client.delete(Resources.endpoints, namespace, name);
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
      this.triggerTimeTracker.deleteService(namespace, name);
      this.staleRV.delete(key);
      this.created.delete(key);
      return;
    }
    // ExternalName Services get no endpoints (issues.k8s.io/105986); selector-less ones get theirs out of band.
    const selector = serviceSelector(svc);
    if (svc.spec?.type === 'ExternalName' || !selector) return;
    const pods = this.pods.lister.list(namespace, selector);
    const triggerTime = this.triggerTimeTracker.computeEndpointLastChangeTriggerTime(namespace, svc, pods);
    const subsets = computeSubsets(svc, pods);

    const current = this.endpoints.lister.get(namespace, name);
    if (current) this.created.delete(key);
    else if (this.created.has(key)) throw new Error(`endpoints informer cache is out of date, endpoints ${key} were created`);
    if (current && this.staleRV.get(key) === current.metadata?.resourceVersion) {
      throw new Error(
        `endpoints informer cache is out of date, resource version ${current.metadata?.resourceVersion} already processed for endpoints ${key}`,
      );
    }
    const truncated = truncateEndpoints(subsets);
    const final = truncated ?? subsets;
    const svcLabels = svc.metadata?.labels ?? {};
    if (current) {
      const { [IsHeadlessService]: _headless, ...compareLabels } = current.metadata?.labels ?? {};
      // Compared with what would be written, truncation included, so an over-capacity Service is not rewritten every sync.
      const capacityNoted = current.metadata?.annotations?.[EndpointsOverCapacity] !== undefined;
      if (semanticDeepEqual(current.subsets, final) && semanticDeepEqual(compareLabels, svcLabels) && capacityNoted === !!truncated) return;
    }

    const annotations = { ...current?.metadata?.annotations };
    if (triggerTime !== undefined) annotations[EndpointsLastChangeTriggerTime] = formatTime(triggerTime);
    else delete annotations[EndpointsLastChangeTriggerTime];
    if (truncated) annotations[EndpointsOverCapacity] = 'truncated';
    else delete annotations[EndpointsOverCapacity];
    const labels = { ...svcLabels };
    if (!isServiceIPSet(svc)) labels[IsHeadlessService] = '';
    else delete labels[IsHeadlessService];
    const desired: Endpoints = {
      apiVersion: 'v1',
      kind: 'Endpoints',
      ...current,
      metadata: { ...(current?.metadata ?? { name, namespace }), labels: nonEmpty(labels), annotations: nonEmpty(annotations) },
      subsets: final.length > 0 ? final : undefined,
    };
    await this.write(svc, current, desired, key);
  }

  private async write(svc: Service, current: Endpoints | undefined, desired: Endpoints, key: string): Promise<void> {
    const ref = `${svc.metadata?.namespace}/${svc.metadata?.name}`;
    try {
      if (!current) {
        await this.ctx.client.create(Resources.endpoints, desired);
        this.created.add(key);
        return;
      }
      const updated = await this.ctx.client.update(Resources.endpoints, desired);
      // The next sync must not trust a cache still holding the version just replaced.
      if (updated.metadata?.resourceVersion !== current.metadata?.resourceVersion)
        this.staleRV.set(key, current.metadata!.resourceVersion!);
    } catch (e) {
      // A terminating namespace refuses creates until it is gone: drop the item.
      if (!current && hasStatusCause(e, NamespaceTerminatingCause)) return;
      const msg = (e as Error).message;
      if (!current)
        this.recorder.event(desired, EventType.Warning, FailedToCreateEndpoint, `Failed to create endpoint for service ${ref}: ${msg}`);
      else this.recorder.event(desired, EventType.Warning, FailedToUpdateEndpoint, `Failed to update endpoint ${ref}: ${msg}`);
      throw e;
    }
  }

  /** checkLeftoverEndpoints queues every Endpoints once, so the ones whose Service is gone get deleted. */
  private checkLeftoverEndpoints(): void {
    for (const ep of this.endpoints.lister.list()) {
      // Leader-election records live in Endpoints without a Service.
      if (ep.metadata?.annotations?.['control-plane.alpha.kubernetes.io/leader'] !== undefined) continue;
      this.queue.add(keyOf(ep));
    }
  }

}

function nonEmpty(m: Record<string, string>): Record<string, string> | undefined {
  return Object.keys(m).length > 0 ? m : undefined;
}

/**
 * computeSubsets builds the Service's subsets from the selected pods: one address per pod with a
 * matching IP, one port per Service port the pod resolves, repacked and sorted.
 */
export function computeSubsets(svc: Service, pods: Pod[]): EndpointSubset[] {
  const publishNotReady = svc.spec?.publishNotReadyAddresses ?? false;
  const ports = svc.spec?.ports ?? [];
  const subsets: EndpointSubset[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const addr = podToEndpointAddress(svc, pod);
    if (!addr) continue;
    const ready = publishNotReady || isPodReady(pod);
    const add = (port: EndpointPort | undefined) =>
      subsets.push(ready ? { addresses: [addr], ports: port ? [port] : [] } : { notReadyAddresses: [addr], ports: port ? [port] : [] });
    if (ports.length === 0) {
      // A headless Service may do without ports.
      if (svc.spec?.clusterIP === 'None') add(undefined);
      continue;
    }
    for (const sp of ports) {
      const port = findPort(pod, sp);
      if (port === undefined) continue;
      const epp: EndpointPort = { name: sp.name || undefined, port, protocol: sp.protocol ?? 'TCP' };
      if (sp.appProtocol !== undefined) epp.appProtocol = sp.appProtocol;
      add(epp);
    }
  }
  return repackSubsets(subsets);
}

/** podToEndpointAddress is podToEndpointAddressForService: the pod IP of the Service's IP family. */
function podToEndpointAddress(svc: Service, pod: Pod): EndpointAddress | undefined {
  const ips = podIPs(pod);
  let v6: boolean;
  const families = svc.spec?.ipFamilies;
  if (families && families.length > 0) v6 = families[0] === 'IPv6';
  else if (isServiceIPSet(svc)) v6 = isIPv6(svc.spec!.clusterIP!);
  else v6 = isIPv6(ips[0] ?? '');
  const ip = ips.find((i) => isIPv6(i) === v6);
  if (!ip) return undefined;
  const m = pod.metadata!;
  const addr: EndpointAddress = { ip };
  if (shouldSetHostname(pod, svc)) addr.hostname = pod.spec!.hostname;
  addr.nodeName = pod.spec?.nodeName ?? '';
  addr.targetRef = { kind: 'Pod', namespace: m.namespace, name: m.name, uid: m.uid };
  return addr;
}

/**
 * truncateEndpoints is truncateEndpoints: past maxCapacity addresses, each subset keeps its share of
 * the capacity, ready addresses first. It returns undefined when nothing had to be cut.
 */
function truncateEndpoints(subsets: EndpointSubset[]): EndpointSubset[] | undefined {
  let ready = 0;
  let notReady = 0;
  for (const s of subsets) {
    ready += s.addresses?.length ?? 0;
    notReady += s.notReadyAddresses?.length ?? 0;
  }
  if (ready + notReady <= maxCapacity) return undefined;
  const truncateReady = ready > maxCapacity;
  const max = truncateReady ? maxCapacity : maxCapacity - ready;
  const total = truncateReady ? ready : notReady;
  let canBeAdded = max;
  return subsets.map((s) => {
    const n = truncateReady ? (s.addresses?.length ?? 0) : (s.notReadyAddresses?.length ?? 0);
    const take = Math.min(Math.ceil((n / total) * max), canBeAdded);
    if (truncateReady) {
      const addresses = s.addresses?.slice(0, take);
      canBeAdded -= addresses?.length ?? 0;
      return { addresses, ports: s.ports };
    }
    const notReadyAddresses = s.notReadyAddresses?.slice(0, take);
    canBeAdded -= notReadyAddresses?.length ?? 0;
    return { ...s, notReadyAddresses };
  });
}

/**
 * repackSubsets is endpoints.RepackSubsets: it regroups one-address subsets into the fewest subsets,
 * one per distinct set of addresses (with their readiness), each listing every port those addresses
 * serve; an address not ready on any port of a group is not ready there. Addresses are sorted by IP
 * then target UID as upstream does. Upstream orders ports and subsets by an md5 of their Go dump
 * (which includes pointer values, so its subset order is not even stable across processes); here they
 * are ordered by their content instead.
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const allAddrs = new Map<string, EndpointAddress>();
  const byPort = new Map<string, { port?: EndpointPort; addrs: Map<string, boolean> }>();
  const mapAddress = (addr: EndpointAddress, port: EndpointPort | undefined, ready: boolean) => {
    const ak = `${addr.ip}/${addr.targetRef?.uid ?? ''}`;
    if (!allAddrs.has(ak)) allAddrs.set(ak, addr);
    const pk = port ? portKey(port) : '';
    let entry = byPort.get(pk);
    if (!entry) byPort.set(pk, (entry = { port, addrs: new Map() }));
    // Not ready on any subset of this port wins over ready.
    if (entry.addrs.get(ak) !== false) entry.addrs.set(ak, ready);
  };
  for (const s of subsets) {
    const ports: (EndpointPort | undefined)[] = s.ports?.length ? s.ports : [undefined];
    for (const p of ports) {
      for (const a of s.addresses ?? []) mapAddress(a, p, true);
      for (const a of s.notReadyAddresses ?? []) mapAddress(a, p, false);
    }
  }
  const groups = new Map<string, { addrs: Map<string, boolean>; ports: EndpointPort[] }>();
  for (const { port, addrs } of byPort.values()) {
    const gk = [...addrs]
      .map(([k, ready]) => `${k}=${ready}`)
      .sort()
      .join(',');
    let g = groups.get(gk);
    if (!g) groups.set(gk, (g = { addrs, ports: [] }));
    if (port) g.ports.push(port);
  }
  const out: EndpointSubset[] = [];
  for (const g of groups.values()) {
    const ready: EndpointAddress[] = [];
    const notReady: EndpointAddress[] = [];
    for (const [k, r] of g.addrs) (r ? ready : notReady).push(allAddrs.get(k)!);
    const s: EndpointSubset = {};
    if (ready.length > 0) s.addresses = ready.sort(compareAddresses);
    if (notReady.length > 0) s.notReadyAddresses = notReady.sort(compareAddresses);
    if (g.ports.length > 0) s.ports = g.ports.sort(comparePorts);
    out.push(s);
  }
  return out.sort((a, b) => compareStrings(subsetKey(a), subsetKey(b)));
}

function portKey(p: EndpointPort): string {
  return `${p.name ?? ''}/${p.port}/${p.protocol ?? ''}/${p.appProtocol ?? ''}`;
}

/** compareAddresses is LessEndpointAddress as a comparator: by IP text, then by target UID. */
function compareAddresses(a: EndpointAddress, b: EndpointAddress): number {
  if (a.ip !== b.ip) return a.ip < b.ip ? -1 : 1;
  if (!b.targetRef) return a.targetRef ? 1 : 0;
  if (!a.targetRef) return -1;
  return compareStrings(a.targetRef.uid ?? '', b.targetRef.uid ?? '');
}

function comparePorts(a: EndpointPort, b: EndpointPort): number {
  return a.port - b.port || compareStrings(a.protocol ?? '', b.protocol ?? '') || compareStrings(a.name ?? '', b.name ?? '');
}

function subsetKey(s: EndpointSubset): string {
  const ips = (l: EndpointAddress[] | undefined) => (l ?? []).map((a) => a.ip).join(',');
  return `${ips(s.addresses)}|${ips(s.notReadyAddresses)}|${(s.ports ?? []).map(portKey).join(',')}`;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
