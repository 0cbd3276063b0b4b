import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn, wideColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import { formatLabels, joinHostPort, none } from './format';
import type { Printer } from './types';

// Service and Endpoints printers of pkg/printers/internalversion/printers.go (v1.32). The server
// prints with Wide set, so load-balancer addresses are never clipped to 16 characters here.

/** loadBalancerIngressString joins the distinct ingress IPs (or hostnames) in sorted order. */
export function loadBalancerIngressString(ingress: readonly { ip?: string; hostname?: string }[] | undefined): string {
  const result = new Set<string>();
  for (const i of ingress ?? []) {
    if (i.ip) result.add(i.ip);
    else if (i.hostname) result.add(i.hostname);
  }
  return [...result].sort().join(',');
}

/** serviceExternalIP is the EXTERNAL-IP cell: externalIPs, the load balancer's addresses, "<pending>" or "<none>". */
export function serviceExternalIP(svc: Service): string {
  const externalIPs = svc.spec?.externalIPs ?? [];
  switch (svc.spec?.type) {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length > 0 ? externalIPs.join(',') : none;
    case 'LoadBalancer': {
      const lbIPs = loadBalancerIngressString(svc.status?.loadBalancer?.ingress);
      if (externalIPs.length > 0) return (lbIPs ? [lbIPs, ...externalIPs] : externalIPs).join(',');
      return lbIPs || '<pending>';
    }
    case 'ExternalName':
      return svc.spec.externalName ?? '';
  }
  return '<unknown>';
}

/** makePortString is the PORT(S) cell: "80/TCP", "80:30080/TCP" with a node port, joined by ",". */
export function makePortString(svc: Service): string {
  const ports = svc.spec?.ports ?? [];
  return ports
    .map((p) => (p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`))
    .join(',');
}

/** servicePrinter: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE, wide SELECTOR. */
export const servicePrinter: Printer<Service> = {
  columns: [
    nameColumn,
    column('Type', 'string', docs.svcType),
    column('Cluster-IP', 'string', docs.svcClusterIP),
    column('External-IP', 'string', docs.svcExternalIPs),
    column('Port(s)', 'string', docs.svcPorts),
    ageColumn,
    wideColumn('Selector', 'string', docs.svcSelector),
  ],
  cells(svc, now) {
    // The internal Service only has clusterIPs; conversion from v1 puts clusterIP first when set.
    const clusterIP = svc.spec?.clusterIP || svc.spec?.clusterIPs?.[0] || none;
    return [
      svc.metadata?.name ?? '',
      svc.spec?.type ?? '',
      clusterIP,
      serviceExternalIP(svc),
      makePortString(svc) || none,
      translateTimestampSince(svc.metadata?.creationTimestamp, now),
      formatLabels(svc.spec?.selector),
    ];
  },
};

/** formatEndpoints lists up to three "ip:port" endpoints, then " + N more...", or "<none>". */
export function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return none;
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports || ss.ports.length === 0) {
      // Headless services may have no ports.
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === max) {
          more = true;
          break;
        }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

/** endpointsPrinter: NAME ENDPOINTS AGE. */
export const endpointsPrinter: Printer<Endpoints> = {
  columns: [nameColumn, column('Endpoints', 'string', docs.endpointsSubsets), ageColumn],
  cells: (ep, now) => [ep.metadata?.name ?? '', formatEndpoints(ep), translateTimestampSince(ep.metadata?.creationTimestamp, now)],
};
