import { create } from 'zustand';
import type { ObjectRef } from '../state/uiStore';
import { popUndo, pushUndo, type UndoEntry } from './undoStack';

/** Notice is what the last action printed: kubectl's lines, or the API's Status message on failure. */
export interface Notice {
  lines: string[];
  error: boolean;
  /** retry offers the same action with a flag kubectl would suggest (drain --force). */
  retry?: { label: string; run: () => void };
}

/** Dialog is a panel an action opens over the canvas. */
export type Dialog =
  | { kind: 'logs'; namespace: string; name: string; containers: string[]; container: string }
  | { kind: 'endpoints'; namespace: string; name: string }
  | { kind: 'proxy'; target: 'pods' | 'services'; namespace: string; name: string }
  | { kind: 'exec'; namespace: string; name: string };

/** Prompt is an action waiting for one value: a replica count, or container=image. */
export interface Prompt {
  kind: 'scale' | 'setImage';
  ref: ObjectRef;
  value: string;
}

/** ActionState is what the action toolbar, its dialogs and the undo stack show. */
export interface ActionState {
  busy: boolean;
  notice?: Notice;
  dialog?: Dialog;
  prompt?: Prompt;
  undo: UndoEntry[];
}

/** useActionStore holds the state of actions in flight; the cluster itself changes only through the API. */
export const useActionStore = create<ActionState>(() => ({ busy: false, undo: [] }));

/** notify shows an action's outcome. */
export function notify(notice: Notice | undefined): void {
  useActionStore.setState({ notice });
}

/** rememberUndo pushes the inverse of an action that just succeeded. */
export function rememberUndo(entry: UndoEntry): void {
  useActionStore.setState((s) => ({ undo: pushUndo(s.undo, entry) }));
}

/** takeUndo pops the newest inverse action, if any. */
export function takeUndo(): UndoEntry | undefined {
  const [entry, rest] = popUndo(useActionStore.getState().undo);
  if (entry) useActionStore.setState({ undo: rest });
  return entry;
}
