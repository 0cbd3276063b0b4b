import type { KubeObject, TypedObject, WatchEventType } from '../../api/object';
import type { ResourceDefinition } from '../../apiserver/registry/resourceDefinition';
import { ApiClient } from '../../client/apiClient';
import { InformerFactory } from '../../client/informerFactory';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../../client/transport';
import { resourcePath } from '../../client/paths';
import { formatTime } from '../../sim/clock';
import { Sim } from '../../sim/sim';
import type { ControllerContext } from '../controller';

/** RecordedRequest is one request a controller sent, as a test asserts it. */
export interface RecordedRequest {
  method: string;
  path: string;
  body?: unknown;
  contentType?: string;
}

/** RecordedEvent is the reason, type and message of an Event a controller created. */
export interface RecordedEvent {
  type: string;
  reason: string;
  message: string;
}

/**
 * RecordingTransport is client-go's fake clientset for controller tests (sample-controller style):
 * it records every request and answers writes plausibly without storing anything. Creates get a
 * name (generateName + a five-digit counter), a uid and a resourceVersion; updates get a new resourceVersion.
 * GETs are answered from `objects` (path → object), cluster-wide lists are empty; `respond` may override any
 * answer. Watches stay open until a test emits events into them, so informers and their handlers
 * can be driven as well.
 */
export class RecordingTransport implements ApiTransport {
  readonly requests: RecordedRequest[] = [];
  readonly objects = new Map<string, KubeObject>();
  respond?: (req: ApiRequest) => ApiResponse | undefined;
  private rv = 0;
  private names = 0;
  private readonly watches = new Map<string, (chunk: StreamChunk) => void>();

  constructor(private readonly sim: Sim) {}

  async request(req: ApiRequest): Promise<ApiResponse> {
    this.requests.push({ method: req.method, path: req.path, body: req.body, contentType: req.contentType });
    const custom = this.respond?.(req);
    if (custom) return custom;
    switch (req.method) {
      case 'POST': {
        const obj = structuredClone(req.body) as KubeObject;
        const meta = (obj.metadata ??= {}) as Record<string, unknown>;
        if (!meta.name && meta.generateName) meta.name = `${meta.generateName}${String(++this.names).padStart(5, '0')}`;
        meta.uid ??= `uid-${meta.name as string}`;
        meta.resourceVersion = String(++this.rv);
        meta.creationTimestamp ??= formatTime(this.sim.clock.now());
        return { status: 201, body: obj };
      }
      case 'PUT': {
        const obj = structuredClone(req.body) as KubeObject;
        (obj.metadata as Record<string, unknown>).resourceVersion = String(++this.rv);
        return { status: 200, body: obj };
      }
      case 'PATCH':
        return { status: 200, body: { metadata: {} } };
      case 'DELETE':
        return { status: 200, body: { kind: 'Status', apiVersion: 'v1', status: 'Success' } };
      case 'GET': {
        const obj = this.objects.get(req.path);
        if (obj) return { status: 200, body: obj };
        if (/^\/(api\/v1|apis\/[^/]+\/[^/]+)\/[a-z]+$/.test(req.path)) {
          return { status: 200, body: { kind: 'List', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] } };
        }
        return {
          status: 404,
          body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: `${req.path} not found` },
        };
      }
      default:
        return { status: 405, body: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'MethodNotAllowed', code: 405, message: `${req.method} is not supported` } };
    }
  }

  async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
    this.watches.set(req.path, onChunk);
    return 0;
  }

  /** emit delivers a watch event to the informer watching res (cluster-wide). */
  emit(res: ResourceDefinition, type: WatchEventType, obj: TypedObject): void {
    const meta = { ...obj.metadata, resourceVersion: String(++this.rv) };
    this.watches.get(resourcePath(res))?.({ type: 'events', events: [{ type, object: { ...obj, metadata: meta } as KubeObject }] });
  }

  cancel(): void {}

  /** writes are the recorded non-GET requests other than Events, summarized as "METHOD path". */
  get writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && !r.path.endsWith('/events'));
  }

  /** events are the Events created, in order. */
  get events(): RecordedEvent[] {
    return this.requests
      .filter((r) => r.method === 'POST' && r.path.endsWith('/events'))
      .map((r) => {
        const e = r.body as { type: string; reason: string; message: string };
        return { type: e.type, reason: e.reason, message: e.message };
      });
  }

  /** reset forgets what was recorded so far. */
  reset(): void {
    this.requests.length = 0;
  }
}

/** ControllerFixture is a controller's context over a RecordingTransport with preloadable listers. */
export interface ControllerFixture {
  ctx: ControllerContext;
  sim: Sim;
  transport: RecordingTransport;
  /** add puts objects into the informer cache of res, frozen, as informers hand them out. */
  add(res: ResourceDefinition, ...objs: TypedObject[]): void;
}

/** newControllerFixture builds a fixture; nothing is listed or watched, tests fill the caches. */
export function newControllerFixture(seed: number | string = 1): ControllerFixture {
  const sim = new Sim(seed, () => new Promise<void>((resolve) => queueMicrotask(resolve)));
  const transport = new RecordingTransport(sim);
  const client = new ApiClient(transport, 'kube-controller-manager/v1.32.4');
  const informers = new InformerFactory(client);
  const ctx: ControllerContext = { client, informers, sim };
  return {
    ctx,
    sim,
    transport,
    add(res, ...objs) {
      const lister = informers.for(res).lister;
      for (const o of objs) lister.set(deepFreeze(structuredClone(o)) as KubeObject);
    },
  };
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}
