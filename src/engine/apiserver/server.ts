import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from '../client/transport';
import type { Sim } from '../sim/sim';
import { Rng } from '../sim/rng';
import { MvccStore } from '../store/mvccStore';
import { ApiError, failure, newBadRequest, newInternalError, newMethodNotSupported, newNotFound, PlainTextError, StatusReason } from './errors';
import type { ServerContext } from './handlers/context';
import { listObjects } from './handlers/list';
import { createObject, deleteCollection, deleteObject, getObject, patchObject, updateObject } from './handlers/objects';
import { boolParam, q } from './handlers/query';
import { openWatch } from './handlers/watch';
import type { UserInfo } from 'kubernetes-types/authentication/v1';
import { parseRequestInfo, type RequestInfo } from './request/requestInfo';
import { GenericRegistry } from './registry/genericRegistry';
import { ResourceQuotaAdmission } from './admission/resourceQuota';
import type { ResourceStrategy } from './registry/strategy';
import { StrategyIndex } from './registry/strategyIndex';
import { allResources } from './registry/resources';
import { WatchHub } from './watch/watchHub';
import { EventTtl } from './registry/eventTtl';
import { createReview, isReview } from './reviews/reviews';
import { serveIssuerDiscovery } from './authentication/issuerDiscovery';
import { requestUser } from './authentication/requestUser';
import { newRequestForbidden, requestAttributes } from './authorization/attributes';
import { type AuthorizationMode, newAuthorizer } from './authorization/authorizer';
import { createToken } from './subresources/tokenRequest';
import { bindPod } from './subresources/binding';
import { evictPod } from './subresources/eviction';
import { followPodLog, getPodLog } from './subresources/podLog';
import { handleScale } from './subresources/scale';
import { finalizeNamespace } from './subresources/finalize';
import { ProxyMethods, proxyPod, proxyService } from './subresources/proxy';
import { execInPod, parseExecRequest } from './subresources/exec';
import { ContainerWritableLayers } from './subresources/writableLayers';
import { serveDiscovery } from './discovery/serveDiscovery';
import { healthReport, ServerVersion } from './nonResource';
import { loadSchemaDescriptions } from './openapi/schemaRegistry';
import { serveOpenApi } from './openapi/serveOpenApi';

/** SimulatedContainersMessage is what attach and port-forward answer: there is no process to reach. */
export const SimulatedContainersMessage = 'containers in Kube Playground are simulated: there is no process to attach to or port-forward to';

/** SimulatedKubeletMessage is what nodes/proxy answers: the kubelets are API clients without a server of their own. */
export const SimulatedKubeletMessage = 'kubelets in Kube Playground are simulated: they serve no HTTP API for nodes/proxy to reach';

/** ApiServerOptions tune the store behind the server. */
export interface ApiServerOptions {
  strategies: ResourceStrategy[];
  historyLimit?: number;
  freeze?: boolean;
  /** authorizationMode is --authorization-mode for remote requests (AlwaysAllow by default). */
  authorizationMode?: AuthorizationMode;
}

/**
 * ApiServer is kube-apiserver in miniature over the MVCC store. It implements ApiTransport, so the
 * same object serves in-process clients, a Worker's MessagePort (via Comlink) and the HTTP host.
 * Failures come back as Status data, never as a thrown Error.
 */
export class ApiServer implements ApiTransport {
  readonly store: MvccStore;
  readonly ctx: ServerContext;
  private readonly streams = new Map<StreamId, () => void>();
  /** inputs feed the stdin of running execs. */
  private readonly inputs = new Map<StreamId, (data: string | null) => void>();
  private streamSeq = 0;

  constructor(
    readonly sim: Sim,
    opts: ApiServerOptions,
  ) {
    this.store = new MvccStore({ historyLimit: opts.historyLimit, freeze: opts.freeze, share: true, now: () => sim.clock.now() });
    new EventTtl(this.store, sim);
    const strategies = new StrategyIndex(opts.strategies);
    const writable = new ContainerWritableLayers();
    const registry = new GenericRegistry(this.store, sim);
    // The validating admission chain; the mutating plugins run in the strategies' prepareForCreate.
    registry.useValidatingAdmission(new ResourceQuotaAdmission(this.store, registry, () => sim.clock.now()));
    this.ctx = {
      sim,
      store: this.store,
      registry,
      strategies,
      watches: new WatchHub(this.store, sim.timers),
      authorizer: newAuthorizer(opts.authorizationMode ?? 'AlwaysAllow', this.store),
      // Seeded apart from sim.rng, so that proxying leaves every other component's draws as they were.
      proxyRng: new Rng(`${sim.seed}:apiserver-proxy`),
      writable,
    };
    this.store.onEvent((ev) => {
      if (ev.type === 'delete' && ev.resource === 'core/pods') writable.forget((ev.object.metadata as { uid?: string }).uid ?? '');
    });
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    if (req.path.startsWith('/openapi/')) await loadSchemaDescriptions();
    return this.handle(req);
  }

