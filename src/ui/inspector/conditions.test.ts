import { describe, expect, it } from 'vitest';
import { conditionRows } from './conditions';

describe('conditionRows', () => {
  const now = Date.parse('2025-01-01T01:00:00Z');
  it('lists conditions with their age in simulated time', () => {
    const node = {
      kind: 'Node',
      status: {
        conditions: [
          { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', lastTransitionTime: '2025-01-01T00:00:00Z' },
          { type: 'Ready', status: 'True', reason: 'KubeletReady', lastTransitionTime: '2025-01-01T00:58:30Z' },
        ],
      },
    };
    expect(conditionRows(node, now)).toEqual([
      { type: 'MemoryPressure', status: 'False', reason: 'KubeletHasSufficientMemory', message: 'kubelet has sufficient memory available', age: '60m' },
      { type: 'Ready', status: 'True', reason: 'KubeletReady', message: '', age: '90s' },
    ]);
  });

  it('is empty for objects without conditions, and ageless before the clock is read', () => {
    expect(conditionRows({ kind: 'ConfigMap' }, now)).toEqual([]);
    expect(conditionRows({ status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z' }] } }, undefined)[0].age).toBe('');
  });
});
