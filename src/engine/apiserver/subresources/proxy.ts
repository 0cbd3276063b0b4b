import type { Endpoints, Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiRequest, ApiResponse } from '../../client/transport';
import type { HttpRequest, HttpResponse } from '../../kubelet/programs/http';
import { findObject } from './clusterView';
import { connectToPod } from './podNetwork';
import type { Rng } from '../../sim/rng';
import { ApiError, failure, newBadRequest, StatusReason } from '../errors';
import type { ServerContext } from '../handlers/context';
import { Resources } from '../registry/resources';
import { proxiedHeaders, rewriteHtml } from './proxyRewrite';

/**
 * The pods/proxy and services/proxy subresources (pkg/registry/core/{pod,service}/rest ProxyREST):
 * the API server finds the address (a pod's IP, or a ready endpoint of the Service picked at random)
 * and forwards the request there. The containers are simulated, so what answers is the simulated
 * process listening on that port (kubelet/programs), as it would answer a probe.
 */

/** ProxyTarget is where a proxied request goes: scheme, pod and port ('' when none was named or found). */
interface ProxyTarget {
  scheme: string;
  pod: Pod;
  ip: string;
  port: string;
}

/** ProxyRequest is one request to a proxy subresource: the id ("name", "name:port", "scheme:name:port") and the path after /proxy. */
export interface ProxyRequest {
  namespace: string;
  id: string;
  /** subpath is what follows /proxy in the request path, escaped as sent ("" or "/", "/a/b"). */
  subpath: string;
  req: ApiRequest;
}

/** ProxyMethods are the methods ProxyREST accepts (proxyMethods). */
export const ProxyMethods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** splitSchemeNamePort is utilnet.SplitSchemeNamePort. */
function splitSchemeNamePort(id: string): { scheme: string; name: string; port: string } | undefined {
  const parts = id.split(':');
  let scheme = '';
  let name: string;
  let port = '';
  if (parts.length === 1) [name] = parts;
  else if (parts.length === 2) [name, port] = parts;
  else if (parts.length === 3) [scheme, name, port] = parts;
  else return undefined;
  return name && ['', 'http', 'https'].includes(scheme) ? { scheme, name, port } : undefined;
}

function serviceUnavailable(message: string): ApiError {
  return new ApiError(failure(503, StatusReason.ServiceUnavailable, message));
}

function getObject<T>(ctx: ServerContext, resource: (typeof Resources)[keyof typeof Resources], ns: string, name: string): T {
  const s = ctx.strategies.lookup(resource.group, resource.version, resource.resource)!;
  return ctx.registry.get(s, ns, name) as unknown as T;
}

/** podLocation is pod.ResourceLocation: the named port, else the first port a container declares, at the pod's IP. */
function podLocation(ctx: ServerContext, ns: string, id: string): ProxyTarget {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw newBadRequest(`invalid pod request "${id}"`);
  const pod = getObject<Pod>(ctx, Resources.pods, ns, parsed.name);
  let port = parsed.port;
  if (port === '') port = String(pod.spec?.containers.find((c) => c.ports?.length)?.ports?.[0].containerPort ?? '');
  const ip = pod.status?.podIP ?? '';
  if (!isGlobalUnicast(ip)) throw newBadRequest('address not allowed');
  return { scheme: parsed.scheme, pod, ip, port };
}

function isGlobalUnicast(ip: string): boolean {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return false;
  const [a, b] = [Number(m[1]), Number(m[2])];
  return a !== 0 && a !== 127 && a < 224 && !(a === 169 && b === 254) && ip !== '255.255.255.255';
}

/**
 * serviceLocation is the service REST's ResourceLocation: a port number is mapped to its port's name,
 * then a random subset of the Endpoints and a random ready address in it that has that port name and
 * still belongs to its pod.
 */
function serviceLocation(ctx: ServerContext, ns: string, id: string, rng: Rng): ProxyTarget {
  const parsed = splitSchemeNamePort(id);
  if (!parsed) throw newBadRequest(`invalid service request "${id}"`);
  const { name } = parsed;
  let portName = parsed.port;
  if (/^[+-]?\d+$/.test(portName)) {
    const svc = getObject<Service>(ctx, Resources.services, ns, name);
    const found = svc.spec?.ports?.find((p) => p.port === Number(portName));
    if (!found) throw serviceUnavailable(`no service port ${Number(portName)} found for service "${name}"`);
    portName = found.name ?? '';
  }
  const eps = getObject<Endpoints>(ctx, Resources.endpoints, ns, name);
  const subsets = eps.subsets ?? [];
  if (subsets.length === 0) throw serviceUnavailable(`no endpoints available for service "${name}"`);
  const ssSeed = rng.int(subsets.length);
  for (let i = 0; i < subsets.length; i++) {
    const ss = subsets[(ssSeed + i) % subsets.length];
    const addresses = ss.addresses ?? [];
    if (addresses.length === 0) continue;
    const port = (ss.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port) continue;
    const addrSeed = rng.int(addresses.length);
    for (let t = 0; t < addresses.length; t++) {
      const addr = addresses[(addrSeed + t) % addresses.length];
      const pod = addressPod(ctx, ns, addr.ip, addr.targetRef);
      if (pod) return { scheme: parsed.scheme, pod, ip: addr.ip, port: String(port.port) };
    }
  }
  throw serviceUnavailable(`no endpoints available for service "${id}"`);
}

