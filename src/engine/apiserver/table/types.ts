import type { ListMeta, ObjectMeta } from 'kubernetes-types/meta/v1';

// meta.k8s.io/v1 Table types (k8s.io/apimachinery/pkg/apis/meta/v1/types.go). kubernetes-types has no
// Table, so these mirror its wire shape.

/** TableColumnDefinition describes one column; every field is always present on the wire. */
export interface TableColumnDefinition {
  name: string;
  /** type is an OpenAPI type: string, integer, number, boolean, date. */
  type: string;
  /** format is an OpenAPI format; "name" marks the column holding the object name. */
  format: string;
  description: string;
  /** priority 0 is shown by default; higher priorities only with -o wide. */
  priority: number;
}

/** Cell is one value of a row: numbers for Go ints, booleans for Go bools, strings otherwise. */
export type Cell = string | number | boolean;

/** TableRowCondition is a human-relevant condition of a row (only "Completed" is defined upstream). */
export interface TableRowCondition {
  type: 'Completed';
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

/** PartialObjectMetadata is the row object kubectl asks for with includeObject=Metadata. */
export interface PartialObjectMetadata {
  apiVersion: 'meta.k8s.io/v1';
  kind: 'PartialObjectMetadata';
  metadata: ObjectMeta;
}

/** TableRow is one object's cells plus, depending on includeObject, the object or its metadata. */
export interface TableRow {
  cells: Cell[];
  conditions?: TableRowCondition[];
  /** object is null for includeObject=None, as Go encodes an empty RawExtension. */
  object: unknown;
}

/** Table is the meta.k8s.io/v1 Table returned for Accept: application/json;as=Table;v=v1;g=meta.k8s.io. */
export interface Table {
  apiVersion: 'meta.k8s.io/v1';
  kind: 'Table';
  metadata: ListMeta;
  columnDefinitions: TableColumnDefinition[];
  rows: TableRow[];
}

/** Printer renders one kind: its column definitions and, per object, every cell (wide ones included). */
export interface Printer<T = unknown> {
  columns: readonly TableColumnDefinition[];
  cells(obj: T, now: number): Cell[];
  conditions?(obj: T): TableRowCondition[] | undefined;
}
