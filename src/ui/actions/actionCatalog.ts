import type { CachedResource } from '../state/cachedResources';

// Which actions each drawn object offers, with their keyboard shortcuts, as data: the toolbar
// renders it and the shortcut handler reads it, so the two never disagree.

/** ActionId names an action on a selected object. */
export type ActionId =
  | 'describe'
  | 'delete'
  | 'cordon'
  | 'uncordon'
  | 'drain'
  | 'logs'
  | 'exec'
  | 'scale'
  | 'setImage'
  | 'restart'
  | 'rollback'
  | 'endpoints'
  | 'proxy'
  | 'owner';

/** ActionSpec is one toolbar button. */
export interface ActionSpec {
  id: ActionId;
  label: string;
  /** key is the shortcut, as KeyboardEvent.key. */
  key?: string;
}

const describe: ActionSpec = { id: 'describe', label: 'Describe' };
const del: ActionSpec = { id: 'delete', label: 'Delete', key: 'Delete' };
const owner: ActionSpec = { id: 'owner', label: 'Owner', key: 'o' };
const proxy: ActionSpec = { id: 'proxy', label: 'Open (proxy)', key: 'w' };

/** actionsFor lists what the toolbar offers for a kind of object. */
export const actionsFor: Partial<Record<CachedResource, readonly ActionSpec[]>> = {
  nodes: [
    describe,
    { id: 'cordon', label: 'Cordon', key: 'c' },
    { id: 'uncordon', label: 'Uncordon', key: 'u' },
    { id: 'drain', label: 'Drain', key: 'd' },
    del,
  ],
  pods: [describe, { id: 'logs', label: 'Logs', key: 'l' }, { id: 'exec', label: 'Exec', key: 'x' }, proxy, owner, del],
  deployments: [
    describe,
    { id: 'scale', label: 'Scale', key: 's' },
    { id: 'setImage', label: 'Set image', key: 'i' },
    { id: 'restart', label: 'Rollout restart', key: 'r' },
    { id: 'rollback', label: 'Rollout undo' },
    del,
  ],
  replicasets: [describe, owner, del],
  services: [describe, { id: 'endpoints', label: 'Endpoints', key: 'e' }, proxy, del],
};

/** KeyTarget is the part of a keyboard event's target the shortcut handler looks at. */
export interface KeyTarget {
  tagName?: string;
  isContentEditable?: boolean;
  closest?(selector: string): unknown;
}

/** isTyping reports whether keys go to a text field or the editor, where shortcuts must stay quiet. */
export function isTyping(target: KeyTarget | null): boolean {
  if (!target) return false;
  const tag = target.tagName?.toUpperCase();
  if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable) return true;
  return Boolean(target.closest?.('.monaco-editor'));
}

/** shortcutAction finds the action a key triggers on the selected kind of object. */
export function shortcutAction(resource: CachedResource, key: string): ActionId | undefined {
  const k = key === 'Backspace' ? 'Delete' : key.length === 1 ? key.toLowerCase() : key;
  return actionsFor[resource]?.find((a) => a.key === k)?.id;
}
