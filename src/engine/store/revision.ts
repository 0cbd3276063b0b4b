/** Revision is the store's global logical clock: every write transaction gets the next one (etcd's main revision). */
export type Revision = number;

/** formatResourceVersion renders a revision as the opaque resourceVersion string clients see. */
export function formatResourceVersion(rev: Revision): string {
  return String(rev);
}

/** parseResourceVersion reads a resourceVersion back; undefined when it is not one this store issued. */
export function parseResourceVersion(rv: string | undefined): Revision | undefined {
  if (rv === undefined || rv === '') return undefined;
  if (!/^\d+$/.test(rv)) return undefined;
  return Number(rv);
}
