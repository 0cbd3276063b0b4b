import { useId, useMemo } from 'react';
import { selectObjects, useClusterStore } from '../state/clusterStore';
import { useUiStore } from '../state/uiStore';

const selectNamespaces = selectObjects('namespaces');
const allNamespaces = '';

/** NamespaceFilter picks the namespace the canvas and the events timeline show, or all of them. */
export function NamespaceFilter() {
  const namespaces = useClusterStore(selectNamespaces);
  const namespace = useUiStore((s) => s.namespace);
  const setNamespace = useUiStore((s) => s.setNamespace);
  const id = useId();
  const names = useMemo(() => Object.keys(namespaces).sort(), [namespaces]);
  return (
    <span className="clock-field">
      <label htmlFor={id}>Namespace</label>
      <select id={id} value={namespace ?? allNamespaces} onChange={(e) => setNamespace(e.target.value === allNamespaces ? undefined : e.target.value)}>
        <option value={allNamespaces}>All namespaces</option>
        {names.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
        {namespace && !names.includes(namespace) && <option value={namespace}>{namespace}</option>}
      </select>
    </span>
  );
}
