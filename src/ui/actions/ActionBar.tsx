import { useApiClient } from '../state/apiClientContext';
import { useUiStore } from '../state/uiStore';
import { cachedResources } from '../state/cachedResources';
import { actionsFor } from './actionCatalog';
import { useActionStore } from './actionStore';
import { performAction, undoLast } from './performAction';
import { PromptForm } from './PromptForm';
import './actions.css';

const keyLabel = (key: string) => (key === 'Delete' ? 'Del' : key);

/** ActionBar offers what can be done to the selected object, with each action's shortcut, and Undo. */
export function ActionBar() {
  const client = useApiClient();
  const selected = useUiStore((s) => s.selected);
  const busy = useActionStore((s) => s.busy);
  const prompt = useActionStore((s) => s.prompt);
  const undo = useActionStore((s) => s.undo[s.undo.length - 1]);
  if (!selected && !undo) return null;
  const actions = selected ? (actionsFor[selected.resource] ?? []) : [];
  return (
    <div className="action-bar" role="toolbar" aria-label="Actions on the selection">
      {selected && (
        <span className="action-target">
          {cachedResources[selected.resource].kind}/{selected.name}
        </span>
      )}
      {selected &&
        actions.map((a) => (
          <button
            key={a.id}
            type="button"
            data-action={a.id}
            disabled={busy}
            title={a.key ? `${a.label} (${keyLabel(a.key)})` : a.label}
            onClick={() => void performAction(client, a.id, selected)}
          >
            {a.label}
            {a.key && <kbd>{keyLabel(a.key)}</kbd>}
          </button>
        ))}
      {undo && (
        <button type="button" data-action="undo" disabled={busy} title="Undo (Ctrl+Z)" onClick={() => void undoLast(client)}>
          Undo: {undo.label}
        </button>
      )}
      {prompt && <PromptForm prompt={prompt} />}
    </div>
  );
}
