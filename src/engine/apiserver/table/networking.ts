import type { EndpointPort, EndpointSlice, Endpoint } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, IngressRule, IngressTLS, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { ageColumn, column, nameColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabelSelector, listWithMoreString, none } from './format';
import { loadBalancerIngressString } from './services';
import type { Printer } from './types';

// networking.k8s.io/v1 and discovery.k8s.io/v1 printers of pkg/printers/internalversion/printers.go (v1.32).

/** formatHosts lists up to three rule hosts, "*" when none is set. */
export function formatHosts(rules: readonly IngressRule[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  const all = rules ?? [];
  for (const rule of all) {
    // As upstream, "more" trips only on a rule seen after three hosts were collected.
    if (list.length === max) more = true;
    if (!more && rule.host) list.push(rule.host);
  }
  if (list.length === 0) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${all.length - max} more...` : ret;
}

function formatIngressPorts(tls: readonly IngressTLS[] | undefined): string {
  return tls && tls.length > 0 ? '80, 443' : '80';
}

/** ingressPrinter: NAME CLASS HOSTS ADDRESS PORTS AGE. */
export const ingressPrinter: Printer<Ingress> = {
  columns: [
    nameColumn,
    column('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    column('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    column('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    column('Ports', 'string', 'Ports of TLS configurations that open'),
    ageColumn,
  ],
  cells: (ing, now) => [
    ing.metadata?.name ?? '',
    ing.spec?.ingressClassName ?? none,
    formatHosts(ing.spec?.rules),
    loadBalancerIngressString(ing.status?.loadBalancer?.ingress),
    formatIngressPorts(ing.spec?.tls),
    translateTimestampSince(ing.metadata?.creationTimestamp, now),
  ],
};

/** ingressClassPrinter: NAME CONTROLLER PARAMETERS AGE; PARAMETERS reads "Kind.apiGroup/name". */
export const ingressClassPrinter: Printer<IngressClass> = {
  columns: [
    nameColumn,
    column('Controller', 'string', 'Controller that is responsible for handling this class'),
    column('Parameters', 'string', 'A reference to a resource with additional parameters'),
    ageColumn,
  ],
  cells(ic, now) {
    const p = ic.spec?.parameters;
    const parameters = p ? `${p.kind}${p.apiGroup != null ? `.${p.apiGroup}` : ''}/${p.name}` : none;
    return [ic.metadata?.name ?? '', ic.spec?.controller ?? '', parameters, translateTimestampSince(ic.metadata?.creationTimestamp, now)];
  },
};

/** networkPolicyPrinter: NAME POD-SELECTOR AGE. */
export const networkPolicyPrinter: Printer<NetworkPolicy> = {
  columns: [nameColumn, column('Pod-Selector', 'string', docs.netpolPodSelector), ageColumn],
  // spec.podSelector is a struct upstream, so an absent one prints as the empty selector.
  cells: (np, now) => [np.metadata?.name ?? '', formatLabelSelector(np.spec?.podSelector ?? {}), translateTimestampSince(np.metadata?.creationTimestamp, now)],
};

/** formatDiscoveryPorts lists up to three port numbers (or names, or "*"). */
export function formatDiscoveryPorts(ports: readonly EndpointPort[] | null | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const port of ports ?? []) {
    if (list.length < max) list.push(port.port !== undefined ? String(port.port) : (port.name ?? '*'));
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMoreString(list, more, count, max);
}

/** formatDiscoveryEndpoints lists up to three endpoint addresses. */
export function formatDiscoveryEndpoints(endpoints: readonly Endpoint[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ep of endpoints ?? []) {
    for (const address of ep.addresses) {
      if (list.length < max) list.push(address);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMoreString(list, more, count, max);
}

/** endpointSlicePrinter: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
export const endpointSlicePrinter: Printer<EndpointSlice> = {
  columns: [
    nameColumn,
    column('AddressType', 'string', docs.epsAddressType),
    column('Ports', 'string', docs.epsPorts),
    column('Endpoints', 'string', docs.epsEndpoints),
    ageColumn,
  ],
  cells: (eps, now) => [
    eps.metadata?.name ?? '',
    eps.addressType,
    formatDiscoveryPorts(eps.ports),
    formatDiscoveryEndpoints(eps.endpoints),
    translateTimestampSince(eps.metadata?.creationTimestamp, now),
  ],
};
