import type { KubeObject, StoredObject } from '../../api/object';
import { formatFieldError, type FieldError } from '../fieldErrors';
import type { ResourceStrategy, StrategyContext } from './strategy';

// Test helpers (like Kubernetes' pkg/api/testing): run a strategy the way the generic registry
// does, without a store, and read its field errors as the text a client sees.

// The strategies under test read nothing from the context.
const ctx = {} as StrategyContext;

/** TestUID is the uid simulated creates assign. */
export const TestUID = '0d1b2c3d-0000-4000-8000-000000000001';

/** simulateCreate runs defaults, assigns the registry's uid, then prepareForCreate and validate. */
export function simulateCreate(s: ResourceStrategy, input: KubeObject): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(input);
  s.defaults?.(obj);
  obj.metadata = { namespace: s.def.namespaced ? 'default' : undefined, ...obj.metadata, uid: TestUID };
  if (!obj.metadata.namespace) delete obj.metadata.namespace;
  s.prepareForCreate?.(obj, ctx);
  return { obj, errors: messages(s.validate?.(obj, ctx) ?? []) };
}

/** stored turns a successfully created object into what the store would hold. */
export function stored(obj: KubeObject, resourceVersion = '10'): StoredObject {
  return { ...structuredClone(obj), metadata: { ...obj.metadata, resourceVersion } } as StoredObject;
}

/** simulateUpdate runs defaults, prepareForUpdate and validateUpdate against old. */
export function simulateUpdate(s: ResourceStrategy, input: KubeObject, old: StoredObject): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(input);
  // The registry copies the fields the server owns from the stored object.
  const { name, namespace, uid, creationTimestamp, generation, resourceVersion } = old.metadata;
  obj.metadata = { ...obj.metadata, name, namespace, uid, creationTimestamp, generation, resourceVersion };
  for (const [k, v] of Object.entries(obj.metadata)) if (v === undefined) delete (obj.metadata as Record<string, unknown>)[k];
  s.defaults?.(obj);
  s.prepareForUpdate?.(obj, old, ctx);
  return { obj, errors: messages(s.validateUpdate?.(obj, old, ctx) ?? []) };
}

/** simulateStatusUpdate runs the status strategy against old. */
export function simulateStatusUpdate(s: ResourceStrategy, input: KubeObject, old: StoredObject): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(input);
  s.status!.prepareForUpdate(obj, old, ctx);
  return { obj, errors: messages(s.status!.validateUpdate?.(obj, old, ctx) ?? []) };
}

/** messages renders field errors as "path: body", deduplicated as the aggregate message is. */
export function messages(errs: FieldError[]): string[] {
  return [...new Set(errs.map(formatFieldError))];
}
