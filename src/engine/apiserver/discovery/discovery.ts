import { apiVersionOf } from '../../api/groupVersion';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import { subresourceInfo } from './subresourceKinds';

/** AggregatedDiscoveryType is the media type of aggregated discovery v2 responses. */
export const AggregatedDiscoveryType = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface GroupVersions {
  name: string;
  versions: string[];
  preferred: string;
}

/** groupsOf orders the served API groups and their versions as kube-apiserver lists them. */
export function groupsOf(defs: ResourceDefinition[]): GroupVersions[] {
  const groups = new Map<string, GroupVersions>();
  for (const d of defs) {
    if (d.group === '') continue;
    let g = groups.get(d.group);
    if (!g) groups.set(d.group, (g = { name: d.group, versions: [], preferred: d.version }));
    if (!g.versions.includes(d.version)) g.versions.push(d.version);
    if (d.preferred !== false) g.preferred = d.version;
  }
  for (const g of groups.values()) g.versions.sort((a, b) => (a === g.preferred ? -1 : b === g.preferred ? 1 : b.localeCompare(a)));
  return [...groups.values()];
}

/** apiVersions answers GET /api (legacy discovery). */
export function apiVersions(): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
  };
}

function apiGroup(g: GroupVersions): object {
  return {
    name: g.name,
    versions: g.versions.map((v) => ({ groupVersion: `${g.name}/${v}`, version: v })),
    preferredVersion: { groupVersion: `${g.name}/${g.preferred}`, version: g.preferred },
  };
}

/** apiGroupList answers GET /apis (legacy discovery). */
export function apiGroupList(defs: ResourceDefinition[]): object {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupsOf(defs).map(apiGroup) };
}

/** apiGroupOf answers GET /apis/<group>. */
export function apiGroupOf(defs: ResourceDefinition[], group: string): object | undefined {
  const g = groupsOf(defs).find((x) => x.name === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) } : undefined;
}

/** apiResourceList answers GET /api/v1 or /apis/<group>/<version>, subresources included. */
export function apiResourceList(defs: ResourceDefinition[], group: string, version: string): object | undefined {
  const mine = defs.filter((d) => d.group === group && d.version === version);
  if (mine.length === 0) return undefined;
  const resources: object[] = [];
  for (const d of [...mine].sort((a, b) => a.resource.localeCompare(b.resource))) {
    const r: Record<string, unknown> = {
      name: d.resource,
      singularName: d.singularName,
      namespaced: d.namespaced,
      kind: d.kind,
      verbs: d.verbs,
    };
    if (d.shortNames) r.shortNames = d.shortNames;
    if (d.categories) r.categories = d.categories;
    resources.push(r);
    for (const sub of d.subresources ?? []) {
      const info = subresourceInfo(d, sub);
      const sr: Record<string, unknown> = { name: `${d.resource}/${sub}`, singularName: '', namespaced: d.namespaced, kind: info.kind, verbs: info.verbs };
      // A subresource of another group-version names both, as kubectl drain's eviction check needs.
      if (info.group !== d.group || info.version !== d.version) {
        sr.group = info.group;
        sr.version = info.version;
      }
      resources.push(sr);
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function discoveryResource(d: ResourceDefinition): object {
  const r: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group: d.group, version: d.version, kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singularName,
    verbs: d.verbs,
  };
  if (d.shortNames) r.shortNames = d.shortNames;
  if (d.categories) r.categories = d.categories;
  if (d.subresources?.length) {
    r.subresources = d.subresources.map((sub) => {
      const info = subresourceInfo(d, sub);
      return { subresource: sub, responseKind: { group: info.group, version: info.version, kind: info.kind }, verbs: info.verbs };
    });
  }
  return r;
}

function discoveryVersion(defs: ResourceDefinition[], group: string, version: string): object {
  const resources = defs
    .filter((d) => d.group === group && d.version === version)
    .sort((a, b) => a.resource.localeCompare(b.resource))
    .map(discoveryResource);
  return { version, resources, freshness: 'Current' };
}

/** aggregatedDiscovery answers /api or /apis with an apidiscovery.k8s.io/v2 APIGroupDiscoveryList. */
export function aggregatedDiscovery(defs: ResourceDefinition[], legacy: boolean): object {
  const items = legacy
    ? [{ metadata: { creationTimestamp: null }, versions: [discoveryVersion(defs, '', 'v1')] }]
    : groupsOf(defs).map((g) => ({
        metadata: { name: g.name, creationTimestamp: null },
        versions: g.versions.map((v) => discoveryVersion(defs, g.name, v)),
      }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** wantsAggregated reports whether an Accept header asks for aggregated discovery v2 first. */
export function wantsAggregated(accept: string | undefined): boolean {
  if (!accept) return false;
  const first = accept.split(',')[0];
  return first.includes('g=apidiscovery.k8s.io') && first.includes('v=v2') && first.includes('as=APIGroupDiscoveryList');
}
