import type { Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { matches, selectorFromSet, type Selector } from '../api/labels';
import type { Lister } from '../client/lister';
import type { Informer } from '../client/informer';
import { keyOf } from '../client/informer';
import type { WorkQueue } from '../client/workQueue';
import { Resources } from '../apiserver/registry/resources';
import type { ControllerContext } from './controller';
import { parseTime } from '../sim/clock';
import { getPodReadyCondition, isPodReady } from './util/podUtil';

// Pod-to-endpoint helpers shared by the Endpoints and EndpointSlice controllers, as
// k8s.io/endpointslice/util (controller_utils.go, trigger_time_tracker.go) and
// pkg/api/v1/pod/util.go FindPort have them in v1.32.

/** EndpointsLastChangeTriggerTime is v1.EndpointsLastChangeTriggerTime, set on Endpoints and EndpointSlices. */
export const EndpointsLastChangeTriggerTime = 'endpoints.kubernetes.io/last-change-trigger-time';
/** IsHeadlessService is v1.IsHeadlessService, the label both controllers put on objects of headless Services. */
export const IsHeadlessService = 'service.kubernetes.io/headless';

/** isServiceIPSet is helper.IsServiceIPSet: the Service has a cluster IP (it is not headless). */
export function isServiceIPSet(svc: Service): boolean {
  const ip = svc.spec?.clusterIP ?? '';
  return ip !== '' && ip !== 'None';
}

/** podIPs returns status.podIPs, or status.podIP alone for a writer that only set that. */
export function podIPs(pod: Pod): string[] {
  const ips = pod.status?.podIPs;
  if (ips && ips.length > 0) return ips.flatMap((p) => (p.ip ? [p.ip] : []));
  return pod.status?.podIP ? [pod.status.podIP] : [];
}

/** isIPv6 tells IPv6 text from IPv4 text (utilnet.IsIPv6String for valid addresses). */
export function isIPv6(ip: string): boolean {
  return ip.includes(':');
}

/**
 * shouldPodBeInEndpoints is ShouldPodBeInEndpoints: terminal pods and pods without an IP are left out;
 * pods being deleted too, unless includeTerminating.
 */
export function shouldPodBeInEndpoints(pod: Pod, includeTerminating: boolean): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs?.length ?? 0)) return false;
  if (!includeTerminating && pod.metadata?.deletionTimestamp) return false;
  return true;
}

/** shouldSetHostname is ShouldSetHostname: the pod names a hostname and sits in the Service's subdomain. */
export function shouldSetHostname(pod: Pod, svc: Service): boolean {
  return !!pod.spec?.hostname && pod.spec.subdomain === svc.metadata?.name && pod.metadata?.namespace === svc.metadata?.namespace;
}

/**
 * findPort is podutil.FindPort: a numeric targetPort as is, a named one looked up among the ports of
 * the pod's containers and sidecars with the service port's protocol; undefined when the pod has none.
 */
