import type { KubeObject } from '../../api/object';
import { nameColumn } from './columns';
import { docs } from './descriptions';
import { parseTime, zeroTime } from './duration';
import type { Printer } from './types';

// The table of resources without a printer (k8s.io/apiserver/pkg/registry/rest/table.go, v1.32):
// Roles, ClusterRoles and LimitRanges use it upstream, so `kubectl get roles` shows NAME CREATED AT
// with an RFC 3339 timestamp rather than an age.

/** goZeroTimeRFC3339 is how Go formats an unset creationTimestamp. */
const goZeroTimeRFC3339 = '0001-01-01T00:00:00Z';

/** formatRFC3339 renders ms as Go's time.RFC3339 in UTC, with whole seconds. */
export function formatRFC3339(ms: number): string {
  if (ms === zeroTime) return goZeroTimeRFC3339;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** defaultPrinter is the default table convertor: NAME and CREATED AT (type "date"). */
export const defaultPrinter: Printer<KubeObject> = {
  columns: [nameColumn, { name: 'Created At', type: 'date', format: '', description: docs.metaCreationTimestamp, priority: 0 }],
  cells: (obj) => [obj.metadata?.name ?? '', formatRFC3339(parseTime(obj.metadata?.creationTimestamp))],
};
