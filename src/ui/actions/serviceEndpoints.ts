import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { ServiceNameLabel } from '../canvas/edges';
import type { ObjectMap } from '../state/clusterStore';

/** EndpointRow is one backend of a Service, as `kubectl describe service` and EndpointSlices list it. */
export interface EndpointRow {
  address: string;
  ports: string;
  pod: string;
  node: string;
  ready: boolean;
  terminating: boolean;
}

/** serviceEndpoints lists a Service's endpoints from the EndpointSlices labelled with its name. */
export function serviceEndpoints(slices: ObjectMap<EndpointSlice>, namespace: string, name: string): EndpointRow[] {
  const rows: EndpointRow[] = [];
  for (const s of Object.values(slices)) {
    if (s.metadata?.namespace !== namespace || s.metadata?.labels?.[ServiceNameLabel] !== name) continue;
    const ports = (s.ports ?? []).map((p) => `${p.port ?? ''}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}`).join(', ');
    for (const ep of s.endpoints ?? []) {
      for (const address of ep.addresses) {
        rows.push({
          address,
          ports,
          pod: ep.targetRef?.name ?? '',
          node: ep.nodeName ?? '',
          ready: ep.conditions?.ready !== false,
          terminating: ep.conditions?.terminating === true,
        });
      }
    }
  }
  return rows.sort((a, b) => a.address.localeCompare(b.address, undefined, { numeric: true }));
}
