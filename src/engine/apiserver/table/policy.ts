import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { ageColumn, column, nameColumn } from './columns';
import { translateTimestampSince } from './duration';
import { intOrString } from './format';
import type { Printer } from './types';

// The PodDisruptionBudget printer of pkg/printers/internalversion/printers.go (v1.32).

/** podDisruptionBudgetPrinter: NAME MIN AVAILABLE MAX UNAVAILABLE ALLOWED DISRUPTIONS AGE ("N/A" when unset). */
export const podDisruptionBudgetPrinter: Printer<PodDisruptionBudget> = {
  columns: [
    nameColumn,
    column('Min Available', 'string', 'The minimum number of pods that must be available.'),
    column('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    column('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    ageColumn,
  ],
  cells(pdb, now) {
    const min = pdb.spec?.minAvailable;
    const max = pdb.spec?.maxUnavailable;
    return [
      pdb.metadata?.name ?? '',
      min != null ? intOrString(min) : 'N/A',
      max != null ? intOrString(max) : 'N/A',
      pdb.status?.disruptionsAllowed ?? 0,
      translateTimestampSince(pdb.metadata?.creationTimestamp, now),
    ];
  },
};
