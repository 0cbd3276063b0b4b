import type { DragEvent } from 'react';
import { useApiClient } from '../state/apiClientContext';
import { PaletteMime, placeItem, type PaletteKind } from './placeItem';
import './palette.css';

interface PaletteItem {
  kind: PaletteKind;
  glyph: string;
  hint: string;
}

const items: readonly PaletteItem[] = [
  { kind: 'Node', glyph: 'N', hint: 'Add a simulated worker node' },
  { kind: 'Deployment', glyph: 'D', hint: 'Open a Deployment manifest in the editor' },
  { kind: 'StatefulSet', glyph: 'SS', hint: 'Open a StatefulSet manifest (with a volume claim per replica) in the editor' },
  { kind: 'DaemonSet', glyph: 'DS', hint: 'Open a DaemonSet manifest in the editor' },
  { kind: 'Pod', glyph: 'P', hint: 'Open a Pod manifest in the editor' },
  { kind: 'Service', glyph: 'S', hint: 'Open a Service manifest in the editor' },
  { kind: 'ConfigMap', glyph: 'C', hint: 'Open a ConfigMap manifest in the editor' },
  { kind: 'Secret', glyph: 'K', hint: 'Open a Secret manifest in the editor' },
  { kind: 'Job', glyph: 'J', hint: 'Open a Job manifest in the editor' },
  { kind: 'CronJob', glyph: 'CJ', hint: 'Open a CronJob manifest in the editor' },
];

function onDragStart(e: DragEvent<HTMLButtonElement>, kind: PaletteKind) {
  e.dataTransfer.setData(PaletteMime, kind);
  e.dataTransfer.effectAllowed = 'copy';
}

/** Palette is the left rail: drag an item onto the canvas, or click it (Enter/Space) to add it. */
export function Palette() {
  const client = useApiClient();
  return (
    <nav className="palette" aria-label="Palette">
      <h2>Add</h2>
      <ul>
        {items.map((item) => (
          <li key={item.kind}>
            <button
              type="button"
              draggable
              className="palette-item"
              data-palette-kind={item.kind}
              title={item.hint}
              onDragStart={(e) => onDragStart(e, item.kind)}
              onClick={() => void placeItem(client, item.kind)}
            >
              <span className={`palette-glyph kind-${item.kind}`} aria-hidden="true">
                {item.glyph}
              </span>
              {item.kind}
            </button>
          </li>
        ))}
      </ul>
      <p className="palette-note">Drag onto the canvas or click. Workloads open as YAML in the editor.</p>
    </nav>
  );
}
