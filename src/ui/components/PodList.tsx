import { memo } from 'react';
import type { Pod } from 'kubernetes-types/core/v1';
import { useClusterStore, selectObjects } from '../state/clusterStore';

const PodRow = memo(function PodRow({ pod }: { pod: Pod }) {
  const statuses = pod.status?.containerStatuses ?? [];
  const ready = statuses.filter((c) => c.ready).length;
  return (
    <tr
      data-kind="Pod"
      data-name={pod.metadata?.name}
      data-namespace={pod.metadata?.namespace}
      data-phase={pod.status?.phase}
      data-node={pod.spec?.nodeName ?? ''}
    >
      <td>{pod.metadata?.namespace}</td>
      <td>{pod.metadata?.name}</td>
      <td>
        {ready}/{pod.spec?.containers.length ?? 0}
      </td>
      <td>{pod.metadata?.deletionTimestamp ? 'Terminating' : pod.status?.phase}</td>
      <td>{pod.spec?.nodeName ?? '<none>'}</td>
    </tr>
  );
});

/** PodList shows every pod as the API reports it. */
export function PodList() {
  const pods = useClusterStore(selectObjects<Pod>('pods'));
  const list = Object.entries(pods).sort(([a], [b]) => a.localeCompare(b));
  return (
    <section aria-label="Pods">
      <h2>Pods ({list.length})</h2>
      <table>
        <thead>
          <tr>
            <th>NAMESPACE</th>
            <th>NAME</th>
            <th>READY</th>
            <th>STATUS</th>
            <th>NODE</th>
          </tr>
        </thead>
        <tbody>
          {list.map(([key, p]) => (
            <PodRow key={key} pod={p} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
