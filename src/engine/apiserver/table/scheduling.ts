import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { ageColumn, column, nameColumn } from './columns';
import { docs } from './descriptions';
import { translateTimestampSince } from './duration';
import type { Printer } from './types';

// The PriorityClass printer of pkg/printers/internalversion/printers.go (v1.32). PREEMPTIONPOLICY has
// priority 0 upstream although the cell is only filled in wide mode, which the server always uses.

/** priorityClassPrinter: NAME VALUE GLOBAL-DEFAULT AGE PREEMPTIONPOLICY. */
export const priorityClassPrinter: Printer<PriorityClass> = {
  columns: [
    nameColumn,
    column('Value', 'integer', docs.pcValue),
    column('Global-Default', 'boolean', docs.pcGlobalDefault),
    ageColumn,
    column('PreemptionPolicy', 'string', docs.pcPreemptionPolicy),
  ],
  cells: (pc, now) => [
    pc.metadata?.name ?? '',
    pc.value,
    pc.globalDefault ?? false,
    translateTimestampSince(pc.metadata?.creationTimestamp, now),
    pc.preemptionPolicy ?? '',
  ],
};
