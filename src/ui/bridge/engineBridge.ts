import * as Comlink from 'comlink';
import type { EngineApi, BootOptions } from '../../hosts/worker/engineApi';
import type { KubeletApi } from '../../hosts/worker/kubeletApi';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../../engine/client/transport';

/**
 * EngineBridge owns the engine's two Workers, the control plane and the kubelets, and presents the
 * control plane as an ApiTransport, so the page uses the same ApiClient as every other component.
 * The Workers talk to each other over a MessageChannel of their own: the page hands one port to
 * each and is never in the way. Callbacks cross the boundary only through Comlink.proxy.
 */
export class EngineBridge implements ApiTransport {
  private readonly controlPlaneWorker: Worker;
  private readonly kubeletWorker: Worker;
  private readonly remote: Comlink.Remote<EngineApi>;
  private readonly kubelets: Comlink.Remote<KubeletApi>;

  constructor() {
    this.controlPlaneWorker = new Worker(new URL('../../hosts/worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'control-plane' });
    this.kubeletWorker = new Worker(new URL('../../hosts/worker/kubelet.worker.ts', import.meta.url), { type: 'module', name: 'kubelets' });
    this.remote = Comlink.wrap<EngineApi>(this.controlPlaneWorker);
    this.kubelets = Comlink.wrap<KubeletApi>(this.kubeletWorker);
  }

  /** boot connects the two Workers, then starts the control plane, which starts the kubelets. */
  async boot(opts: BootOptions = {}): Promise<void> {
    const { port1, port2 } = new MessageChannel();
    await this.kubelets.attach(Comlink.transfer(port2, [port2]));
    await this.remote.boot(opts, Comlink.transfer(port1, [port1]));
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

  input(id: StreamId, data: string | null): Promise<void> {
    return this.remote.input(id, data);
  }

  terminate(): void {
    this.controlPlaneWorker.terminate();
    this.kubeletWorker.terminate();
  }
}
