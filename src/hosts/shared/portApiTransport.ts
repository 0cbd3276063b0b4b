import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../../engine/client/transport';
import type { BatchedPort } from './batchedPort';
import type { KubeletPortMessage } from './kubeletProtocol';

/**
 * PortApiTransport is the ApiTransport of a Worker whose API server is in another Worker: requests
 * and streams go over a BatchedPort to serveApiOverPort. It knows which requests are unanswered,
 * so its host can tell when the work a tick started is done.
 */
export class PortApiTransport implements ApiTransport {
  private readonly pending = new Map<number, (res: ApiResponse) => void>();
  private readonly streams = new Map<number, (chunk: StreamChunk) => void>();
  private readonly idleWaiters: (() => void)[] = [];
  private seq = 0;

  constructor(private readonly port: BatchedPort<KubeletPortMessage>) {
    port.onMessage((msg) => {
      if (msg.t === 'response') this.answer(msg.id, msg.response);
      else if (msg.t === 'chunk') this.deliver(msg.id, msg.chunk);
    });
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    const id = ++this.seq;
    this.port.send({ t: 'request', id, request: req });
    return new Promise((resolve) => this.pending.set(id, resolve));
  }

  async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
    const id = ++this.seq;
    this.streams.set(id, onChunk);
    this.port.send({ t: 'stream', id, request: req });
    return id;
  }

  cancel(id: StreamId): void {
    if (this.streams.delete(id)) this.port.send({ t: 'cancel', id });
  }

  /** inFlight counts requests sent and not yet answered. */
  get inFlight(): number {
    return this.pending.size;
  }

  /** idle resolves once every request sent so far is answered. */
  idle(): Promise<void> {
    if (this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private answer(id: number, res: ApiResponse): void {
    const resolve = this.pending.get(id);
    this.pending.delete(id);
    resolve?.(res);
    if (this.pending.size === 0) for (const w of this.idleWaiters.splice(0)) w();
  }

  private deliver(id: number, chunk: StreamChunk): void {
    const onChunk = this.streams.get(id);
    if (chunk.type === 'end') this.streams.delete(id);
    onChunk?.(chunk);
  }
}
