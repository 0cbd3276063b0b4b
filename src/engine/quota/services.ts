import type { Service } from 'kubernetes-types/core/v1';
import { calculateUsageStats, matches, matchesNoScope, objectCountQuotaResourceNameFor, Operation, type Evaluator, type ListFuncByNamespace } from './evaluator';
import { newQuantity } from './quantity';
import { intersection, type ResourceList } from './resources';

// The service evaluator of pkg/quota/v1/evaluator/core/services.go (v1.32). Updates are charged
// too, since a Service can change its type.

const serviceObjectCountName = objectCountQuotaResourceNameFor({ group: '', resource: 'services' });
const serviceResources = [serviceObjectCountName, 'services', 'services.nodeports', 'services.loadbalancers'];

/** serviceUsage counts the Service, its node ports (NodePort and LoadBalancer) and its load balancer. */
export function serviceUsage(svc: Service): ResourceList {
  const ports = svc.spec?.ports?.length ?? 0;
  let nodePorts = 0;
  let loadBalancers = 0;
  if (svc.spec?.type === 'NodePort') nodePorts = ports;
  if (svc.spec?.type === 'LoadBalancer') {
    // With node port allocation off, only the ports given an explicit nodePort count.
    nodePorts = svc.spec.allocateLoadBalancerNodePorts === false ? (svc.spec.ports ?? []).filter((p) => p.nodePort).length : ports;
    loadBalancers = 1;
  }
  return {
    [serviceObjectCountName]: newQuantity(1),
    services: newQuantity(1),
    'services.loadbalancers': newQuantity(loadBalancers),
    'services.nodeports': newQuantity(nodePorts),
  };
}

/** quotaServiceType is GetQuotaServiceType: the types quota charges extra for, or "". */
export function quotaServiceType(svc: Service): string {
  const t = svc.spec?.type;
  return t === 'NodePort' || t === 'LoadBalancer' ? t : '';
}

/** newServiceEvaluator measures services. */
export function newServiceEvaluator(list: ListFuncByNamespace = () => []): Evaluator {
  const evaluator: Evaluator = {
    groupResource: { group: '', resource: 'services' },
    constraints: () => undefined,
    handles: (op) => op === Operation.Create || op === Operation.Update,
    matches: (quota, obj) => matches(quota, obj, evaluator.matchingResources, matchesNoScope),
    matchingResources: (names) => intersection(names, serviceResources),
    matchingScopes: () => [],
    usage: (obj) => serviceUsage(obj as unknown as Service),
    usageStats: (opts) => calculateUsageStats(opts, list, matchesNoScope, evaluator.usage),
  };
  return evaluator;
}
