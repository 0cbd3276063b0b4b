import * as Comlink from 'comlink';
import type { EngineApi, BootOptions } from '../../hosts/worker/engineApi';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../../engine/client/transport';

/**
 * EngineBridge owns the engine Worker and presents it as an ApiTransport, so the page uses the
 * same ApiClient as every other component. Callbacks cross the boundary only through Comlink.proxy.
 */
export class EngineBridge implements ApiTransport {
  private readonly worker: Worker;
  private readonly remote: Comlink.Remote<EngineApi>;

  constructor() {
    this.worker = new Worker(new URL('../../hosts/worker/engine.worker.ts', import.meta.url), { type: 'module' });
    this.remote = Comlink.wrap<EngineApi>(this.worker);
  }

  boot(opts: BootOptions = {}): Promise<void> {
    return this.remote.boot(opts);
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    return this.remote.request(req);
  }

  stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
    return this.remote.stream(req, Comlink.proxy(onChunk));
  }

  cancel(id: StreamId): Promise<void> {
    return this.remote.cancel(id);
  }

  terminate(): void {
    this.worker.terminate();
  }
}
