import type { Status } from 'kubernetes-types/meta/v1';
import type { WatchEvent } from '../api/object';

/** HttpMethod is the verb of one API request, as on the wire. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

/**
 * ApiRequest is one Kubernetes API request in transport-neutral form: the same path, query, media
 * types and body as over HTTP. In-process callers may pass the body as an object; HTTP hosts pass text.
 */
export interface ApiRequest {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | string[] | undefined>;
  body?: unknown;
  contentType?: string;
  accept?: string;
  userAgent?: string;
  /** authorization is the Authorization header (a bearer token); none means an anonymous request. */
  authorization?: string;
  /** clientCertificate is the subject of the client's TLS certificate (HTTPS hosts), and whether the cluster CA signed it. */
  clientCertificate?: { commonName: string; organizations: string[]; verified: boolean };
  /**
   * remote marks a request that came over the network (the HTTP host): it is authenticated and
   * authorized. Without it the caller is in the API server's process (the engine's components, the
   * page over its Worker port) and acts as the privileged loopback client.
   */
  remote?: boolean;
  /** impersonate carries the Impersonate-User, -Group, -Uid and -Extra-* headers (kubectl --as, --as-group, --as-uid). */
  impersonate?: Impersonation;
}

/** Impersonation is who a request asks to act as. */
export interface Impersonation {
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

/** ApiResponse is one API answer; failures carry a v1 Status as data (never a thrown Error). */
export interface ApiResponse {
  status: number;
  body: unknown;
  /** contentType is application/json unless the body is text (logs, metrics, a proxied page). */
  contentType?: string;
  /** headers are further response headers: a proxied backend's, a redirect's Location. */
  headers?: Record<string, string>;
  /** warnings become "Warning:" headers over HTTP (299 "-" "text"). */
  warnings?: string[];
}

/**
 * StreamChunk is one delivery on a streaming request: watch events, log text, an exec's start and
 * output, or its end. An exec's end carries its Status (Success, or NonZeroExitCode with the exit
 * code). A request refused before it started ends at once: with its Status, or, where the refusal
 * is not one (the kubelet's plain-text errors), with refused.
 */
export type StreamChunk =
  | { type: 'events'; events: WatchEvent[] }
  | { type: 'text'; text: string }
  | { type: 'started' }
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'end'; status?: Status; refused?: { code: number; text: string } };

/** StreamId names an open stream so that it can be cancelled across a Worker or HTTP boundary. */
export type StreamId = number;

/**
 * ApiTransport is the one way any component reaches the API server: in process, over a
 * MessagePort (Comlink) or over HTTP. Streams are watch=true lists, follow=true logs and execs.
 * If the request is refused before streaming starts, the first chunk is an end with its Status.
 */
export interface ApiTransport {
  request(req: ApiRequest): Promise<ApiResponse>;
  stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId>;
  cancel(id: StreamId): Promise<void> | void;
  /** input feeds an exec's stdin with what the client typed or piped; null says stdin closed. */
  input?(id: StreamId, data: string | null): Promise<void> | void;
}
