import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Applier } from '../../engine/kubectl/apply/apply';
import type { ApplyResult } from '../../engine/kubectl/apply/applyResult';
import { useApiClient } from '../state/apiClientContext';
import { useUiStore } from '../state/uiStore';
import { ApplyResults } from './ApplyResults';
import { applyMarkers, ApplyMarkerSource } from './applyMarkers';
import { manifestModel, monaco } from './monacoSetup';
import { useManifestEditor } from './useManifestEditor';
import './editor.css';

// The seed last loaded into the model, kept across mounts so reopening the panel keeps the draft.
let loadedSeed = 0;

/**
 * YamlEditorPanel edits a manifest stream and applies it as `kubectl apply -f -` (client-side apply)
 * would, or dry-runs it on the server. Results are listed per document; errors also mark the lines
 * of the fields they are about.
 */
export default function YamlEditorPanel() {
  const client = useApiClient();
  const applier = useMemo(() => new Applier(client), [client]);
  const seed = useUiStore((s) => s.editorSeed);
  const [results, setResults] = useState<ApplyResult[]>();
  const [running, setRunning] = useState<'apply' | 'dry run'>();
  const busy = useRef(false);

  const run = useCallback(
    async (dryRun: boolean) => {
      if (busy.current) return;
      busy.current = true;
      setRunning(dryRun ? 'dry run' : 'apply');
      const model = manifestModel();
      try {
        const res = await applier.apply(model.getValue(), { dryRun });
        setResults(res);
        const markers = applyMarkers(res).map((m) => ({ ...m, severity: monaco.MarkerSeverity.Error }));
        monaco.editor.setModelMarkers(model, ApplyMarkerSource, markers);
      } finally {
        busy.current = false;
        setRunning(undefined);
      }
    },
    [applier],
  );
  const { containerRef, reveal } = useManifestEditor(run);

  useEffect(() => {
    if (!seed || seed.seq === loadedSeed) return;
    loadedSeed = seed.seq;
    manifestModel().setValue(seed.yaml);
    setResults(undefined);
  }, [seed]);

  return (
    <section className="yaml-editor-panel" aria-label="YAML editor">
      <div className="yaml-editor-toolbar">
        <button type="button" onClick={() => void run(false)} disabled={!!running} title="Ctrl+Enter (⌘+Enter)">
          Apply
        </button>
        <button type="button" onClick={() => void run(true)} disabled={!!running} title="Ctrl+Shift+Enter: the server validates and answers, nothing is stored">
          Dry run
        </button>
        <span className="note">{running ? `${running}…` : 'kubectl apply -f - against the simulated cluster'}</span>
      </div>
      <div className="yaml-editor" ref={containerRef} data-testid="yaml-editor" />
      {results && <ApplyResults results={results} onReveal={reveal} />}
    </section>
  );
}
