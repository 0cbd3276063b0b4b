import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ApiRequest, ApiTransport, StreamChunk } from '../../engine/client/transport';
import { offeredProtocols, WebSocketConnection } from './webSocket';

/**
 * The channel protocols of remotecommand over WebSocket, newest first: each binary message is a
 * channel byte and its data; 1 is stdout, 2 stderr, 3 the error channel with the final Status.
 */
const protocols = ['v5.channel.k8s.io', 'v4.channel.k8s.io'];
const Channel = { stdin: 0, stdout: 1, stderr: 2, error: 3, resize: 4, close: 255 } as const;

/** rawResponse writes a plain HTTP answer on a socket that was not upgraded. */
function rawResponse(socket: Duplex, code: number, contentType: string, body: string): void {
  const bytes = Buffer.from(body);
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: ${contentType}\r\nContent-Length: ${bytes.length}\r\nConnection: close\r\n\r\n${body}`);
}

/**
 * serveExec is pods/exec over a WebSocket, as kubectl v1.32 asks for it: a refusal before the
 * command starts is a plain HTTP error (kubectl then tries SPDY, gets the same refusal and prints
 * it); once it starts, the connection upgrades, output goes out on its channels, and the exit
 * Status ends it on the error channel.
 */
export function serveExec(transport: ApiTransport, apiReq: ApiRequest, req: IncomingMessage, socket: Duplex): void {
  const protocol = protocols.find((p) => offeredProtocols(req).includes(p));
  if (!protocol) {
    rawResponse(socket, 400, 'text/plain; charset=utf-8', `none of the offered subprotocols is supported; use one of: ${protocols.join(', ')}\n`);
    return;
  }
  let ws: WebSocketConnection | undefined;
  let done = false;
  const send = (channel: number, data: string) => ws?.send(Buffer.concat([Buffer.from([channel]), Buffer.from(data)]));
  const onChunk = (chunk: StreamChunk) => {
    if (done) return;
    switch (chunk.type) {
      case 'started':
        ws = new WebSocketConnection(socket, req, protocol, (msg) => void id.then((i) => receive(i, msg)), () => {
          if (!done) void id.then((i) => transport.cancel(i));
          done = true;
        });
        return;
      case 'output':
        return send(chunk.stream === 'stderr' ? Channel.stderr : Channel.stdout, chunk.text);
      case 'end':
        done = true;
        if (!ws) {
          if (chunk.refused) rawResponse(socket, chunk.refused.code, 'text/plain; charset=utf-8', chunk.refused.text);
          else rawResponse(socket, chunk.status?.code ?? 500, 'application/json', JSON.stringify(chunk.status));
          return;
        }
        send(Channel.error, JSON.stringify(chunk.status));
        ws.close();
        return;
      default:
        return;
    }
  };
  // stdin arrives on channel 0; v5's close channel says stdin is done; resizes are not modelled.
  const receive = (streamId: number, msg: Buffer) => {
    if (msg[0] === Channel.stdin) void transport.input?.(streamId, msg.subarray(1).toString('utf8'));
    else if (msg[0] === Channel.close && msg[1] === Channel.stdin) void transport.input?.(streamId, null);
  };
  const id = transport.stream(apiReq, onChunk);
}
