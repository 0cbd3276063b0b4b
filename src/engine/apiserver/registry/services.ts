import type { Service, ServicePort, ServiceSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy } from './strategy';
import { Resources } from './resources';
import { deepEqual } from '../../api/deepEqual';
import { keepSpec, keepStatus } from './strategyHelpers';
import { externallyAccessible, needsHealthCheck, validateService, validateServiceUpdate } from './services/validation';
import { needsNodePort, serviceAllocator } from './services/allocator';
import { validateObjectMetaUpdate } from '../validation/objectMeta';
import { isDNS1123Subdomain } from '../validation/names';
import { validateIP } from '../validation/ip';

// The Service strategy of pkg/registry/core/service/strategy.go and the update preparation of
// service/storage/storage.go (v1.32): defaults, clusterIP/clusterIPs normalisation, values kept
// from the stored Service when an update omits them, and fields dropped when the type changes.

/** DefaultClientIPServiceAffinitySeconds is the ClientIP session affinity timeout default (3 hours). */
export const DefaultClientIPServiceAffinitySeconds = 10800;

type MutableSpec = ServiceSpec & Record<string, unknown>;
const specOf = (o: KubeObject) => ((o.spec ??= {}) as MutableSpec);
const asService = (o: KubeObject) => o as unknown as Service;

