import type { KubeObject, MutableObjectMeta, StoredObject } from '../../api/object';

// What most REST strategies share (k8s.io/apiserver/pkg/registry/rest and the pkg/registry/*
// strategies of v1.32): status reset on create, status kept on update, generation counting.

/** metaOf returns an object's metadata as the server writes it, creating it if absent. */
export function metaOf(obj: KubeObject): MutableObjectMeta {
  return (obj.metadata ??= {}) as MutableObjectMeta;
}

/**
 * resetStatus replaces status by the JSON of the Go zero value of the kind's status struct: the
 * members without omitempty ("replicas: 0") are what a v1.32 server prints after a create.
 */
export function resetStatus(obj: KubeObject, zero: Record<string, unknown>): void {
  obj.status = { ...zero };
}

/** keepStatus makes a main-resource update leave status as stored. */
export function keepStatus(obj: KubeObject, old: StoredObject): void {
  if (old.status === undefined) delete obj.status;
  else obj.status = old.status;
}

/** keepSpec makes a status update leave spec as stored. */
export function keepSpec(obj: KubeObject, old: StoredObject): void {
  if (old.spec === undefined) delete obj.spec;
  else obj.spec = old.spec;
}

/** bumpGenerationIf sets generation to old+1 when changed, else keeps the stored one. */
export function bumpGenerationIf(obj: KubeObject, old: StoredObject, changed: boolean): void {
  const meta = metaOf(obj);
  if (changed) meta.generation = (old.metadata.generation ?? 0) + 1;
  else if (old.metadata.generation === undefined) delete meta.generation;
  else meta.generation = old.metadata.generation;
}

/**
 * semanticDeepEqual is equality.Semantic.DeepEqual over decoded JSON: besides structural equality,
 * an empty list or map equals an absent one, as a nil slice or map equals an empty one in Go.
 */
export function semanticDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!semanticDeepEqual(a[i], b[i])) return false;
    return true;
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k in ao) if (!semanticDeepEqual(ao[k], bo[k])) return false;
  for (const k in bo) if (!(k in ao) && !isEmpty(bo[k])) return false;
  return true;
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') {
    for (const k in v as Record<string, unknown>) if (!isEmpty((v as Record<string, unknown>)[k])) return false;
    return true;
  }
  return false;
}