  /** handle answers one request synchronously (the transports wrap it in a Promise). */
  handle(req: ApiRequest): ApiResponse {
    try {
      return this.route(req);
    } catch (e) {
      return errorResponse(e);
    }
  }

  async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<StreamId> {
    const id = ++this.streamSeq;
    try {
      const info = parseRequestInfo(req.path);
      this.authorize(req, info, requestUser(this.ctx, req));
      const s = this.strategyFor(info);
      if (info.name === '' && req.method === 'GET') {
        const watchId = openWatch(this.ctx, s, info.namespace, req, (c) => {
          if (c.type === 'end') this.streams.delete(id);
          onChunk(c);
        });
        this.streams.set(id, () => this.ctx.watches.close(watchId));
      } else if (info.subresource === 'exec' && s.def.resource === 'pods') {
        // A quick command ends before execInPod returns: nothing is left to cancel then.
        let ended = false;
        const exec = execInPod(this.ctx, info.namespace, info.name, req, (c) => {
          if (c.type === 'end') {
            ended = true;
            this.streams.delete(id);
            this.inputs.delete(id);
          }
          onChunk(c);
        });
        if (!ended) {
          this.streams.set(id, () => exec.stop());
          this.inputs.set(id, (data) => exec.input(data));
        }
      } else if (info.subresource === 'log' && s.def.resource === 'pods') {
        const stop = followPodLog(this.ctx, info.namespace, info.name, req, (c) => {
          if (c.type === 'end') this.streams.delete(id);
          onChunk(c);
        });
        this.streams.set(id, stop);
      } else {
        throw newBadRequest(`streaming is not supported for ${req.path}`);
      }
    } catch (e) {
      const r = errorResponse(e);
      onChunk(typeof r.body === 'string' ? { type: 'end', refused: { code: r.status, text: r.body } } : { type: 'end', status: r.body as never });
    }
    return id;
  }

  cancel(id: StreamId): void {
    const stop = this.streams.get(id);
    this.streams.delete(id);
    this.inputs.delete(id);
    stop?.();
  }

  input(id: StreamId, data: string | null): void {
    this.inputs.get(id)?.(data);
  }

  private route(req: ApiRequest): ApiResponse {
    const q = req.path.indexOf('?');
    const path = q < 0 ? req.path : req.path.slice(0, q);
    const user = requestUser(this.ctx, req);
    const info = parseRequestInfo(path);
    // Only proxies forward HEAD and OPTIONS; nothing else in the API answers them.
    if ((req.method === 'HEAD' || req.method === 'OPTIONS') && info.subresource !== 'proxy') {
      throw new ApiError(failure(405, StatusReason.MethodNotAllowed, `${req.method} is not supported`));
    }
    this.authorize(req, info, user);
    if (!info.isResourceRequest) return this.nonResource(req, path, info);
    const s = this.strategyFor(info);
    const ns = info.namespace;
    if (s.def.namespaced === false && ns) throw newNotFound(s.def, info.name || info.resource);
    const sub = info.subresource;
    if (sub) return this.subresource(req, s, info);
    if (info.name === '') {
      switch (req.method) {
        case 'GET':
          if (boolParam(req, 'watch')) throw newBadRequest('watch requests must be streamed');
          if (!s.def.verbs.includes('list')) throw newMethodNotSupported(s.def, 'list');
          return listObjects(this.ctx, s, ns, req);
        case 'POST':
          if (s.def.resource === 'bindings') return bindPod(this.ctx, ns, undefined, req);
          if (isReview(s.def)) return createReview(this.ctx, s, ns, req, user);
          return createObject(this.ctx, s, ns, req, user);
        case 'DELETE':
          if (!s.def.verbs.includes('deletecollection')) throw newMethodNotSupported(s.def, 'deletecollection');
          return deleteCollection(this.ctx, s, ns, req);
        default:
          throw newMethodNotSupported(s.def, req.method.toLowerCase());
      }
    }
    switch (req.method) {
      case 'GET':
        return getObject(this.ctx, s, ns, info.name, req);
      case 'PUT':
        return updateObject(this.ctx, s, ns, info.name, req);
      case 'PATCH':
        return patchObject(this.ctx, s, ns, info.name, req);
      case 'DELETE':
        return deleteObject(this.ctx, s, ns, info.name, req);
      default:
        throw newMethodNotSupported(s.def, 'create');
    }
  }

