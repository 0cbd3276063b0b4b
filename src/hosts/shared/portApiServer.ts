import type { ApiTransport, StreamId } from '../../engine/client/transport';
import type { BatchedPort } from './batchedPort';
import type { KubeletPortMessage } from './kubeletProtocol';

/**
 * serveApiOverPort answers the API requests and streams a PortApiTransport sends over port, from
 * transport (the control plane's API server). Watch chunks ride the port's batches.
 */
export function serveApiOverPort(port: BatchedPort<KubeletPortMessage>, transport: ApiTransport): void {
  // A cancel may overtake the stream's id: keep the promise of it.
  const streams = new Map<number, Promise<StreamId>>();
  port.onMessage((msg) => {
    switch (msg.t) {
      case 'request':
        void transport.request(msg.request).then((response) => port.send({ t: 'response', id: msg.id, response }));
        break;
      case 'stream': {
        const { id } = msg;
        let ended = false;
        const opened = transport.stream(msg.request, (chunk) => {
          if (chunk.type === 'end') {
            ended = true;
            streams.delete(id);
          }
          port.send({ t: 'chunk', id, chunk });
        });
        if (!ended) streams.set(id, opened);
        break;
      }
      case 'cancel': {
        const opened = streams.get(msg.id);
        streams.delete(msg.id);
        void opened?.then((serverId) => transport.cancel(serverId));
        break;
      }
    }
  });
}
