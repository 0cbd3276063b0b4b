import { useCallback, useEffect, useRef } from 'react';
import { ApplyMarkerSource } from './applyMarkers';
import { manifestModel, monaco } from './monacoSetup';

// Under automation (Playwright sets navigator.webdriver) the editor types exactly what it is sent:
// no completion popping up to swallow Enter, no auto-indent or auto-closing adding text.
const automated = typeof navigator !== 'undefined' && navigator.webdriver;

const editorOptions: monaco.editor.IStandaloneEditorConstructionOptions = {
  automaticLayout: true,
  minimap: { enabled: false },
  scrollBeyondLastLine: false,
  fontSize: 13,
  tabSize: 2,
  insertSpaces: true,
  fixedOverflowWidgets: true,
  quickSuggestions: automated ? false : { other: true, comments: false, strings: true },
  suggestOnTriggerCharacters: !automated,
  acceptSuggestionOnEnter: automated ? 'off' : 'on',
  autoIndent: automated ? 'none' : 'advanced',
  autoClosingBrackets: automated ? 'never' : 'languageDefined',
  autoClosingQuotes: automated ? 'never' : 'languageDefined',
  formatOnType: false,
  // Monaco 0.52's word highlighter leaves a rejected promise behind when the editor is disposed
  // while it is pending ("Uncaught (in promise) Canceled", monaco-editor#4702); switching tabs disposes it.
  occurrencesHighlight: 'off',
};

/**
 * useManifestEditor mounts Monaco on the manifest model in the returned container. Ctrl/Cmd+Enter
 * applies and Ctrl/Cmd+Shift+Enter dry-runs, through onApply; editing clears the markers of the last
 * apply, which point at text that may have moved.
 */
export function useManifestEditor(onApply: (dryRun: boolean) => void) {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor>(undefined);
  const applyRef = useRef(onApply);
  useEffect(() => {
    applyRef.current = onApply;
  }, [onApply]);

  useEffect(() => {
    const model = manifestModel();
    const editor = monaco.editor.create(containerRef.current!, { ...editorOptions, model });
    const { CtrlCmd, Shift } = monaco.KeyMod;
    editor.addAction({ id: 'kube-playground.apply', label: 'Apply to the cluster (kubectl apply)', keybindings: [CtrlCmd | monaco.KeyCode.Enter], run: () => applyRef.current(false) });
    editor.addAction({ id: 'kube-playground.dry-run', label: 'Dry run on the server', keybindings: [CtrlCmd | Shift | monaco.KeyCode.Enter], run: () => applyRef.current(true) });
    const edits = model.onDidChangeContent(() => monaco.editor.setModelMarkers(model, ApplyMarkerSource, []));
    editorRef.current = editor;
    return () => {
      edits.dispose();
      editor.dispose();
      editorRef.current = undefined;
    };
  }, []);

  const reveal = useCallback((line: number) => {
    const editor = editorRef.current;
    if (!editor) return;
    editor.revealLineInCenter(line);
    editor.setPosition({ lineNumber: line, column: 1 });
    editor.focus();
  }, []);

  return { containerRef, reveal };
}
