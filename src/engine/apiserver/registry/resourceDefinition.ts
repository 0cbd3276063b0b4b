import type { GroupVersionResource } from '../../api/groupVersion';

/** Verb names an API verb as discovery lists it. */
export type Verb = 'create' | 'delete' | 'deletecollection' | 'get' | 'list' | 'patch' | 'update' | 'watch';

/** ResourceDefinition describes one served resource as discovery and the router see it. */
export interface ResourceDefinition extends GroupVersionResource {
  kind: string;
  singularName: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs: Verb[];
  /** subresources served under the resource, e.g. status, scale, binding, eviction, log. */
  subresources?: string[];
  /** storage names where objects live when several versions serve one resource (hpa v1 and v2). */
  storage: { group: string; resource: string; version: string };
  /** preferred is false for a version that is served but not the group's preferred one. */
  preferred?: boolean;
}

/** allVerbs is what a plain read-write resource serves. */
export const allVerbs: Verb[] = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

/** storageKey renders the etcd-like prefix objects of a resource live under ("apps/deployments"). */
export function storageKey(def: ResourceDefinition): string {
  return `${def.storage.group || 'core'}/${def.storage.resource}`;
}
