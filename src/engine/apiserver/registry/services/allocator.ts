import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../../api/object';
import type { ReadView } from '../../../store/mvccStore';
import { fieldError, type FieldError } from '../../fieldErrors';
import type { Allocator, StrategyContext } from '../strategy';
import { storageKey } from '../resourceDefinition';
import { Resources } from '../resources';
import { goStringSlice } from '../goValue';
import { cidrContains, formatIPv4, parseCIDRv4, parseIPv4 } from '../../validation/ip';
import { isHeadlessService, needsHealthCheck } from './validation';

// ClusterIP and NodePort allocation of pkg/registry/core/service/ipallocator, portallocator and
// storage/alloc.go (v1.32, bitmap allocators). Allocation state is not stored: it is rebuilt from
// the Services in the store whenever the store has moved on, so a failed or dry-run write leaves
// nothing behind and a deleted Service frees its values as soon as it is gone. Allocation never
// writes the cached state: the write that stores the Service moves the revision and that rebuilds it.

/** ServiceClusterIPRange is the --service-cluster-ip-range of the simulated cluster. */
export const ServiceClusterIPRange = '10.96.0.0/12';
/** ServiceNodePortRange is the --service-node-port-range default. */
export const ServiceNodePortRange = { base: 30000, size: 2768, text: '30000-32767' };
/** KubernetesServiceIP and KubeDNSServiceIP are held back from dynamic allocation for the bootstrap Services. */
export const KubernetesServiceIP = '10.96.0.1';
export const KubeDNSServiceIP = '10.96.0.10';

const cidr = parseCIDRv4(ServiceClusterIPRange)!;
// The network and broadcast addresses are never allocatable.
const ipBase = cidr.base + 1;
const ipCount = cidr.size - 2;
const reserved = new Set([parseIPv4(KubernetesServiceIP)!, parseIPv4(KubeDNSServiceIP)!]);

// calculateRangeOffset: the low band of a range (size/16, within [16, 256] for IPs and [16, 128]
// for ports) is left for static requests; dynamic allocation tries the rest first.
function rangeOffset(size: number, max: number): number {
  if (size < 16) return 0;
  return Math.min(max, Math.max(16, Math.floor(size / 16)));
}
const ipOffset = rangeOffset(cidr.size, 256);
const portOffset = rangeOffset(ServiceNodePortRange.size, 128);

interface State {
  rev: number;
  ips: Map<number, string>;
  ports: Map<number, string>;
}

/** needsClusterIP reports a Service that gets a virtual IP (not ExternalName, not headless). */
export function needsClusterIP(s: ServiceSpec | undefined): boolean {
  return s?.type !== 'ExternalName' && !isHeadlessService(s);
}

/** needsNodePort reports a NodePort Service or a LoadBalancer that allocates node ports. */
export function needsNodePort(s: ServiceSpec | undefined): boolean {
  return s?.type === 'NodePort' || (s?.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);
}

function ownerOf(o: KubeObject): string {
  return `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`;
}

/** ServiceAllocator hands out ClusterIPs and NodePorts to Services. */
export class ServiceAllocator implements Allocator {
  private readonly states = new WeakMap<ReadView, State>();

  allocate(obj: KubeObject, ctx: StrategyContext): FieldError[] {
    const spec = ((obj.spec ??= {}) as ServiceSpec);
    if (spec.type === 'ExternalName') return [];
    const errs = initIPFamilyFields(spec);
    if (errs.length) return errs;
    const state = this.sync(ctx.store);
    const owner = ownerOf(obj);
    if (needsClusterIP(spec)) errs.push(...this.allocClusterIP(spec, state, owner, ctx));
    if (needsNodePort(spec)) errs.push(...this.allocNodePorts(spec, state, owner, ctx));
    if (needsHealthCheck(spec)) errs.push(...this.allocHealthCheckNodePort(spec, state, owner, ctx));
    return errs;
  }

  /** release has nothing to do: the next allocation rebuilds its state from the store without obj. */
  release(obj: StoredObject): void {
    void obj;
  }

  private sync(store: ReadView): State {
    const cached = this.states.get(store);
    if (cached && cached.rev === store.rev) return cached;
    const state: State = { rev: store.rev, ips: new Map(), ports: new Map() };
    for (const svc of store.list(storageKey(Resources.services)) as unknown as Service[]) {
      const owner = ownerOf(svc as unknown as KubeObject);
      const s = svc.spec;
      for (const ip of s?.clusterIPs ?? []) {
        const n = parseIPv4(ip);
        if (n !== undefined) state.ips.set(n, owner);
      }
      for (const p of s?.ports ?? []) if (p.nodePort) state.ports.set(p.nodePort, owner);
      if (s?.healthCheckNodePort) state.ports.set(s.healthCheckNodePort, owner);
    }
    this.states.set(store, state);
    return state;
  }

  private allocClusterIP(spec: ServiceSpec, state: State, owner: string, ctx: StrategyContext): FieldError[] {
    const requested = spec.clusterIP || spec.clusterIPs?.[0] || '';
    if (requested) {
      const n = parseIPv4(requested);
      const fail = (why: string) => [fieldError.invalid('spec.clusterIPs', goStringSlice('[]string', spec.clusterIPs ?? [requested]), `failed to allocate IP ${requested}: ${why}`)];
      if (n === undefined || !cidrContains(cidr, n) || n < ipBase || n >= ipBase + ipCount) {
        return fail(`the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${ServiceClusterIPRange}`);
      }
      const holder = state.ips.get(n);
      if (holder !== undefined && holder !== owner) return fail('provided IP is already allocated');
      setClusterIP(spec, requested);
      return [];
    }
    const n = pickFree(ipCount, ipOffset, (i) => {
      const ip = ipBase + i;
      return !state.ips.has(ip) && !reserved.has(ip);
    }, ctx);
    if (n === undefined) return [fieldError.invalid('spec.clusterIPs', goStringSlice('[]string', spec.clusterIPs), 'failed to allocate a serviceIP: range is full')];
    const ip = ipBase + n;
    setClusterIP(spec, formatIPv4(ip));
    return [];
  }

