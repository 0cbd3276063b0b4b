import { apiVersionOf, type GroupVersionKind } from '../../api/groupVersion';
import { AggregatedDiscoveryType } from '../../apiserver/discovery/discovery';
import type { ApiClient } from '../../client/apiClient';

// kubectl maps a manifest's apiVersion and kind to a REST resource with a RESTMapper built from
// discovery; it asks for aggregated discovery (apidiscovery.k8s.io/v2) of /api and /apis.

/** RESTMapping is what a kind maps to: the resource serving it and its scope. */
export interface RESTMapping {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
}

interface DiscoveryList {
  items?: {
    metadata?: { name?: string };
    versions?: { version: string; resources?: { resource: string; responseKind?: { kind: string }; scope: string }[] }[];
  }[];
}

/** RESTMapper resolves kinds to the resources the server lists in discovery. */
export class RESTMapper {
  private constructor(private readonly mappings: Map<string, RESTMapping>) {}

  /** discover builds a RESTMapper from the server's aggregated discovery. */
  static async discover(client: ApiClient): Promise<RESTMapper> {
    const mappings = new Map<string, RESTMapping>();
    for (const path of ['/api', '/apis']) {
      const res = await client.raw({ method: 'GET', path, accept: `${AggregatedDiscoveryType},application/json` });
      if (res.status !== 200) throw new Error(`unable to retrieve the complete list of server APIs: ${path} answered ${res.status}`);
      for (const group of (res.body as DiscoveryList).items ?? []) {
        const name = group.metadata?.name ?? '';
        for (const v of group.versions ?? []) {
          for (const r of v.resources ?? []) {
            const kind = r.responseKind?.kind;
            if (!kind) continue;
            const mapping = { group: name, version: v.version, resource: r.resource, kind, namespaced: r.scope === 'Namespaced' };
            mappings.set(mappingKey(mapping), mapping);
          }
        }
      }
    }
    return new RESTMapper(mappings);
  }

  /** restMapping returns the resource serving gvk, or undefined when none does. */
  restMapping(gvk: GroupVersionKind): RESTMapping | undefined {
    return this.mappings.get(mappingKey(gvk));
  }
}

function mappingKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

/** noKindMatchMessage is meta.NoKindMatchError's text. */
export function noKindMatchMessage(gvk: GroupVersionKind): string {
  return `no matches for kind "${gvk.kind}" in version "${apiVersionOf(gvk)}"`;
}
