import type { KubeObject, StoredObject } from '../../api/object';
import { apiVersionOf } from '../../api/groupVersion';
import type { ResourceStrategy } from '../registry/strategy';

/** toWire renders a stored object in the version the request addressed. */
export function toWire(s: ResourceStrategy, obj: StoredObject): StoredObject {
  const out = s.fromStorage ? s.fromStorage(obj) : obj;
  const apiVersion = apiVersionOf(s.def);
  if (out.apiVersion === apiVersion && out.kind === s.def.kind) return out;
  return { ...out, apiVersion, kind: s.def.kind };
}

/** fromWire converts a request body of the addressed version to the storage version. */
export function fromWire(s: ResourceStrategy, obj: KubeObject): KubeObject {
  return s.toStorage ? s.toStorage(obj) : obj;
}
