import * as monaco from 'monaco-editor/esm/vs/editor/editor.api.js';
// The editor's features (suggest, hover, find, folding…) and YAML highlighting, without the other
// languages monaco-editor's main entry would bundle.
import 'monaco-editor/esm/vs/editor/edcore.main.js';
import 'monaco-editor/esm/vs/basic-languages/yaml/yaml.contribution.js';
import { configureMonacoYaml } from 'monaco-yaml';
import manifestSchema from 'virtual:kubernetes-manifest-schema';
import { exampleManifest } from './exampleManifest';

// Each worker has a local entry file: the page works offline and embeds without a CDN.
self.MonacoEnvironment = {
  getWorker(_moduleId: string, label: string) {
    if (label === 'yaml') return new Worker(new URL('./yaml.worker.ts', import.meta.url), { type: 'module', name: 'yaml' });
    return new Worker(new URL('./editor.worker.ts', import.meta.url), { type: 'module', name: 'editor' });
  },
};

configureMonacoYaml(monaco, {
  enableSchemaRequest: false,
  // kubectl reads YAML 1.1 (yes/no are booleans), so the editor flags what kubectl would send.
  yamlVersion: '1.1',
  schemas: [{ uri: 'https://kubernetes.io/docs/reference/kubernetes-api/', fileMatch: ['manifest.yaml'], schema: manifestSchema }],
});

let model: monaco.editor.ITextModel | undefined;

/** manifestModel is the one text model the editor edits; it outlives the panel, so a draft survives switching tabs. */
export function manifestModel(): monaco.editor.ITextModel {
  model ??= monaco.editor.createModel(exampleManifest, 'yaml', monaco.Uri.parse('file:///manifest.yaml'));
  return model;
}

export { monaco };
