import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

// Just enough of RFC 6455 for the API server's side of a WebSocket: the handshake, unmasked
// server frames, and masked client frames (data, ping, close).

const acceptGuid = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

const Opcode = { continuation: 0, text: 1, binary: 2, close: 8, ping: 9, pong: 10 } as const;

/** isWebSocketUpgrade reports whether a request asks to become a WebSocket. */
export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket' && !!req.headers['sec-websocket-key'];
}

/** offeredProtocols are the subprotocols the client offers, in its order of preference. */
export function offeredProtocols(req: IncomingMessage): string[] {
  return (req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
}

/** WebSocketConnection is an accepted WebSocket: binary messages out, binary messages in. */
export class WebSocketConnection {
  private buffer = Buffer.alloc(0);
  private closed = false;
  private fragments: Buffer[] = [];

  /** accept answers the handshake (101 Switching Protocols) with the chosen subprotocol. */
  constructor(
    private readonly socket: Duplex,
    req: IncomingMessage,
    protocol: string,
    private readonly onMessage: (data: Buffer) => void,
    onClose: () => void,
  ) {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${acceptGuid}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`,
    );
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('close', () => {
      this.closed = true;
      onClose();
    });
    socket.on('error', () => socket.destroy());
  }

  /** send writes one binary message. */
  send(data: Buffer): void {
    this.frame(Opcode.binary, data);
  }

  /** close sends a close frame (1000, normal closure) and ends the connection. */
  close(): void {
    if (this.closed) return;
    const code = Buffer.alloc(2);
    code.writeUInt16BE(1000);
    this.frame(Opcode.close, code);
    this.closed = true;
    this.socket.end();
  }

  private frame(opcode: number, payload: Buffer): void {
    if (this.closed) return;
    const n = payload.length;
    const head = n < 126 ? Buffer.alloc(2) : n < 65536 ? Buffer.alloc(4) : Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    if (n < 126) head[1] = n;
    else if (n < 65536) {
      head[1] = 126;
      head.writeUInt16BE(n, 2);
    } else {
      head[1] = 127;
      head.writeBigUInt64BE(BigInt(n), 2);
    }
    this.socket.write(Buffer.concat([head, payload]));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      if (this.buffer.length < 2) return;
      const fin = (this.buffer[0] & 0x80) !== 0;
      const opcode = this.buffer[0] & 0x0f;
      const masked = (this.buffer[1] & 0x80) !== 0;
      let len = this.buffer[1] & 0x7f;
      let offset = 2;
      if (len === 126) {
        if (this.buffer.length < 4) return;
        len = this.buffer.readUInt16BE(2);
        offset = 4;
      } else if (len === 127) {
        if (this.buffer.length < 10) return;
        len = Number(this.buffer.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (this.buffer.length < offset + len) return;
      const payload = Buffer.from(this.buffer.subarray(offset, offset + len));
      if (masked) for (let i = 0; i < len; i++) payload[i] ^= this.buffer[maskAt + (i % 4)];
      this.buffer = this.buffer.subarray(offset + len);
      this.handle(fin, opcode, payload);
    }
  }

  private handle(fin: boolean, opcode: number, payload: Buffer): void {
    switch (opcode) {
      case Opcode.ping:
        return this.frame(Opcode.pong, payload);
      case Opcode.close:
        return this.close();
      case Opcode.pong:
        return;
      default:
        this.fragments.push(payload);
        if (!fin) return;
        this.onMessage(Buffer.concat(this.fragments));
        this.fragments = [];
    }
  }
}
