import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { ObjectRef } from '../state/uiStore';
import { cachedResources, type CachedResource } from '../state/cachedResources';

const resourceOfKind = new Map<string, CachedResource>(
  (Object.keys(cachedResources) as CachedResource[]).map((r) => [cachedResources[r].kind, r]),
);

/** involvedKey names the object events are about: "Kind/namespace/name" ("Node//worker-1"). */
export function involvedKey(kind: string | undefined, namespace: string | undefined, name: string | undefined): string {
  return `${kind ?? ''}/${namespace ?? ''}/${name ?? ''}`;
}

/** kindOf is the kind of a watched resource ("pods" → "Pod"). */
export function kindOf(resource: CachedResource): string {
  return cachedResources[resource].kind;
}

/** objectRefFor maps an Event's involvedObject to the page's ObjectRef, when the page watches that kind. */
export function objectRefFor(ref: ObjectReference | undefined): ObjectRef | undefined {
  const resource = ref?.kind ? resourceOfKind.get(ref.kind) : undefined;
  if (!resource || !ref?.name) return undefined;
  return cachedResources[resource].namespaced ? { resource, namespace: ref.namespace, name: ref.name } : { resource, name: ref.name };
}
