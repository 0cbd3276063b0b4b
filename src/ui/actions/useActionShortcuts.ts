import { useEffect } from 'react';
import type { ApiClient } from '../../engine/client/apiClient';
import { useUiStore } from '../state/uiStore';
import { isTyping, shortcutAction } from './actionCatalog';
import { useActionStore } from './actionStore';
import { performAction, undoLast } from './performAction';

/**
 * useActionShortcuts binds the toolbar's shortcuts, Escape (clear the selection, close a dialog)
 * and Ctrl/Cmd+Z (undo) to the window; keys typed into inputs or the editor are left alone.
 */
export function useActionShortcuts(client: ApiClient): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || isTyping(e.target as Element | null)) return;
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z') {
        e.preventDefault();
        void undoLast(client);
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (e.key === 'Escape') {
        if (useActionStore.getState().dialog) useActionStore.setState({ dialog: undefined });
        else useUiStore.getState().select(undefined);
        return;
      }
      const selected = useUiStore.getState().selected;
      const id = selected && shortcutAction(selected.resource, e.key);
      if (!selected || !id || useActionStore.getState().busy) return;
      e.preventDefault();
      void performAction(client, id, selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [client]);
}