  private subresource(req: ApiRequest, s: ResourceStrategy, info: RequestInfo): ApiResponse {
    const { namespace: ns, name, subresource: sub } = info;
    // Only a proxy subresource takes a path of its own; anything else below a subresource is not served.
    if (!(s.def.subresources ?? []).includes(sub) || (info.subpath && sub !== 'proxy')) throw newNotFound(s.def, `${name}/${sub}${info.subpath}`);
    switch (sub) {
      case 'status':
      case 'approval':
        if (req.method === 'GET') return getObject(this.ctx, s, ns, name, req);
        if (req.method === 'PUT') return updateObject(this.ctx, s, ns, name, req, sub);
        if (req.method === 'PATCH') return patchObject(this.ctx, s, ns, name, req, sub);
        break;
      case 'scale':
        if (req.method === 'GET' || req.method === 'PUT' || req.method === 'PATCH') return handleScale(this.ctx, s, ns, name, req);
        break;
      case 'binding':
        if (req.method === 'POST') return bindPod(this.ctx, ns, name, req);
        break;
      case 'eviction':
        if (req.method === 'POST') return evictPod(this.ctx, ns, name, req);
        break;
      case 'log':
        if (req.method === 'GET') {
          if (boolParam(req, 'follow')) throw newBadRequest('follow requests must be streamed');
          return getPodLog(this.ctx, ns, name, req);
        }
        break;
      case 'finalize':
        if (req.method === 'PUT') return finalizeNamespace(this.ctx, s, name, req);
        break;
      case 'token':
        if (req.method === 'POST') return createToken(this.ctx, ns, name, req);
        break;
      case 'proxy': {
        if (!ProxyMethods.includes(req.method)) break;
        const p = { namespace: ns, id: name, subpath: info.subpath, req };
        if (s.def.resource === 'pods') return proxyPod(this.ctx, p);
        if (s.def.resource === 'services') return proxyService(this.ctx, p);
        this.ctx.registry.get(s, ns, name);
        throw new ApiError(failure(400, StatusReason.BadRequest, SimulatedKubeletMessage));
      }
      case 'exec':
        if (req.method !== 'GET' && req.method !== 'POST') break;
        // An exec is a stream (a WebSocket over HTTP): a plain request gets its checks, then this.
        parseExecRequest(this.ctx, ns, name, req);
        throw newBadRequest('Upgrade request required');
      case 'attach':
      case 'portforward':
        this.ctx.registry.get(s, ns, name);
        throw new ApiError(failure(400, StatusReason.BadRequest, SimulatedContainersMessage));
    }
    throw newMethodNotSupported({ group: s.def.group, resource: `${s.def.resource}/${sub}` }, req.method.toLowerCase());
  }

  /** authorize runs the authorizer on a remote request (WithAuthorization): 403 Forbidden unless allowed. */
  private authorize(req: ApiRequest, info: RequestInfo, user: UserInfo): void {
    if (!req.remote) return;
    const attrs = requestAttributes(req, info, user);
    const { allowed, reason } = this.ctx.authorizer.authorize(attrs);
    if (!allowed) throw newRequestForbidden(attrs, reason);
  }

  private strategyFor(info: RequestInfo): ResourceStrategy {
    const s = this.ctx.strategies.lookup(info.group, info.version, info.resource);
    if (!s) {
      // v1.32 answers an unserved path with a plain 404 NotFound Status ("the server could not find the requested resource").
      throw new ApiError(failure(404, StatusReason.NotFound, 'the server could not find the requested resource', { }));
    }
    return s;
  }

  private nonResource(req: ApiRequest, path: string, info: RequestInfo): ApiResponse {
    const discovery = serveDiscovery(req, info, allResources);
    if (discovery) return discovery;
    if (path === '/version' || path === '/version/') return { status: 200, body: { ...ServerVersion } };
    if (/^\/(healthz|livez|readyz)(\/.*)?$/.test(path)) {
      return { status: 200, body: healthReport(path, q(req, 'verbose') !== undefined), contentType: 'text/plain; charset=utf-8' };
    }
    if (path.startsWith('/openapi/')) {
      const doc = serveOpenApi(req, path);
      if (doc) return doc;
    }
    const issuer = serveIssuerDiscovery(this.ctx, path);
    if (issuer) return issuer;
    throw new ApiError(failure(404, StatusReason.NotFound, 'the server could not find the requested resource', {}));
  }
}

/** errorResponse turns anything thrown while serving into a Status response. */
export function errorResponse(e: unknown): ApiResponse {
  if (e instanceof ApiError) return { status: e.code, body: e.status };
  if (e instanceof PlainTextError) return { status: e.code, body: `${e.message}\n`, contentType: 'text/plain; charset=utf-8' };
  const msg = e instanceof Error ? e.message : String(e);
  const err = newInternalError(msg);
  return { status: 500, body: err.status };
}
