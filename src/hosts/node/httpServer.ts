import { createServer, type IncomingMessage, type RequestListener, type Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { createServer as createHttpsServer } from 'node:https';
import type { ApiRequest, ApiResponse, ApiTransport, HttpMethod, Impersonation } from '../../engine/client/transport';
import { MaxRequestBodyBytes } from '../../engine/apiserver/request/decode';
import { newRequestEntityTooLarge, failure } from '../../engine/apiserver/errors';
import type { PlaygroundRoute } from '../shared/playgroundApi';
import type { TLSSocket } from 'node:tls';
import type { ClusterCertificates } from './clusterCertificates';
import { serveExec } from './execStream';
import { isWebSocketUpgrade } from './webSocket';

const methods = new Set<HttpMethod>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

/**
 * serveHttp exposes an ApiTransport over HTTP (HTTPS with a serving certificate) as kube-apiserver
 * does: JSON bodies, Status errors, newline-delimited watch streams, chunked log follows and
 * Warning headers.
 */
export function serveHttp(transport: ApiTransport, extra: PlaygroundRoute, tls?: ClusterCertificates & { now(): number }): Server {
  const listener: RequestListener = (req, res) => {
    void handle(transport, extra, req, res, tls?.now).catch((e) => {
      if (!res.headersSent) writeJson(res, 500, failure(500, 'InternalError', `Internal error occurred: ${(e as Error).message}`));
      else res.end();
    });
  };
  // Client certificates are asked for, not required: a request without one is anonymous.
  const options = { cert: tls?.servingCert, key: tls?.servingKey, ca: tls?.caCert, requestCert: true, rejectUnauthorized: false };
  const server = tls ? createHttpsServer(options, listener) : createServer(listener);
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'GET' && isWebSocketUpgrade(req) && /\/pods\/[^/]+\/exec$/.test(url.pathname)) {
      serveExec(transport, apiRequestOf(req, url, 'GET', undefined, tls?.now), req, socket);
      return;
    }
    // Any other upgrade (SPDY, or a WebSocket elsewhere) is answered as a plain request.
    const res = new ServerResponse(req);
    res.assignSocket(socket);
    res.shouldKeepAlive = false;
    res.on('finish', () => socket.end());
    listener(req, res);
  });
  return server;
}

async function handle(transport: ApiTransport, extra: PlaygroundRoute, req: IncomingMessage, res: ServerResponse, now?: () => number): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase() as HttpMethod;
  if (!methods.has(method)) {
    writeJson(res, 405, failure(405, 'MethodNotAllowed', `${method} is not supported`));
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MaxRequestBodyBytes) {
    req.resume();
    writeJson(res, 413, newRequestEntityTooLarge(MaxRequestBodyBytes).status);
    return;
  }
  const body = await readBody(req);
  if (body === undefined) {
    writeJson(res, 413, newRequestEntityTooLarge(MaxRequestBodyBytes).status);
    return;
  }
  const apiReq = apiRequestOf(req, url, method, body.length ? body : undefined, now);
  const query = apiReq.query as Record<string, string | string[]>;
  const extraRes = await extra(apiReq);
  if (extraRes) return writeResponse(res, extraRes);
  const streaming = method === 'GET' && (query.watch === 'true' || query.watch === '1' || ((query.follow === 'true' || query.follow === '1') && url.pathname.endsWith('/log')));
  if (streaming) return stream(transport, apiReq, req, res);
  writeResponse(res, await transport.request(apiReq));
}

/** apiRequestOf is an HTTP request as the API server takes it: path, query, media types, credentials. */
function apiRequestOf(req: IncomingMessage, url: URL, method: HttpMethod, body: string | Uint8Array | undefined, now?: () => number): ApiRequest {
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  return {
    method,
    path: url.pathname,
    query,
    body,
    contentType: req.headers['content-type'],
    accept: req.headers['accept'],
    userAgent: req.headers['user-agent'],
    authorization: req.headers['authorization'],
    clientCertificate: clientCertificate(req, now),
    impersonate: impersonation(req),
    remote: true,
  };
}

function readBody(req: IncomingMessage): Promise<string | Uint8Array | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MaxRequestBodyBytes) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => {
      if (tooLarge) return resolve(undefined);
      const buf = Buffer.concat(chunks);
      // Protobuf bodies stay binary; everything else the API accepts is UTF-8 text.
      resolve((req.headers['content-type'] ?? '').includes('protobuf') ? new Uint8Array(buf) : buf.toString('utf8'));
    });
    req.on('error', reject);
  });
}

