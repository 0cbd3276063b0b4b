import type { ObjectMap } from './clusterStore';

/** objectMap builds a cache map for tests from a record of key → object. */
export function objectMap<T>(entries: Record<string, T> = {}): ObjectMap<T> {
  return new Map(Object.entries(entries));
}
