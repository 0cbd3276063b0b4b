import type { PriorityClass } from 'kubernetes-types/scheduling/v1';
import { describe, expect, it } from 'vitest';
import { priorityClassPrinter } from './scheduling';

const now = Date.parse('2025-01-01T12:00:00Z');

describe('priorityClassPrinter', () => {
  it('prints a priority class with number and boolean cells', () => {
    const pc: PriorityClass = { metadata: { name: 'system-node-critical', creationTimestamp: '2025-01-01T11:00:00Z' }, value: 2000001000, preemptionPolicy: 'PreemptLowerPriority' };
    expect(priorityClassPrinter.cells(pc, now)).toEqual(['system-node-critical', 2000001000, false, '60m', 'PreemptLowerPriority']);
    expect(priorityClassPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0', 'Value:integer:0', 'Global-Default:boolean:0', 'Age:string:0', 'PreemptionPolicy:string:0',
    ]);
  });
});
