import type { ObjectReference } from 'kubernetes-types/core/v1';
import type { ObjectRef } from '../state/uiStore';
import { watchedResources, type WatchedResource } from '../state/watchedResources';

const resourceOfKind = new Map<string, WatchedResource>(
  (Object.keys(watchedResources) as WatchedResource[]).map((r) => [watchedResources[r].kind, r]),
);

/** involvedKey names the object events are about: "Kind/namespace/name" ("Node//worker-1"). */
export function involvedKey(kind: string | undefined, namespace: string | undefined, name: string | undefined): string {
  return `${kind ?? ''}/${namespace ?? ''}/${name ?? ''}`;
}

/** kindOf is the kind of a watched resource ("pods" → "Pod"). */
export function kindOf(resource: WatchedResource): string {
  return watchedResources[resource].kind;
}

/** objectRefFor maps an Event's involvedObject to the page's ObjectRef, when the page watches that kind. */
export function objectRefFor(ref: ObjectReference | undefined): ObjectRef | undefined {
  const resource = ref?.kind ? resourceOfKind.get(ref.kind) : undefined;
  if (!resource || !ref?.name) return undefined;
  return watchedResources[resource].namespaced ? { resource, namespace: ref.namespace, name: ref.name } : { resource, name: ref.name };
}
