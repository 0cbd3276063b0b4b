import { describe, expect, it } from 'vitest';
import { podDisruptionBudgetStrategy } from './podDisruptionBudgets';
import { simulateCreate } from './strategyTesting';

const pdb = (spec: Record<string, unknown>) => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'web' }, spec });

describe('poddisruptionbudget strategy', () => {
  it('starts with zeroed status counters', () => {
    const { obj, errors } = simulateCreate(podDisruptionBudgetStrategy, pdb({ minAvailable: 1, selector: { matchLabels: { app: 'web' } } }));
    expect(errors).toEqual([]);
    expect(obj.status).toEqual({ currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
  });

  it.each([
    ['minAvailable and maxUnavailable together', { minAvailable: 1, maxUnavailable: 1 }, /^spec: Invalid value: policy\.PodDisruptionBudgetSpec\{.*\}: minAvailable and maxUnavailable cannot be both set$/],
    ['a negative minAvailable', { minAvailable: -1 }, /^spec\.minAvailable: Invalid value: -1: must be greater than or equal to 0$/],
    ['maxUnavailable over 100%', { maxUnavailable: '150%' }, /^spec\.maxUnavailable: Invalid value: intstr\.IntOrString\{Type:1, IntVal:0, StrVal:"150%"\}: must not be greater than 100%$/],
    ['an unknown eviction policy', { unhealthyPodEvictionPolicy: 'Never' }, /^spec\.unhealthyPodEvictionPolicy: Unsupported value: "Never": supported values: "AlwaysAllow", "IfHealthyBudget"$/],
  ])('rejects %s', (_n, spec, want) => {
    const errors = simulateCreate(podDisruptionBudgetStrategy, pdb(spec)).errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(want);
  });
});
