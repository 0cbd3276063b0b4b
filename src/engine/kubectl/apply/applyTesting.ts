import { ApiServer } from '../../apiserver/server';
import { bootstrapCluster } from '../../cluster/bootstrap';
import { servedStrategies } from '../../cluster/servedStrategies';
import { ApiClient } from '../../client/apiClient';
import type { ApiRequest, ApiTransport } from '../../client/transport';
import { Sim } from '../../sim/sim';

// Test support for kubectl apply: an in-process API server with the bootstrap objects (the default
// namespace among them) and no controllers, so that only apply writes.

/** startApplyTestServer returns a client of a fresh API server and the list of its non-GET requests. */
export async function startApplyTestServer(): Promise<{ client: ApiClient; writes: ApiRequest[] }> {
  const server = new ApiServer(new Sim('apply-test', () => Promise.resolve()), { strategies: servedStrategies, freeze: true });
  await bootstrapCluster(new ApiClient(server, 'bootstrap'));
  const writes: ApiRequest[] = [];
  const recording: ApiTransport = {
    request: (req) => {
      if (req.method !== 'GET') writes.push(req);
      return server.request(req);
    },
    stream: (req, onChunk) => server.stream(req, onChunk),
    cancel: (id) => server.cancel(id),
  };
  return { client: new ApiClient(recording, 'kubectl'), writes };
}
