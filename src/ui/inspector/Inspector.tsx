import { useUiStore } from '../state/uiStore';
import { ObjectInspector } from './ObjectInspector';
import './inspector.css';

/** Inspector is the side panel for the selected object, or a hint when nothing is selected. */
export function Inspector() {
  const selected = useUiStore((s) => s.selected);
  if (!selected) {
    return (
      <section className="inspector inspector-empty" aria-label="Inspector">
        <p>Select a node, a pod or another object on the canvas, or click an event below, to see its conditions, events, YAML and, for a pod, why the scheduler put it where it is.</p>
      </section>
    );
  }
  // Keyed by the object, so that a new selection starts with fresh state (its own scheduling fetch).
  return <ObjectInspector key={`${selected.resource}/${selected.namespace ?? ''}/${selected.name}`} selected={selected} />;
}
