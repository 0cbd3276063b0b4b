import type { Status } from 'kubernetes-types/meta/v1';
import type { KubeList, KubeObject, TypedObject, WatchEvent } from '../api/object';
import { ApiError, failure } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { resourcePath } from './paths';
import type { ApiRequest, ApiResponse, ApiTransport, StreamChunk, StreamId } from './transport';

/** ListOptions are the query parameters of list and watch (metav1.ListOptions). */
export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
  allowWatchBookmarks?: boolean;
  timeoutSeconds?: number;
  sendInitialEvents?: boolean;
}

/** WriteOptions are the query parameters every write accepts. */
export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
  fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

/** DeleteOptions mirror metav1.DeleteOptions. */
export interface DeleteOptions extends WriteOptions {
  propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** PatchType names the patch media types of the API. */
export const PatchType = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;
export type PatchType = keyof typeof PatchType;

/** WatchHandle stops a watch. */
export interface WatchHandle {
  stop(): void;
}

/** ExecHandle is a running exec: send feeds its stdin (null closes it), stop ends it. */
export interface ExecHandle extends WatchHandle {
  send(data: string | null): void;
}

/**
 * ApiClient is the one client every component uses (controllers, scheduler, kubelets, the UI, the
 * terminal): typed helpers over an ApiTransport. Failures throw ApiError carrying the server's Status.
 */
export class ApiClient {
  constructor(
    readonly transport: ApiTransport,
    readonly userAgent = 'kube-playground',
  ) {}

  async get<T extends TypedObject>(res: ResourceDefinition, namespace: string | undefined, name: string): Promise<T> {
    return this.call<T>({ method: 'GET', path: resourcePath(res, namespace, name) });
  }

  async list<T extends TypedObject>(res: ResourceDefinition, opts: ListOptions = {}): Promise<KubeList<T>> {
    const { namespace, ...query } = opts;
    return this.call<KubeList<T>>({ method: 'GET', path: resourcePath(res, namespace), query: stringify(query) });
  }

  async create<T extends TypedObject>(res: ResourceDefinition, obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.call<T>({ method: 'POST', path: resourcePath(res, obj.metadata?.namespace), body: obj, query: writeQuery(opts) });
  }

  async update<T extends TypedObject>(res: ResourceDefinition, obj: T, opts: WriteOptions = {}): Promise<T> {
    const m = obj.metadata ?? {};
    return this.call<T>({ method: 'PUT', path: resourcePath(res, m.namespace, m.name), body: obj, query: writeQuery(opts) });
  }

  async updateStatus<T extends TypedObject>(res: ResourceDefinition, obj: T, opts: WriteOptions = {}): Promise<T> {
    const m = obj.metadata ?? {};
    return this.call<T>({ method: 'PUT', path: resourcePath(res, m.namespace, m.name, 'status'), body: obj, query: writeQuery(opts) });
  }

  async patch<T extends TypedObject>(
    res: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts: WriteOptions & { subresource?: string; force?: boolean } = {},
  ): Promise<T> {
    const query = writeQuery(opts);
    if (opts.force !== undefined) query.force = String(opts.force);
    return this.call<T>({
      method: 'PATCH',
      path: resourcePath(res, namespace, name, opts.subresource),
      body: patch,
      contentType: PatchType[type],
      query,
    });
  }

  async delete<T extends TypedObject = KubeObject>(
    res: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    opts: DeleteOptions = {},
  ): Promise<T> {
    const { dryRun, ...rest } = opts;
    const body = { kind: 'DeleteOptions', apiVersion: 'v1', ...rest };
    return this.call<T>({ method: 'DELETE', path: resourcePath(res, namespace, name), body, query: writeQuery({ dryRun }) });
  }

  async deleteCollection(res: ResourceDefinition, opts: ListOptions & DeleteOptions = {}): Promise<KubeList> {
    const { namespace, labelSelector, fieldSelector, propagationPolicy, gracePeriodSeconds, dryRun } = opts;
    return this.call<KubeList>({
      method: 'DELETE',
      path: resourcePath(res, namespace),
      query: { ...stringify({ labelSelector, fieldSelector }), ...writeQuery({ dryRun }) },
      body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy, gracePeriodSeconds },
    });
  }