/** setDefaultsService is SetDefaults_Service. */
export function setDefaultsService(obj: KubeObject): void {
  const s = specOf(obj);
  s.sessionAffinity ||= 'None';
  if (s.sessionAffinity === 'None') delete s.sessionAffinityConfig;
  if (s.sessionAffinity === 'ClientIP' && s.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    s.sessionAffinityConfig = { clientIP: { timeoutSeconds: DefaultClientIPServiceAffinitySeconds } };
  }
  s.type ||= 'ClusterIP';
  for (const p of (s.ports ?? []) as (ServicePort & { protocol?: string; targetPort?: number | string })[]) {
    p.protocol ||= 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(s) && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (s.internalTrafficPolicy === undefined && (s.type === 'NodePort' || s.type === 'LoadBalancer' || s.type === 'ClusterIP')) {
    s.internalTrafficPolicy = 'Cluster';
  }
  if (s.type === 'LoadBalancer') s.allocateLoadBalancerNodePorts ??= true;
  defaultIPMode(obj);
}

function defaultIPMode(obj: KubeObject): void {
  if (specOf(obj).type !== 'LoadBalancer') return;
  const ingress = (obj.status as Service['status'])?.loadBalancer?.ingress ?? [];
  for (const ing of ingress as { ip?: string; ipMode?: string }[]) if (ing.ip && !ing.ipMode) ing.ipMode = 'VIP';
}

// hasClusterIPField: every type but ExternalName carries clusterIP, even if only "None".
const hasClusterIPField = (s: ServiceSpec | undefined) => s?.type !== 'ExternalName';

/** normalizeClusterIPs keeps clusterIP and clusterIPs[0] in step (NormalizeClusterIPs). */
export function normalizeClusterIPs(s: MutableSpec, old?: ServiceSpec): void {
  if (old && (old.clusterIP ?? '') !== (s.clusterIP ?? '') && deepEqual(old.clusterIPs ?? [], s.clusterIPs ?? [])) {
    if (!s.clusterIP) delete s.clusterIPs;
    else if ((s.clusterIPs?.length ?? 0) <= 1) s.clusterIPs = [s.clusterIP];
  }
  if (s.clusterIP && !s.clusterIPs?.length) s.clusterIPs = [s.clusterIP];
  if (!s.clusterIP && s.clusterIPs?.length) s.clusterIP = s.clusterIPs[0];
}

// patchAllocatedValues: an update that omits allocated values (kubectl apply of a manifest without
// clusterIP or nodePort) keeps the stored ones.
function patchAllocatedValues(s: MutableSpec, old: ServiceSpec): void {
  if (hasClusterIPField(old) && hasClusterIPField(s)) {
    if (!s.clusterIP && old.clusterIP) s.clusterIP = old.clusterIP;
    if (!s.clusterIPs?.length && old.clusterIPs?.length) s.clusterIPs = [...old.clusterIPs];
  }
  if (needsNodePort(old) && needsNodePort(s)) {
    const used = new Set((s.ports ?? []).map((p) => p.nodePort).filter((n) => n));
    const byName = new Map((old.ports ?? []).map((p) => [p.name ?? '', p.nodePort ?? 0]));
    for (const p of (s.ports ?? []) as { name?: string; nodePort?: number }[]) {
      if (p.nodePort) continue;
      const prev = byName.get(p.name ?? '') ?? 0;
      if (prev && !used.has(prev)) p.nodePort = prev;
    }
  }
  if (needsHealthCheck(old) && needsHealthCheck(s) && !s.healthCheckNodePort) s.healthCheckNodePort = old.healthCheckNodePort;
}

function dropTypeDependentFields(obj: KubeObject, s: MutableSpec, old: ServiceSpec): void {
  if (hasClusterIPField(old) && !hasClusterIPField(s)) {
    if (deepEqual(old.clusterIPs ?? [], s.clusterIPs ?? [])) {
      delete s.clusterIP;
      delete s.clusterIPs;
    }
    if (deepEqual(old.ipFamilies ?? [], s.ipFamilies ?? [])) delete s.ipFamilies;
    if ((old.ipFamilyPolicy ?? null) === (s.ipFamilyPolicy ?? null)) delete s.ipFamilyPolicy;
  }
  const nodePorts = (x: ServiceSpec) => (x.ports ?? []).map((p) => p.nodePort ?? 0);
  if (needsNodePort(old) && !needsNodePort(s) && deepEqual(nodePorts(old), nodePorts(s))) {
    for (const p of (s.ports ?? []) as { nodePort?: number }[]) delete p.nodePort;
  }
  if (needsHealthCheck(old) && !needsHealthCheck(s) && old.healthCheckNodePort === s.healthCheckNodePort) delete s.healthCheckNodePort;
  if (s.type !== 'LoadBalancer') delete s.allocateLoadBalancerNodePorts;
  if (externallyAccessible(old) && !externallyAccessible(s) && old.externalTrafficPolicy === s.externalTrafficPolicy) delete s.externalTrafficPolicy;
  if (s.type !== 'LoadBalancer') obj.status = { ...(obj.status as object), loadBalancer: {} };
}

function validateLoadBalancerStatus(svc: Service): FieldError[] {
  const errs: FieldError[] = [];
  (svc.status?.loadBalancer?.ingress ?? []).forEach((ing, i) => {
    const p = `status.loadBalancer.ingress[${i}]`;
    if (ing.ip) errs.push(...validateIP(`${p}.ip`, ing.ip));
    if (ing.hostname) {
      errs.push(...isDNS1123Subdomain(ing.hostname).map((m) => fieldError.invalid(`${p}.hostname`, ing.hostname, m)));
      if (validateIP('', ing.hostname).length === 0) errs.push(fieldError.invalid(`${p}.hostname`, ing.hostname, 'must be a DNS name, not an IP address'));
    }
    if (ing.ipMode !== undefined && !ing.ip) errs.push(fieldError.forbidden(`${p}.ipMode`, 'may not be specified when `ip` is not set'));
    if (ing.ip && ing.ipMode !== undefined && ing.ipMode !== 'VIP' && ing.ipMode !== 'Proxy') {
      errs.push(fieldError.notSupported(`${p}.ipMode`, ing.ipMode, ['Proxy', 'VIP']));
    }
  });
  return errs;
}

/** servicesStrategy is the strategy of core/v1 services and their status subresource. */
export const servicesStrategy: ResourceStrategy = {
  def: Resources.services,
  defaults: setDefaultsService,
  prepareForCreate(obj) {
    // ServiceStatus.loadBalancer is a struct: a new Service prints "loadBalancer: {}".
    obj.status = { loadBalancer: {} };
    normalizeClusterIPs(specOf(obj));
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    const s = specOf(obj);
    const o = (old.spec ?? {}) as ServiceSpec;
    patchAllocatedValues(s, o);
    normalizeClusterIPs(s, o);
    dropTypeDependentFields(obj, s, o);
  },
  validate: (obj) => validateService(asService(obj)),
  validateUpdate: (obj, old) => validateServiceUpdate(asService(obj), asService(old)),
  status: {
    prepareForUpdate(obj, old) {
      keepSpec(obj, old);
      defaultIPMode(obj);
    },
    validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateLoadBalancerStatus(asService(obj))],
  },
  allocator: serviceAllocator,
  fieldSelectors: {
    'spec.clusterIP': (o: StoredObject) => asService(o).spec?.clusterIP ?? '',
    'spec.type': (o: StoredObject) => asService(o).spec?.type ?? '',
  },
};
