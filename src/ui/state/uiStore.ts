import { create } from 'zustand';
import type { CachedResource } from './cachedResources';

/** ObjectRef names one API object the page shows. */
export interface ObjectRef {
  resource: CachedResource;
  namespace?: string;
  name: string;
}

/** UiState is the page's own state: what is selected and shown, never cluster behaviour. */
export interface UiState {
  selected?: ObjectRef;
  /** panel is what the side panel shows: the selected object, or the YAML editor. */
  panel: 'inspector' | 'editor';
  /** editorSeed is YAML the palette or an action asks the editor to open, with a counter so the same text reopens. */
  editorSeed?: { yaml: string; seq: number };
  /** namespace filters the canvas and timeline; undefined shows all namespaces. */
  namespace?: string;
  select(ref: ObjectRef | undefined): void;
  openEditor(yaml?: string): void;
  showInspector(): void;
  setNamespace(namespace: string | undefined): void;
}

let seq = 0;

/** useUiStore holds what the page shows; the cluster itself lives in useClusterStore. */
export const useUiStore = create<UiState>((set) => ({
  panel: 'inspector',
  select: (selected) => set(selected ? { selected, panel: 'inspector' } : { selected }),
  openEditor: (yaml) => set(yaml === undefined ? { panel: 'editor' } : { panel: 'editor', editorSeed: { yaml, seq: ++seq } }),
  showInspector: () => set({ panel: 'inspector' }),
  setNamespace: (namespace) => set({ namespace }),
}));
