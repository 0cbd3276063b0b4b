import { ControlPlane } from '../../engine/cluster/controlPlane';
import type { YieldToHost } from '../../engine/sim/sim';
import type { ApiRequest, ApiResponse, StreamChunk, StreamId } from '../../engine/client/transport';
import { BatchedPort, type PortLike } from '../shared/batchedPort';
import type { KubeletPortMessage } from '../shared/kubeletProtocol';
import { connectKubelets } from '../shared/connectKubelets';
import { playgroundApi, type PlaygroundRoute } from '../shared/playgroundApi';
import { SimRunner } from '../shared/simRunner';

/** BootOptions choose the cluster a page starts with. */
export interface BootOptions {
  seed?: string;
  workers?: number;
  speed?: number;
}

interface Engine {
  controlPlane: ControlPlane;
  runner: SimRunner;
  port: BatchedPort<KubeletPortMessage>;
  playground: PlaygroundRoute;
}

/**
 * createEngineApi builds the one object the control-plane Worker exposes: boot, then the
 * ApiTransport of the API server plus the playground paths. The kubelets run in another Worker,
 * reached over the MessagePort given to boot. It knows nothing of Comlink, so it can be tested
 * over any MessagePort.
 */
export function createEngineApi(yieldToHost: YieldToHost) {
  let booting: Promise<Engine> | undefined;
  let engine: Engine | undefined;
  const booted = () => {
    if (!engine) throw new Error('engine not booted');
    return engine;
  };
  const boot = async (opts: BootOptions, kubeletPort: PortLike): Promise<Engine> => {
    const controlPlane = new ControlPlane({ seed: opts.seed ?? '1', yieldToHost });
    await controlPlane.start();
    const port = new BatchedPort<KubeletPortMessage>(kubeletPort, yieldToHost);
    const { kubelets, clock } = await connectKubelets(controlPlane, port, { workers: opts.workers ?? 3 });
    const runner = new SimRunner(clock, opts.speed ?? 1);
    runner.start();
    return { controlPlane, runner, port, playground: playgroundApi(runner, kubelets, controlPlane.apiServer) };
  };
  return {
    /** boot starts the control plane, then the kubelets of the Worker at the other end of kubeletPort. */
    async boot(opts: BootOptions, kubeletPort: PortLike): Promise<void> {
      booting ??= boot(opts, kubeletPort);
      engine = await booting;
    },
    async request(req: ApiRequest): Promise<ApiResponse> {
      const { controlPlane, playground } = booted();
      return (await playground(req)) ?? controlPlane.apiServer.request(req);
    },
    async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
      return booted().controlPlane.apiServer.stream(req, onChunk);
    },
    cancel(id: StreamId): void {
      engine?.controlPlane.apiServer.cancel(id);
    },
    input(id: StreamId, data: string | null): void {
      engine?.controlPlane.apiServer.input(id, data);
    },
    shutdown(): void {
      engine?.runner.stop();
      engine?.controlPlane.stop();
      engine?.port.close();
    },
  };
}

/** EngineApi is the type the page's bridge wraps. */
export type EngineApi = ReturnType<typeof createEngineApi>;
