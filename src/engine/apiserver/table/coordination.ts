import type { Lease } from 'kubernetes-types/coordination/v1';
import { ageColumn, column, nameColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import type { Printer } from './types';

// The Lease printer of pkg/printers/internalversion/printers.go (v1.32).

/** leasePrinter: NAME HOLDER AGE. */
export const leasePrinter: Printer<Lease> = {
  columns: [nameColumn, column('Holder', 'string', docs.leaseHolderIdentity), ageColumn],
  cells: (lease, now) => [lease.metadata?.name ?? '', lease.spec?.holderIdentity ?? '', translateTimestampSince(lease.metadata?.creationTimestamp, now)],
};
