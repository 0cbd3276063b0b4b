import { lazy, Suspense } from 'react';

// Monaco is several megabytes: it loads the first time the editor opens, never with the page.
const YamlEditorPanel = lazy(() => import('./YamlEditorPanel'));

/** EditorPanel is the side panel's YAML editor, loaded on first use. */
export function EditorPanel() {
  return (
    <Suspense fallback={<p className="note" aria-busy="true">Loading the YAML editor…</p>}>
      <YamlEditorPanel />
    </Suspense>
  );
}
