import { Cluster } from '../../engine/cluster/cluster';
import type { YieldToHost } from '../../engine/sim/sim';
import type { ApiRequest, ApiResponse, StreamChunk, StreamId } from '../../engine/client/transport';
import { serveClockApi } from '../shared/clockApi';
import { SimRunner } from '../shared/simRunner';

/** BootOptions choose the cluster a page starts with. */
export interface BootOptions {
  seed?: string;
  workers?: number;
  speed?: number;
}

/**
 * createEngineApi builds the one object a Worker exposes: boot, then the ApiTransport of the
 * cluster's API server plus the simulation controls. It knows nothing of Comlink, so it can be
 * tested over any MessagePort.
 */
export function createEngineApi(yieldToHost: YieldToHost) {
  let cluster: Cluster | undefined;
  let runner: SimRunner | undefined;
  const booted = () => {
    if (!cluster || !runner) throw new Error('engine not booted');
    return { cluster, runner };
  };
  return {
    async boot(opts: BootOptions = {}): Promise<void> {
      if (cluster) return;
      cluster = new Cluster({ seed: opts.seed ?? '1', workers: opts.workers ?? 3, yieldToHost });
      await cluster.start();
      runner = new SimRunner(cluster.sim, opts.speed ?? 1);
      runner.start();
    },
    async request(req: ApiRequest): Promise<ApiResponse> {
      const { cluster, runner } = booted();
      return (await serveClockApi(runner, req)) ?? cluster.apiServer.request(req);
    },
    async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
      return booted().cluster.apiServer.stream(req, onChunk);
    },
    cancel(id: StreamId): void {
      cluster?.apiServer.cancel(id);
    },
    shutdown(): void {
      runner?.stop();
      cluster?.stop();
    },
  };
}

/** EngineApi is the type the page's bridge wraps. */
export type EngineApi = ReturnType<typeof createEngineApi>;
