import { useUiStore } from '../state/uiStore';
import './sidePanelTabs.css';

/** SidePanelTabs switches the side panel between the inspector and the YAML editor. */
export function SidePanelTabs() {
  const panel = useUiStore((s) => s.panel);
  const { showInspector, openEditor } = useUiStore.getState();
  return (
    <div className="side-panel-tabs" role="tablist" aria-label="Side panel">
      <button type="button" role="tab" aria-selected={panel === 'inspector'} onClick={showInspector}>
        Inspector
      </button>
      <button type="button" role="tab" aria-selected={panel === 'editor'} onClick={() => openEditor()}>
        YAML editor
      </button>
    </div>
  );
}
