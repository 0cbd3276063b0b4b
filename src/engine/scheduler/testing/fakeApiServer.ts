import type { KubeObject, WatchEvent } from '../../api/object';
import { failure } from '../../apiserver/errors';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../../client/transport';

/**
 * FakeApiServer is a recording ApiTransport for scheduler tests: lists return the seeded objects,
 * watches are driven by emit(), and every request is recorded so tests can assert the exact
 * writes. Writes succeed with 201 unless respond() says otherwise.
 */
export class FakeApiServer implements ApiTransport {
  readonly requests: ApiRequest[] = [];
  private readonly objects = new Map<string, KubeObject[]>();
  private readonly watchers = new Map<string, (c: StreamChunk) => void>();
  private seq = 0;
  /** respond may answer a write instead of the default 201 (e.g. a 409 for a binding). */
  respond: (req: ApiRequest) => ApiResponse | undefined = () => undefined;

  /** seed sets the objects a list of resource returns ("pods", "nodes", ...). */
  seed(resource: string, items: KubeObject[]): void {
    this.objects.set(resource, items);
  }

  /** emit delivers one watch event to the watcher of resource. */
  emit(resource: string, type: WatchEvent['type'], object: KubeObject): void {
    this.watchers.get(resource)?.({ type: 'events', events: [{ type, object }] as WatchEvent[] });
  }

  /** writes lists the recorded non-GET requests. */
  writes(): ApiRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    this.requests.push(req);
    if (req.method === 'GET') {
      return { status: 200, body: { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '1' }, items: this.objects.get(resourceOf(req.path)) ?? [] } };
    }
    const r = this.respond(req);
    if (r) return r;
    return { status: 201, body: req.body ?? {} };
  }

  async stream(req: ApiRequest, onChunk: (c: StreamChunk) => void): Promise<StreamId> {
    this.watchers.set(resourceOf(req.path), onChunk);
    return ++this.seq;
  }

  cancel(): void {}
}

/** resourceOf extracts the resource of a collection path ("/apis/apps/v1/replicasets" → "replicasets"). */
function resourceOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts[parts.length - 1];
}

/** conflict builds the 409 a binding to an already bound pod gets. */
export function conflict(message: string): ApiResponse {
  return { status: 409, body: failure(409, 'Conflict', message) };
}
