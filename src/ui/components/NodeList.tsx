import { memo } from 'react';
import type { Node } from 'kubernetes-types/core/v1';
import { useClusterStore, selectObjects } from '../state/clusterStore';

function nodeStatus(n: Node): string {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
  const s = ready?.status === 'True' ? 'Ready' : ready ? 'NotReady' : 'Unknown';
  return n.spec?.unschedulable ? `${s},SchedulingDisabled` : s;
}

const NodeRow = memo(function NodeRow({ node }: { node: Node }) {
  const roles = Object.keys(node.metadata?.labels ?? {})
    .filter((l) => l.startsWith('node-role.kubernetes.io/'))
    .map((l) => l.slice('node-role.kubernetes.io/'.length));
  return (
    <tr data-kind="Node" data-name={node.metadata?.name} data-status={nodeStatus(node)}>
      <td>{node.metadata?.name}</td>
      <td>{nodeStatus(node)}</td>
      <td>{roles.join(',') || '<none>'}</td>
      <td>{node.status?.nodeInfo?.kubeletVersion}</td>
    </tr>
  );
});

/** NodeList shows every node as the API reports it. */
export function NodeList() {
  const nodes = useClusterStore(selectObjects<Node>('nodes'));
  const list = Object.values(nodes).sort((a, b) => (a.metadata?.name ?? '').localeCompare(b.metadata?.name ?? ''));
  return (
    <section aria-label="Nodes">
      <h2>Nodes ({list.length})</h2>
      <table>
        <thead>
          <tr>
            <th>NAME</th>
            <th>STATUS</th>
            <th>ROLES</th>
            <th>VERSION</th>
          </tr>
        </thead>
        <tbody>
          {list.map((n) => (
            <NodeRow key={n.metadata?.name} node={n} />
          ))}
        </tbody>
      </table>
    </section>
  );
}
