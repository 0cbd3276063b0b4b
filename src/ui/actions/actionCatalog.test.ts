import { describe, expect, it } from 'vitest';
import { isTyping, shortcutAction } from './actionCatalog';

describe('shortcutAction', () => {
  it.each([
    ['nodes', 'c', 'cordon'],
    ['nodes', 'u', 'uncordon'],
    ['nodes', 'd', 'drain'],
    ['nodes', 'Delete', 'delete'],
    ['pods', 'Backspace', 'delete'],
    ['pods', 'l', 'logs'],
    ['pods', 'x', 'exec'],
    ['deployments', 'S', 'scale'],
    ['deployments', 'r', 'restart'],
    ['services', 'e', 'endpoints'],
    ['services', 'w', 'proxy'],
    ['pods', 'W', 'proxy'],
    ['pods', 'o', 'owner'],
    ['replicasets', 'o', 'owner'],
  ] as const)('on %s, %s means %s', (resource, key, id) => {
    expect(shortcutAction(resource, key)).toBe(id);
  });

  it('ignores keys the kind has no action for', () => {
    expect(shortcutAction('pods', 'c')).toBeUndefined();
    expect(shortcutAction('configmaps', 'Delete')).toBeUndefined();
  });
});

describe('isTyping', () => {
  it('is true in form fields and the editor, false elsewhere', () => {
    expect(isTyping({ tagName: 'input' })).toBe(true);
    expect(isTyping({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTyping({ tagName: 'DIV', closest: (s) => (s === '.monaco-editor' ? {} : null) })).toBe(true);
    expect(isTyping({ tagName: 'DIV', closest: () => null })).toBe(false);
    expect(isTyping(null)).toBe(false);
  });
});
