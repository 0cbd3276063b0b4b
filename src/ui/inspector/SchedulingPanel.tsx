import { useEffect, useMemo, useState } from 'react';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodSchedulingExplanation } from '../../hosts/shared/schedulingApi';
import { useApiClient } from '../state/apiClientContext';
import { fetchSchedulingExplanation } from './schedulingClient';
import { SchedulingNodeRow } from './SchedulingNodeRow';
import { schedulingPreamble, schedulingTable } from './schedulingTable';
import { TableHead } from './TableHead';

const nodeColumns = ['Node', 'Result', 'Why'];

/** shownNodes caps the rows at first: thousands of nodes are one click away, not rendered up front. */
const shownNodes = 50;

interface Props {
  pod: Pod;
  namespace: string;
  name: string;
}

/**
 * SchedulingPanel shows the engine's answer to "where would this pod go, and why not elsewhere":
 * every node's failing filter and reason, or its scores per plugin. It asks again when the pod changes.
 */
export function SchedulingPanel({ pod, namespace, name }: Props) {
  const client = useApiClient();
  const [refreshes, setRefreshes] = useState(0);
  const [showAll, setShowAll] = useState(false);
  const [answer, setAnswer] = useState<{ ex?: PodSchedulingExplanation; error?: string }>({});
  const [loading, setLoading] = useState(true);
  const rv = pod.metadata?.resourceVersion;
  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchSchedulingExplanation(client, namespace, name).then(
      (ex) => current && setAnswer({ ex }),
      (e: unknown) => current && setAnswer({ error: (e as Error).message }),
    ).finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [client, namespace, name, rv, refreshes]);
  const table = useMemo(() => answer.ex && schedulingTable(answer.ex), [answer.ex]);
  const rows = table && (showAll ? table.rows : table.rows.slice(0, shownNodes));
  return (
    <section className="inspector-section scheduling" aria-label="Scheduling" aria-busy={loading}>
      <h3>
        Scheduling
        <button type="button" className="inspector-small" onClick={() => setRefreshes((n) => n + 1)}>
          Refresh
        </button>
      </h3>
      {answer.error && <p role="alert">{answer.error}</p>}
      {answer.ex && table && rows && (
        <>
          <p className="note">
            {schedulingPreamble(answer.ex, pod)} <strong className="scheduling-summary">{table.summary}</strong>
          </p>
          <table className="inspector-table scheduling-table">
            <TableHead columns={nodeColumns} />
            <tbody>
              {rows.map((r) => (
                <SchedulingNodeRow key={r.node} row={r} plugins={table.plugins} />
              ))}
            </tbody>
          </table>
          {!showAll && table.rows.length > shownNodes && (
            <button type="button" className="inspector-small" onClick={() => setShowAll(true)}>
              Show all {table.rows.length} nodes
            </button>
          )}
        </>
      )}
    </section>
  );
}
