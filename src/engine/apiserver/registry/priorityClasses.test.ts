import { describe, expect, it } from 'vitest';
import { priorityClassStrategy } from './priorityClasses';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}) => ({ apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra });

describe('priorityclass strategy', () => {
  it('defaults preemptionPolicy and generation', () => {
    const { obj, errors } = simulateCreate(priorityClassStrategy, pc('high', 1000));
    expect(errors).toEqual([]);
    expect(obj.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(obj.metadata?.generation).toBe(1);
  });

  it.each([
    ['a value above the user maximum', pc('huge', 1_000_000_001), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    ['a reserved name', pc('system-mine', 5), ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-mine is not a known system priority class"]],
    ['a system class with the wrong value', pc('system-node-critical', 5), ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: value of system-node-critical PriorityClass must be 2000001000"]],
    ['an unknown preemption policy', pc('p', 1, { preemptionPolicy: 'Sometimes' }), ['preemptionPolicy: Unsupported value: "Sometimes": supported values: "PreemptLowerPriority", "Never"']],
  ])('rejects %s', (_n, obj, want) => {
    expect(simulateCreate(priorityClassStrategy, obj).errors).toEqual(want);
  });

  it('keeps value immutable', () => {
    const old = stored(simulateCreate(priorityClassStrategy, pc('high', 1000)).obj);
    expect(simulateUpdate(priorityClassStrategy, { ...structuredClone(old), value: 2000 }, old).errors).toEqual(['value: Forbidden: may not be changed in an update.']);
  });
});