function writeResponse(res: ServerResponse, r: ApiResponse): void {
  for (const w of r.warnings ?? []) res.appendHeader('Warning', `299 - ${JSON.stringify(w)}`);
  for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
  if (typeof r.body === 'string') {
    // A proxied answer keeps its backend's Content-Type, or none; other text is plain text.
    const contentType = r.contentType ?? (r.headers ? undefined : 'text/plain; charset=utf-8');
    res.writeHead(r.status, { ...(contentType ? { 'Content-Type': contentType } : {}), 'Content-Length': Buffer.byteLength(r.body) });
    res.end(r.body);
    return;
  }
  if (r.body instanceof Uint8Array) {
    res.writeHead(r.status, { 'Content-Type': r.contentType ?? 'application/octet-stream', 'Content-Length': r.body.length });
    res.end(r.body);
    return;
  }
  writeJson(res, r.status, r.body, r.contentType);
}

function writeJson(res: ServerResponse, status: number, body: unknown, contentType = 'application/json'): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

async function stream(transport: ApiTransport, apiReq: ApiRequest, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let started = false;
  let ended = false;
  const isLog = apiReq.path.endsWith('/log');
  const id = await transport.stream(apiReq, (chunk) => {
    if (ended) return;
    if (chunk.type === 'end') {
      ended = true;
      if (!started && chunk.status) {
        writeJson(res, chunk.status.code ?? 500, chunk.status);
      } else if (!started && chunk.refused) {
        writeResponse(res, { status: chunk.refused.code, body: chunk.refused.text });
      } else {
        if (!started) res.writeHead(200, { 'Content-Type': isLog ? 'text/plain' : 'application/json' });
        res.end();
      }
      return;
    }
    if (!started) {
      started = true;
      res.writeHead(200, { 'Content-Type': isLog ? 'text/plain' : 'application/json', 'Transfer-Encoding': 'chunked' });
    }
    if (chunk.type === 'text') res.write(chunk.text);
    else if (chunk.type === 'events') res.write(chunk.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  });
  // Headers go out at once so that clients see the watch is established before any event.
  if (!started && !ended) {
    started = true;
    res.writeHead(200, { 'Content-Type': isLog ? 'text/plain' : 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  }
  const close = () => {
    if (ended) return;
    ended = true;
    void transport.cancel(id);
  };
  req.on('close', close);
  res.on('close', close);
}

/** clientCertificate reads the subject of the certificate a TLS client presented, and whether the CA signed it. */
function clientCertificate(req: IncomingMessage, now?: () => number): ApiRequest['clientCertificate'] {
  const socket = req.socket as Partial<TLSSocket>;
  const peer = socket.getPeerCertificate?.();
  if (!peer?.subject) return undefined;
  const o = peer.subject.O;
  // The API server judges a certificate's dates by its own clock, the simulated one: TLS checks
  // them against the host's, so a date error from TLS is set aside and the dates are checked here.
  const error = String(socket.authorizationError ?? '');
  const chainOk = socket.authorized === true || error === 'CERT_NOT_YET_VALID' || error === 'CERT_HAS_EXPIRED';
  const at = now?.() ?? Date.now();
  const inDate = Date.parse(peer.valid_from) <= at && at <= Date.parse(peer.valid_to);
  return { commonName: ([] as string[]).concat(peer.subject.CN ?? '')[0], organizations: o === undefined ? [] : ([] as string[]).concat(o), verified: chainOk && inDate };
}

/** impersonation reads the Impersonate-* headers; extra keys are percent-encoded in their header names. */
function impersonation(req: IncomingMessage): Impersonation | undefined {
  const headers = req.headersDistinct;
  const imp: Impersonation = {};
  const one = (name: string) => headers[name]?.[0];
  if (one('impersonate-user')) imp.user = one('impersonate-user');
  if (headers['impersonate-group']?.length) imp.groups = headers['impersonate-group'];
  if (one('impersonate-uid')) imp.uid = one('impersonate-uid');
  for (const [name, values] of Object.entries(headers)) {
    if (!name.startsWith('impersonate-extra-') || !values) continue;
    (imp.extra ??= {})[decodeURIComponent(name.slice('impersonate-extra-'.length))] = values;
  }
  return Object.keys(imp).length ? imp : undefined;
}
