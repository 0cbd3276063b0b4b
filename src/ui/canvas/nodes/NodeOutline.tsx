import { fraction, type NodeUsage } from '../viewModel';

const phaseOrder = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown', 'Terminating'];

/**
 * NodeOutline is a node from far away: a bar of its pods by phase and a bar of its cpu requests,
 * as few boxes as can show them, because hundreds of outlines repaint on every frame of a pan.
 */
export function NodeOutline({ usage, phases }: { usage: NodeUsage; phases: Record<string, number> }) {
  const total = phaseOrder.reduce((n, p) => n + (phases[p] ?? 0), 0);
  return (
    <div className="node-outline">
      <div className="outline-phases">
        {phaseOrder
          .filter((p) => phases[p])
          .map((p) => (
            <span key={p} className={`phase-${p}`} style={{ flexGrow: phases[p] / total }} />
          ))}
      </div>
      <span className="outline-usage" style={{ width: `${fraction(usage.cpu) * 100}%` }} />
    </div>
  );
}
