import { docs } from './descriptions';
import type { TableColumnDefinition } from './types';

// Builders for column definitions, so each printer lists its columns in one readable line apiece.

/** column is a priority-0 column. */
export function column(name: string, type: string, description: string): TableColumnDefinition {
  return { name, type, format: '', description, priority: 0 };
}

/** wideColumn is a priority-1 column, shown only with -o wide. */
export function wideColumn(name: string, type: string, description: string): TableColumnDefinition {
  return { name, type, format: '', description, priority: 1 };
}

/** nameColumn is the "Name" column every printer starts with (format "name"). */
export const nameColumn: TableColumnDefinition = { name: 'Name', type: 'string', format: 'name', description: docs.metaName, priority: 0 };

/** ageColumn is the "Age" column, rendered by translateTimestampSince. */
export const ageColumn = column('Age', 'string', docs.metaCreationTimestamp);

/** containersDescription describes the CONTAINERS column of the workload printers. */
export const containersDescription = 'Names of each container in the template.';
/** imagesDescription describes the IMAGES column of the workload printers. */
export const imagesDescription = 'Images referenced by each container in the template.';
