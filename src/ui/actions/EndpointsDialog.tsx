import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { useMemo } from 'react';
import { selectObjects, useClusterStore } from '../state/clusterStore';
import { DialogFrame } from './DialogFrame';
import { serviceEndpoints } from './serviceEndpoints';

const selectSlices = selectObjects<EndpointSlice>('endpointslices');

/** EndpointsDialog lists a Service's endpoints from its EndpointSlices, live from the watch. */
export function EndpointsDialog({ namespace, name }: { namespace: string; name: string }) {
  const slices = useClusterStore(selectSlices);
  const rows = useMemo(() => serviceEndpoints(slices, namespace, name), [slices, namespace, name]);
  return (
    <DialogFrame title={`Endpoints: ${namespace}/${name}`} note="From the Service's EndpointSlices; pod IPs and traffic are simulated.">
      {rows.length === 0 ? (
        <p>No endpoints: no ready pod matches the Service's selector.</p>
      ) : (
        <table className="endpoints">
          <thead>
            <tr>
              <th>ADDRESS</th>
              <th>PORTS</th>
              <th>POD</th>
              <th>NODE</th>
              <th>READY</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.address}/${r.pod}`} data-ready={r.ready}>
                <td>{r.address}</td>
                <td>{r.ports}</td>
                <td>{r.pod}</td>
                <td>{r.node}</td>
                <td>{r.terminating ? 'terminating' : r.ready ? 'true' : 'false'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DialogFrame>
  );
}
