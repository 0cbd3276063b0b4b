import type { KubeObject, Mutable, StoredObject } from '../../api/object';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { deepEqual } from '../../api/deepEqual';
import type { ResourceDefinition } from './resourceDefinition';
import { allResources } from './resources';
import type { ResourceStrategy } from './strategy';

/** StrategyIndex finds the strategy of a served resource by group, version and plural name. */
export class StrategyIndex {
  private readonly byPath = new Map<string, ResourceStrategy>();

  constructor(strategies: ResourceStrategy[], defs: ResourceDefinition[] = allResources) {
    for (const s of strategies) this.byPath.set(pathKey(s.def), s);
    for (const d of defs) if (!this.byPath.has(pathKey(d))) this.byPath.set(pathKey(d), basicStrategy(d));
  }

  lookup(group: string, version: string, resource: string): ResourceStrategy | undefined {
    return this.byPath.get(`${group}/${version}/${resource}`);
  }

  all(): ResourceStrategy[] {
    return [...this.byPath.values()];
  }
}

function pathKey(d: ResourceDefinition): string {
  return `${d.group}/${d.version}/${d.resource}`;
}

/**
 * basicStrategy is the behaviour every resource shares when it needs nothing more: status is
 * kept from the old object on update, and metadata.generation counts changes to everything else.
 */
export function basicStrategy(def: ResourceDefinition): ResourceStrategy {
  const hasStatus = def.subresources?.includes('status') ?? false;
  return {
    def,
    prepareForCreate(obj) {
      if (!hasStatus) return;
      delete obj.status;
      (obj.metadata as Mutable<ObjectMeta>).generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (!hasStatus) return;
      obj.status = old.status;
      bumpGenerationOnSpecChange(obj, old);
    },
    status: hasStatus
      ? {
          prepareForUpdate(obj, old) {
            keepAllButStatus(obj, old);
          },
        }
      : undefined,
  };
}

/** bumpGenerationOnSpecChange increments metadata.generation when anything but metadata and status changed. */
export function bumpGenerationOnSpecChange(obj: KubeObject, old: StoredObject): void {
  const { metadata: _m1, status: _s1, ...rest } = obj;
  const { metadata: _m2, status: _s2, ...oldRest } = old;
  if (!deepEqual(rest, oldRest)) (obj.metadata as Mutable<ObjectMeta>).generation = (old.metadata.generation ?? 0) + 1;
}

/** keepAllButStatus makes a status update change only status (and nothing in spec or metadata but labels kept). */
export function keepAllButStatus(obj: KubeObject, old: StoredObject): void {
  const status = obj.status;
  for (const k of Object.keys(obj)) delete obj[k];
  Object.assign(obj, old, { status });
  obj.metadata = { ...old.metadata };
}
