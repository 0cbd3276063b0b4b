import * as Comlink from 'comlink';
import { Cluster } from '../../engine/cluster/cluster';
import type { ApiRequest, ApiResponse, StreamChunk, StreamId } from '../../engine/client/transport';
import { serveClockApi } from '../shared/clockApi';
import { SimRunner } from '../shared/simRunner';

// A MessageChannel turn lets every queued promise run, like setImmediate in Node.
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => {
    const ch = new MessageChannel();
    ch.port1.onmessage = () => {
      ch.port1.close();
      resolve();
    };
    ch.port2.postMessage(null);
  });
}

let cluster: Cluster | undefined;
let runner: SimRunner | undefined;

/** EngineApi is the one object the page reaches across the Worker boundary (the ApiTransport plus boot). */
const api = {
  async boot(opts: { seed?: string; workers?: number; speed?: number }): Promise<void> {
    if (cluster) return;
    cluster = new Cluster({ seed: opts.seed ?? '1', workers: opts.workers ?? 3, yieldToHost });
    await cluster.start();
    runner = new SimRunner(cluster.sim, opts.speed ?? 1);
    runner.start();
  },
  async request(req: ApiRequest): Promise<ApiResponse> {
    if (!cluster || !runner) throw new Error('engine not booted');
    return (await serveClockApi(runner, req)) ?? cluster.apiServer.request(req);
  },
  async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
    if (!cluster) throw new Error('engine not booted');
    return cluster.apiServer.stream(req, onChunk);
  },
  cancel(id: StreamId): void {
    cluster?.apiServer.cancel(id);
  },
};

export type EngineApi = typeof api;

Comlink.expose(api);