  /** createSubresource POSTs to a subresource: pods/binding, pods/eviction. */
  async createSubresource<T = unknown>(
    res: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    subresource: string,
    body: unknown,
  ): Promise<T> {
    return this.call<T>({ method: 'POST', path: resourcePath(res, namespace, name, subresource), body });
  }

  /** updateSubresource PUTs a subresource object: a Scale. */
  async updateSubresource<T = unknown>(res: ResourceDefinition, namespace: string | undefined, name: string, subresource: string, body: T): Promise<T> {
    return this.call<T>({ method: 'PUT', path: resourcePath(res, namespace, name, subresource), body });
  }

  /** getSubresource GETs a subresource: scale, status, or log (text). */
  async getSubresource<T = unknown>(
    res: ResourceDefinition,
    namespace: string | undefined,
    name: string,
    subresource: string,
    query: Record<string, string | undefined> = {},
  ): Promise<T> {
    return this.call<T>({ method: 'GET', path: resourcePath(res, namespace, name, subresource), query });
  }

  /** watch opens a watch; onEvents gets events in batches, onEnd once when the stream closes. */
  async watch<T extends TypedObject>(
    res: ResourceDefinition,
    opts: ListOptions,
    onEvents: (events: WatchEvent<T>[]) => void,
    onEnd?: (status?: Status) => void,
  ): Promise<WatchHandle> {
    const { namespace, ...query } = opts;
    return this.stream(
      { method: 'GET', path: resourcePath(res, namespace), query: { ...stringify(query), watch: 'true' } },
      (chunk) => {
        if (chunk.type === 'events') onEvents(chunk.events as unknown as WatchEvent<T>[]);
        else if (chunk.type === 'end') onEnd?.(chunk.status);
      },
    );
  }

  /** stream opens any streaming request (watch, log follow). */
  async stream(req: ApiRequest, onChunk: (chunk: StreamChunk) => void): Promise<WatchHandle> {
    let stopped = false;
    const id: StreamId = await this.transport.stream({ userAgent: this.userAgent, ...req }, (chunk) => {
      if (!stopped) onChunk(chunk);
    });
    return {
      stop: () => {
        if (stopped) return;
        stopped = true;
        void this.transport.cancel(id);
      },
    };
  }

  /** exec runs a command in a pod's container (pods/exec), streaming its output and end to onChunk. */
  async exec(
    namespace: string,
    name: string,
    opts: { container: string; command: string[]; stdin?: boolean; tty?: boolean },
    onChunk: (chunk: StreamChunk) => void,
  ): Promise<ExecHandle> {
    const query = { container: opts.container, command: opts.command, stdout: 'true', stderr: 'true', ...(opts.stdin ? { stdin: 'true' } : {}), ...(opts.tty ? { tty: 'true' } : {}) };
    let stopped = false;
    const id: StreamId = await this.transport.stream({ userAgent: this.userAgent, method: 'GET', path: resourcePath({ group: '', version: 'v1', resource: 'pods', namespaced: true }, namespace, name, 'exec'), query }, (chunk) => {
      if (!stopped) onChunk(chunk);
    });
    return {
      send: (data) => {
        if (!stopped) void this.transport.input?.(id, data);
      },
      stop: () => {
        if (stopped) return;
        stopped = true;
        void this.transport.cancel(id);
      },
    };
  }

  /** raw sends a request and returns the response as is, for hosts that relay (kubectl, terminal). */
  async raw(req: ApiRequest): Promise<ApiResponse> {
    return this.transport.request({ userAgent: this.userAgent, ...req });
  }

  private async call<T>(req: ApiRequest): Promise<T> {
    const res = await this.raw(req);
    if (res.status >= 400) throw new ApiError(asStatus(res));
    return res.body as T;
  }
}

function asStatus(res: ApiResponse): Status {
  const b = res.body as Status | undefined;
  if (b && typeof b === 'object' && b.kind === 'Status') return b;
  return failure(res.status, '', typeof res.body === 'string' ? res.body : `the server responded with status ${res.status}`);
}

function stringify(q: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') out[k] = String(v);
  return out;
}

function writeQuery(opts: WriteOptions): Record<string, string> {
  const q: Record<string, string> = {};
  if (opts.dryRun) q.dryRun = 'All';
  if (opts.fieldManager) q.fieldManager = opts.fieldManager;
  if (opts.fieldValidation) q.fieldValidation = opts.fieldValidation;
  return q;
}
