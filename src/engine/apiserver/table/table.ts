import type { ListMeta } from 'kubernetes-types/meta/v1';
import type { StoredObject } from '../../api/object';
import { newBadRequest } from '../errors';
import { parseResource, printerFor } from './printers';
import type { Table, TableRow } from './types';

// buildTable is what the REST handler's asTable does (k8s.io/apiserver/pkg/endpoints/handlers/
// response.go, v1.32) after the printers' TableConvertor: the server always prints wide, so every
// column is present and kubectl hides priority > 0 itself unless -o wide.

/** IncludeObject is the includeObject query parameter of a Table request. */
export const IncludeObject = {
  None: 'None',
  Metadata: 'Metadata',
  Object: 'Object',
} as const;
export type IncludeObject = (typeof IncludeObject)[keyof typeof IncludeObject];

/** BuildTableOptions carries the TableOptions query parameters and the list metadata. */
export interface BuildTableOptions {
  /** includeObject as the client sent it; empty or absent means Metadata (what kubectl asks for). */
  includeObject?: string;
  /** noHeaders drops columnDefinitions (kubectl sets it on follow-up watch requests). */
  noHeaders?: boolean;
  /** listMeta of the list; for a single GET pass the object's resourceVersion. */
  listMeta?: ListMeta;
}

function tableMeta(listMeta: ListMeta | undefined): ListMeta {
  // Go omits empty ListMeta fields (omitempty).
  return {
    ...(listMeta?.resourceVersion ? { resourceVersion: listMeta.resourceVersion } : {}),
    ...(listMeta?.continue ? { continue: listMeta.continue } : {}),
    ...(listMeta?.remainingItemCount != null ? { remainingItemCount: listMeta.remainingItemCount } : {}),
  };
}

/**
 * buildTable renders objects of one resource as a meta.k8s.io/v1 Table. resource is a storage key
 * ("core/pods") or a group-qualified resource ("deployments.apps"); objects are in their storage
 * version; now is the simulated time in ms. An unknown includeObject is a 400, as upstream.
 */
export function buildTable(resource: string, objects: readonly StoredObject[], now: number, opts: BuildTableOptions = {}): Table {
  const { group, resource: name } = parseResource(resource);
  const printer = printerFor(group, name);
  const include = opts.includeObject || IncludeObject.Metadata;
  // Upstream checks the value row by row, so an empty list never fails.
  if (objects.length > 0 && include !== IncludeObject.None && include !== IncludeObject.Metadata && include !== IncludeObject.Object) {
    throw newBadRequest(`unrecognized includeObject value: ${JSON.stringify(include)}`);
  }
  const rows: TableRow[] = new Array(objects.length);
  for (let i = 0; i < objects.length; i++) {
    const obj = objects[i];
    let object: unknown = null;
    if (include === IncludeObject.Object) object = obj;
    else if (include === IncludeObject.Metadata) object = { apiVersion: 'meta.k8s.io/v1', kind: 'PartialObjectMetadata', metadata: obj.metadata };
    const row: TableRow = { cells: printer.cells(obj, now), object };
    const conditions = printer.conditions?.(obj);
    if (conditions) row.conditions = conditions;
    rows[i] = row;
  }
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'Table',
    metadata: tableMeta(opts.listMeta),
    columnDefinitions: opts.noHeaders ? [] : printer.columns.slice(),
    rows,
  };
}
