import type { TypedObject } from '../../api/object';

// Finalizer edits of the protection controllers (slice.ContainsString / RemoveString upstream).

export function hasFinalizer(obj: TypedObject, finalizer: string): boolean {
  return (obj.metadata?.finalizers ?? []).includes(finalizer);
}

/** withFinalizer returns a copy of obj with finalizer appended. */
export function withFinalizer<T extends TypedObject>(obj: T, finalizer: string): T {
  return { ...obj, metadata: { ...obj.metadata, finalizers: [...(obj.metadata?.finalizers ?? []), finalizer] } };
}

/** withoutFinalizer returns a copy of obj without finalizer. */
export function withoutFinalizer<T extends TypedObject>(obj: T, finalizer: string): T {
  return { ...obj, metadata: { ...obj.metadata, finalizers: (obj.metadata?.finalizers ?? []).filter((f) => f !== finalizer) } };
}
