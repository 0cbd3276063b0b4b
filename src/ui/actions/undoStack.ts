import type { ApiClient } from '../../engine/client/apiClient';

/** UndoEntry is the inverse of an action Kubernetes lets us take back (uncordon after cordon, the old scale). */
export interface UndoEntry {
  /** label says what undoing does: "uncordon worker-1". */
  label: string;
  run(client: ApiClient): Promise<string>;
}

/** UndoLimit bounds the stack: older entries are forgotten. */
export const UndoLimit = 20;

/** pushUndo returns the stack with entry on top, the oldest dropped past UndoLimit. */
export function pushUndo(stack: readonly UndoEntry[], entry: UndoEntry): UndoEntry[] {
  return [...stack, entry].slice(-UndoLimit);
}

/** popUndo splits the top entry off the stack; undefined when there is nothing to undo. */
export function popUndo(stack: readonly UndoEntry[]): [UndoEntry | undefined, UndoEntry[]] {
  return [stack[stack.length - 1], stack.slice(0, -1)];
}