/** addressPod is isValidAddress: the address names a pod of the namespace that still has that IP. */
function addressPod(ctx: ServerContext, ns: string, ip: string, ref: { kind?: string; namespace?: string; name?: string } | undefined): Pod | undefined {
  if (!ref?.name || ref.namespace !== ns) return undefined;
  const pod = findObject<Pod>(ctx, 'pods', ns, ref.name);
  return pod?.status?.podIPs?.some((p) => p.ip === ip) ? pod : undefined;
}

/** apiServerAddress is the address the API server advertises (the kubernetes Endpoints), which backends see requests come from. */
function apiServerAddress(ctx: ServerContext): string {
  const eps = findObject<Endpoints>(ctx, 'endpoints', 'default', 'kubernetes');
  return eps?.subsets?.[0]?.addresses?.[0]?.ip ?? '127.0.0.1';
}

/** dial sends the proxied request to the pod, failing in the proxy transport's words. */
function dial(ctx: ServerContext, t: ProxyTarget, request: Omit<HttpRequest, 'sinceStartMs'>): HttpResponse {
  const port = Number(t.port || (t.scheme === 'https' ? 443 : 80));
  const reach = (cause: string) => serviceUnavailable(`error trying to reach service: ${cause}`);
  const c = connectToPod(ctx, t.pod, port, request);
  if (c.kind === 'refused') throw reach(`dial tcp ${t.ip}:${port}: connect: connection refused`);
  if (c.kind === 'broken') throw reach(c.error);
  if (t.scheme === 'https') throw reach('http: server gave HTTP response to HTTPS client');
  return c.response;
}

function rawQuery(req: ApiRequest): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(req.query ?? {})) {
    for (const one of v === undefined ? [] : Array.isArray(v) ? v : [v]) parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(one)}`);
  }
  return parts.join('&');
}

function proxy(ctx: ServerContext, p: ProxyRequest, target: ProxyTarget): ApiResponse {
  const { req } = p;
  const query = rawQuery(req);
  const prefix = req.path.slice(0, req.path.length - p.subpath.length);
  // An empty path is redirected to the same path with a slash (upgradeaware.go, issue 4958).
  if (p.subpath === '' && (req.method === 'GET' || req.method === 'HEAD')) {
    return { status: 301, headers: { Location: `${req.path}/${query ? `?${query}` : ''}` }, body: '' };
  }
  const path = p.subpath || '/';
  const request = {
    method: req.method,
    path,
    query,
    headers: { 'User-Agent': req.userAgent ?? 'Go-http-client/1.1', 'X-Forwarded-Uri': `${prefix}${path}` },
    clientAddr: `${apiServerAddress(ctx)}:${40000 + ctx.proxyRng.int(20000)}`,
  };
  const res = dial(ctx, target, request);
  const backendHost = `${target.ip}${target.port ? `:${target.port}` : ''}`;
  const headers = proxiedHeaders(res.headers, backendHost, prefix);
  const contentType = Object.entries(headers).find(([k]) => /^content-type$/i.test(k))?.[1];
  const isHtml = (contentType ?? '').split(';')[0].trim() === 'text/html';
  const body = req.method === 'HEAD' ? '' : isHtml ? rewriteHtml(res.body, backendHost, prefix) : res.body;
  return { status: res.status, headers, body, contentType };
}

/** proxyPod serves pods/{name}/proxy. */
export function proxyPod(ctx: ServerContext, p: ProxyRequest): ApiResponse {
  return proxy(ctx, p, podLocation(ctx, p.namespace, p.id));
}

/** proxyService serves services/{name}/proxy. */
export function proxyService(ctx: ServerContext, p: ProxyRequest): ApiResponse {
  return proxy(ctx, p, serviceLocation(ctx, p.namespace, p.id, ctx.proxyRng));
}
