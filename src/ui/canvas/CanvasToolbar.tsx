import { useReactFlow } from '@xyflow/react';
import { useCanvasStore } from './canvasStore';

const fitOptions = { padding: 0.06, duration: 300, maxZoom: 1 };

/**
 * CanvasToolbar toggles the ownership overlay and explains the colours. The namespace filter the
 * canvas follows (useUiStore.namespace) sits with the clock in the header.
 */
export function CanvasToolbar() {
  const ownership = useCanvasStore((s) => s.ownership);
  const { fitView } = useReactFlow();
  const toggleOwnership = () => {
    useCanvasStore.setState({ ownership: !ownership });
    // The overlay's shapes sit left of the Services: bring them into view once React Flow has them.
    requestAnimationFrame(() => void fitView(fitOptions));
  };
  return (
    <div className="canvas-toolbar" title="Zoom out for node summaries. Nodes, containers and traffic are simulated.">
      <label>
        <input type="checkbox" checked={ownership} onChange={toggleOwnership} /> Ownership
      </label>
      <span className="legend" aria-label="Pod phases">
        <span className="phase-dot phase-Running" /> Running <span className="phase-dot phase-Pending" /> Pending{' '}
        <span className="phase-dot phase-Succeeded" /> Succeeded <span className="phase-dot phase-Failed" /> Failed
      </span>
    </div>
  );
}
