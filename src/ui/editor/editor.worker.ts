// Monaco's editor worker (diffs, word ranges), from a local file so that nothing loads from a CDN.
import 'monaco-editor/esm/vs/editor/editor.worker.js';
