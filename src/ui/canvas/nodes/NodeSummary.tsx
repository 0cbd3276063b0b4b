import { fraction, type NodeUsage, type NodeView } from '../viewModel';

const phaseOrder = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', 'Terminating'];

/** NodeSummary is a node zoomed out: its name and status, a usage bar, and its pods counted by phase. */
export function NodeSummary({ view, usage, phases }: { view: NodeView; usage: NodeUsage; phases: Record<string, number> }) {
  return (
    <div className="node-summary">
      <div className="summary-title">
        <span className="node-name">{view.name}</span>
        <span className={`badge status-${view.status}`}>{view.status}</span>
        {view.unschedulable && <span className="badge cordoned">cordoned</span>}
      </div>
      <span className="summary-usage" title="cpu requests / allocatable">
        <span className="usage-fill" style={{ width: `${fraction(usage.cpu) * 100}%` }} />
      </span>
      <div className="summary-phases">
        {phaseOrder
          .filter((p) => phases[p])
          .map((p) => (
            <span key={p} className={`summary-phase phase-${p}`} title={`${phases[p]} ${p}`}>
              {phases[p]}
            </span>
          ))}
      </div>
    </div>
  );
}
