import { describe, expect, it } from 'vitest';
import { popUndo, pushUndo, UndoLimit, type UndoEntry } from './undoStack';

const entry = (label: string): UndoEntry => ({ label, run: async () => label });

describe('undo stack', () => {
  it('pops the newest entry first', () => {
    const stack = pushUndo(pushUndo([], entry('uncordon a')), entry('scale web back to 2'));
    const [top, rest] = popUndo(stack);
    expect(top?.label).toBe('scale web back to 2');
    expect(rest.map((e) => e.label)).toEqual(['uncordon a']);
    expect(popUndo([])[0]).toBeUndefined();
  });

  it('forgets the oldest entries past the limit', () => {
    let stack: UndoEntry[] = [];
    for (let i = 0; i < UndoLimit + 5; i++) stack = pushUndo(stack, entry(String(i)));
    expect(stack).toHaveLength(UndoLimit);
    expect(stack[0].label).toBe('5');
  });
});