export function findPort(pod: Pod, svcPort: ServicePort): number | undefined {
  const target = svcPort.targetPort ?? svcPort.port;
  if (typeof target === 'number') return target;
  const protocol = svcPort.protocol ?? 'TCP';
  for (const c of pod.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  for (const c of pod.spec?.initContainers ?? []) {
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

// Parsed service selectors, per cached Service object (informer objects are replaced, never changed).
const selectorCache = new WeakMap<Service, Selector>();

/** serviceSelector is the Service's selector; undefined for a Service without one (nil or empty). */
export function serviceSelector(svc: Service): Selector | undefined {
  const set = svc.spec?.selector;
  if (!set || Object.keys(set).length === 0) return undefined;
  let sel = selectorCache.get(svc);
  if (!sel) selectorCache.set(svc, (sel = selectorFromSet(set)));
  return sel;
}

/** getPodServiceMemberships is GetPodServiceMemberships: the keys of the Services selecting the pod. */
export function getPodServiceMemberships(services: Lister<Service>, pod: Pod): Set<string> {
  const ns = pod.metadata?.namespace ?? '';
  const keys = new Set<string>();
  for (const svc of services.list(ns)) {
    const sel = serviceSelector(svc);
    if (sel && matches(sel, pod.metadata?.labels)) keys.add(`${ns}/${svc.metadata!.name}`);
  }
  return keys;
}

/**
 * podEndpointsChanged is podEndpointsChanged: whether the pod's endpoint changed (deletion, readiness,
 * IPs) and whether its service membership may have (labels, hostname, subdomain).
 */
export function podEndpointsChanged(oldPod: Pod, newPod: Pod): { podChanged: boolean; labelsChanged: boolean } {
  const labelsChanged =
    !sameLabels(oldPod.metadata?.labels, newPod.metadata?.labels) ||
    oldPod.spec?.hostname !== newPod.spec?.hostname ||
    oldPod.spec?.subdomain !== newPod.spec?.subdomain;
  const oldIPs = podIPs(oldPod);
  const newIPs = podIPs(newPod);
  const podChanged =
    oldPod.metadata?.deletionTimestamp !== newPod.metadata?.deletionTimestamp ||
    isPodReady(oldPod) !== isPodReady(newPod) ||
    oldIPs.length !== newIPs.length ||
    oldIPs.some((ip, i) => ip !== newIPs[i]);
  return { podChanged, labelsChanged };
}

/**
 * getServicesToUpdateOnPodChange is GetServicesToUpdateOnPodChange: the Services to sync after a pod
 * update; both old and new ones when labels changed along with the endpoint, only those gained or
 * lost when just the labels did.
 */
export function getServicesToUpdateOnPodChange(services: Lister<Service>, oldPod: Pod, newPod: Pod): Set<string> {
  if (oldPod.metadata?.resourceVersion === newPod.metadata?.resourceVersion) return new Set();
  const { podChanged, labelsChanged } = podEndpointsChanged(oldPod, newPod);
  if (!podChanged && !labelsChanged) return new Set();
  const current = getPodServiceMemberships(services, newPod);
  if (!labelsChanged) return current;
  const old = getPodServiceMemberships(services, oldPod);
  const out = new Set<string>();
  for (const k of current) if (podChanged || !old.has(k)) out.add(k);
  for (const k of old) if (podChanged || !current.has(k)) out.add(k);
  return out;
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

interface ServiceTriggerState {
  lastPodTriggerTimes: Map<string, number>;
  lastServiceTriggerTime: number;
}

/**
 * TriggerTimeTracker is endpointsliceutil.TriggerTimeTracker: it computes the value of the
 * last-change-trigger-time annotation, the earliest pod readiness change or Service creation the
 * controller has not yet reflected, or the Service's creation time on its first sync.
 */
export class TriggerTimeTracker {
  private readonly states = new Map<string, ServiceTriggerState>();

  /** computeEndpointLastChangeTriggerTime returns ms since the epoch, or undefined for none (Go's zero time). */
  computeEndpointLastChangeTriggerTime(namespace: string, svc: Service, pods: Pod[]): number | undefined {
    const key = `${namespace}/${svc.metadata?.name}`;
    const state = this.states.get(key);
    let minChanged: number | undefined;
    const podTimes = new Map<string, number>();
    for (const pod of pods) {
      const t = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
      if (Number.isNaN(t)) continue;
      podTimes.set(pod.metadata!.name!, t);
      if (!state || t > (state.lastPodTriggerTimes.get(pod.metadata!.name!) ?? -Infinity)) minChanged = min(minChanged, t);
    }
    const svcTime = parseTime(svc.metadata?.creationTimestamp);
    if (!Number.isNaN(svcTime) && (!state || svcTime > state.lastServiceTriggerTime)) minChanged = min(minChanged, svcTime);
    this.states.set(key, { lastPodTriggerTimes: podTimes, lastServiceTriggerTime: Number.isNaN(svcTime) ? -Infinity : svcTime });
    if (!state) return Number.isNaN(svcTime) ? undefined : svcTime;
    return minChanged;
  }

  /** deleteService forgets a deleted Service. */
  deleteService(namespace: string, name: string): void {
    this.states.delete(`${namespace}/${name}`);
  }
}

function min(a: number | undefined, b: number): number {
  return a === undefined || b < a ? b : a;
}

/**
 * watchServicesAndPods wires the informers both endpoint controllers start from: a Service change
 * queues that Service; a pod change queues every Service that selects the pod, before or after.
 */
export function watchServicesAndPods(ctx: ControllerContext, queue: WorkQueue): { services: Informer<Service>; pods: Informer<Pod> } {
  const services = ctx.informers.for<Service>(Resources.services);
  const pods = ctx.informers.for<Pod>(Resources.pods);
  const addAll = (keys: Set<string>) => {
    for (const k of keys) queue.add(k);
  };
  services.addEventHandler({
    onAdd: (svc) => queue.add(keyOf(svc)),
    onUpdate: (_old, svc) => queue.add(keyOf(svc)),
    onDelete: (svc) => queue.add(keyOf(svc)),
  });
  pods.addEventHandler({
    onAdd: (pod) => addAll(getPodServiceMemberships(services.lister, pod)),
    onUpdate: (old, pod) => addAll(getServicesToUpdateOnPodChange(services.lister, old, pod)),
    onDelete: (pod) => addAll(getPodServiceMemberships(services.lister, pod)),
  });
  return { services, pods };
}
