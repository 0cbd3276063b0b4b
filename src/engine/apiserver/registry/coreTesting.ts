import type { KubeObject, StoredObject } from '../../api/object';
import { Sim } from '../../sim/sim';
import { formatTime } from '../../sim/clock';
import { MvccStore, objectKey } from '../../store/mvccStore';
import { formatFieldError, type FieldError } from '../fieldErrors';
import type { ResourceDefinition } from './resourceDefinition';
import { storageKey } from './resourceDefinition';
import type { ResourceStrategy, StrategyContext } from './strategy';

// Test support for the core strategies, whose admission steps and allocators read the store: a
// context over a real MvccStore, and the registry's create/update sequence without the HTTP layer.

/** testContext returns a strategy context over a store preloaded with objects. */
export function testContext(objects: [ResourceDefinition, KubeObject][] = [], dryRun = false): StrategyContext & { store: MvccStore } {
  const store = new MvccStore();
  for (const [def, o] of objects) putObject(store, def, o);
  const sim = new Sim('core-test', () => Promise.resolve());
  return { sim, store, now: formatTime(sim.clock.now()), dryRun };
}

/** putObject writes an object into the store under its resource's storage key. */
export function putObject(store: MvccStore, def: ResourceDefinition, o: KubeObject): StoredObject {
  const ns = o.metadata?.namespace ?? '';
  return store.create(storageKey(def), objectKey(ns, o.metadata!.name!), ns, o as StoredObject);
}

/** createThrough runs defaults, prepareForCreate, validate and allocate as the generic registry does. */
export function createThrough(s: ResourceStrategy, input: KubeObject, ctx: StrategyContext): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(input);
  obj.metadata ??= {};
  if (s.def.namespaced) obj.metadata.namespace ??= 'default';
  s.defaults?.(obj);
  (obj.metadata as { uid?: string }).uid = 'uid-1';
  s.prepareForCreate?.(obj, ctx);
  const errs = s.validate?.(obj, ctx) ?? [];
  if (errs.length === 0 && s.allocator) errs.push(...s.allocator.allocate(obj, ctx));
  return { obj, errors: render(errs) };
}

/** updateThrough runs defaults, prepareForUpdate, validateUpdate and allocate against a stored old object. */
export function updateThrough(s: ResourceStrategy, input: KubeObject, old: StoredObject, ctx: StrategyContext): { obj: KubeObject; errors: string[] } {
  const obj = structuredClone(input);
  obj.metadata = { ...obj.metadata, name: old.metadata.name, namespace: old.metadata.namespace, uid: old.metadata.uid, resourceVersion: old.metadata.resourceVersion, generation: old.metadata.generation };
  for (const [k, v] of Object.entries(obj.metadata)) if (v === undefined) delete (obj.metadata as Record<string, unknown>)[k];
  s.defaults?.(obj);
  s.prepareForUpdate?.(obj, old, ctx);
  const errs = s.validateUpdate?.(obj, old, ctx) ?? [];
  if (errs.length === 0 && s.allocator) errs.push(...s.allocator.allocate(obj, ctx, old));
  return { obj, errors: render(errs) };
}

/** render formats field errors as "path: body". */
export function render(errs: FieldError[]): string[] {
  return [...new Set(errs.map(formatFieldError))];
}
