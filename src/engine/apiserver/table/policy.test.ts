import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { describe, expect, it } from 'vitest';
import { podDisruptionBudgetPrinter } from './policy';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' };

describe('podDisruptionBudgetPrinter', () => {
  it('prints a PDB with N/A for the unset bound', () => {
    const pdb: PodDisruptionBudget = { metadata, spec: { minAvailable: '50%' }, status: { disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 } };
    expect(podDisruptionBudgetPrinter.cells(pdb, now)).toEqual(['web', '50%', 'N/A', 1, '60m']);
    expect(podDisruptionBudgetPrinter.cells({ metadata, spec: { maxUnavailable: 1 } }, now).slice(1, 4)).toEqual(['N/A', '1', 0]);
  });
});
