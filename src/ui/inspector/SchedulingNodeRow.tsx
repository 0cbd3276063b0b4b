import type { SchedulingRow } from './schedulingTable';

/** SchedulingNodeRow is one node's verdict: the filter that rejected it, or its score per plugin. */
export function SchedulingNodeRow({ row, plugins }: { row: SchedulingRow; plugins: string[] }) {
  return (
    <tr data-node={row.node} data-outcome={row.outcome} className={`scheduling-${row.outcome}`}>
      <td>
        {row.node}
        {row.bound && <span className="scheduling-bound"> (bound here)</span>}
      </td>
      <td>{row.outcome === 'rejected' ? 'filtered out' : `${row.outcome === 'best' ? 'best, ' : ''}score ${row.total}`}</td>
      <td>
        {row.outcome === 'rejected' ? (
          <>
            <code>{row.plugin}</code>: {row.reason}
          </>
        ) : (
          <ul className="scheduling-scores">
            {plugins.map((p, i) => (
              <li key={p}>
                <code>{p}</code> {row.scores[i] ?? '–'}
              </li>
            ))}
          </ul>
        )}
      </td>
    </tr>
  );
}
