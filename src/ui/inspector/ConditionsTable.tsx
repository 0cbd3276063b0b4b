import { useMemo } from 'react';
import type { KubeObject } from '../../engine/api/object';
import { conditionRows } from './conditions';
import { TableHead } from './TableHead';

const conditionColumns = ['Type', 'Status', 'Reason', 'Age', 'Message'];

/** ConditionsTable lists status.conditions with how long ago each last changed (simulated time). */
export function ConditionsTable({ obj, now }: { obj: KubeObject; now: number | undefined }) {
  const rows = useMemo(() => conditionRows(obj, now), [obj, now]);
  if (rows.length === 0) return null;
  return (
    <section className="inspector-section" aria-label="Conditions">
      <h3>Conditions</h3>
      <table className="inspector-table">
        <TableHead columns={conditionColumns} />
        <tbody>
          {rows.map((c) => (
            <tr key={c.type} data-condition={c.type} data-status={c.status}>
              <td>{c.type}</td>
              <td className={`condition-${c.status.toLowerCase()}`}>{c.status}</td>
              <td>{c.reason}</td>
              <td>{c.age}</td>
              <td>{c.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