  private allocNodePorts(spec: ServiceSpec, state: State, owner: string, ctx: StrategyContext): FieldError[] {
    const errs: FieldError[] = [];
    const mine = new Set<number>();
    (spec.ports ?? []).forEach((p: ServicePort, i) => {
      const path = `spec.ports[${i}].nodePort`;
      if (p.nodePort) {
        const why = this.claimPort(p.nodePort, state, owner, mine);
        if (why) errs.push(fieldError.invalid(path, p.nodePort, why));
        return;
      }
      const port = this.dynamicPort(state, mine, ctx);
      if (port === undefined) errs.push(fieldError.invalid(path, 0, 'range is full'));
      else (p as { nodePort?: number }).nodePort = port;
    });
    return errs;
  }

  private allocHealthCheckNodePort(spec: ServiceSpec, state: State, owner: string, ctx: StrategyContext): FieldError[] {
    const mine = new Set((spec.ports ?? []).map((p) => p.nodePort ?? 0));
    const hc = spec.healthCheckNodePort;
    if (hc) {
      const why = this.claimPort(hc, state, owner, mine);
      return why ? [fieldError.invalid('spec.healthCheckNodePort', hc, `failed to allocate requested HealthCheck NodePort ${hc}: ${why}`)] : [];
    }
    const port = this.dynamicPort(state, mine, ctx);
    if (port === undefined) return [fieldError.invalid('spec.healthCheckNodePort', 0, 'range is full')];
    (spec as { healthCheckNodePort?: number }).healthCheckNodePort = port;
    return [];
  }

  // claimPort takes a requested node port; one Service may use a port twice (TCP and UDP).
  private claimPort(port: number, state: State, owner: string, mine: Set<number>): string | undefined {
    const { base, size, text } = ServiceNodePortRange;
    if (port < base || port >= base + size) return `provided port is not in the valid range. The range of valid ports is ${text}`;
    const holder = state.ports.get(port);
    if (!mine.has(port) && holder !== undefined && holder !== owner) return 'provided port is already allocated';
    mine.add(port);
    return undefined;
  }

  private dynamicPort(state: State, mine: Set<number>, ctx: StrategyContext): number | undefined {
    const { base, size } = ServiceNodePortRange;
    const i = pickFree(size, portOffset, (k) => !state.ports.has(base + k) && !mine.has(base + k), ctx);
    if (i === undefined) return undefined;
    mine.add(base + i);
    return base + i;
  }
}

function setClusterIP(spec: ServiceSpec, ip: string): void {
  const s = spec as { clusterIP?: string; clusterIPs?: string[] };
  s.clusterIP = ip;
  s.clusterIPs = [ip, ...(spec.clusterIPs ?? []).slice(1)];
}

// pickFree draws a random free index from the upper band [offset, size), then the lower band, as
// the bitmap allocator's random-scan strategy does: a random start, then a linear scan.
function pickFree(size: number, offset: number, free: (i: number) => boolean, ctx: StrategyContext): number | undefined {
  for (const [lo, hi] of [[offset, size], [0, offset]] as const) {
    const n = hi - lo;
    if (n <= 0) continue;
    const start = ctx.sim.rng.int(n);
    for (let k = 0; k < n; k++) {
      const i = lo + ((start + k) % n);
      if (free(i)) return i;
    }
  }
  return undefined;
}

/**
 * initIPFamilyFields settles ipFamilies and ipFamilyPolicy for this single-stack IPv4 cluster
 * (alloc.go initIPFamilyFields): SingleStack/[IPv4] by default, RequireDualStack for selectorless
 * headless Services, errors for IPv6 or a required dual stack.
 */
export function initIPFamilyFields(spec: ServiceSpec): FieldError[] {
  const s = spec as { ipFamilies?: string[]; ipFamilyPolicy?: string };
  const errs: FieldError[] = [];
  (s.ipFamilies ?? []).forEach((f, i) => {
    if (f !== 'IPv4') errs.push(fieldError.invalid(`spec.ipFamilies[${i}]`, f, 'not configured on this cluster'));
  });
  const ip = spec.clusterIPs?.[0] ?? spec.clusterIP;
  if (ip && ip !== 'None' && ip.includes(':') && !s.ipFamilies?.length) {
    errs.push(fieldError.invalid('spec.ipFamilies[0]', 'IPv6', 'not configured on this cluster'));
  }
  if (errs.length) return errs;
  const headlessSelectorless = isHeadlessService(spec) && Object.keys(spec.selector ?? {}).length === 0;
  if (headlessSelectorless) {
    s.ipFamilyPolicy ??= 'RequireDualStack';
    s.ipFamilies ??= ['IPv4'];
    return errs;
  }
  if (s.ipFamilyPolicy === 'RequireDualStack') {
    return [fieldError.invalid('spec.ipFamilyPolicy', s.ipFamilyPolicy, 'this cluster is not configured for dual-stack services')];
  }
  s.ipFamilyPolicy ??= 'SingleStack';
  if (!s.ipFamilies?.length) s.ipFamilies = ['IPv4'];
  return errs;
}

/** serviceAllocator is the allocator the Service strategy uses. */
export const serviceAllocator = new ServiceAllocator();
