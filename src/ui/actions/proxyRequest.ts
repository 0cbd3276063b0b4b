import type { Pod, Service } from 'kubernetes-types/core/v1';
import type { ApiClient } from '../../engine/client/apiClient';
import { resourcePath } from '../../engine/client/paths';
import { Resources } from '../../engine/apiserver/registry/resources';

/** ProxyTargetKind is what the proxy subresource is asked of: a pod, or a Service. */
export type ProxyTargetKind = 'pods' | 'services';

/** ProxyAnswer is one request through the API server's proxy, as the panel shows it. */
export interface ProxyAnswer {
  /** status is the HTTP status the proxy answered with: the backend's, or the API server's own. */
  status: number;
  headers: [string, string][];
  body: string;
  /** apiError is the API server's own Status message when the proxy could not reach anything. */
  apiError?: string;
}

/**
 * proxyPorts are what a proxy path may name: a Service's ports (by name when they have one, as
 * services/proxy looks them up), or a pod's declared container ports.
 */
export function proxyPorts(kind: ProxyTargetKind, obj: Service | Pod | undefined): string[] {
  if (kind === 'services') return ((obj as Service | undefined)?.spec?.ports ?? []).map((p) => p.name || String(p.port));
  return ((obj as Pod | undefined)?.spec?.containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => String(p.containerPort)));
}

/** proxyPath is the request path: /api/v1/namespaces/{ns}/{pods|services}/{name}[:port]/proxy/{path}. */
export function proxyPath(kind: ProxyTargetKind, namespace: string, name: string, port: string, path: string): string {
  const id = port ? `${name}:${port}` : name;
  const rest = path.startsWith('/') ? path : `/${path}`;
  return `${resourcePath(Resources[kind], namespace, id, 'proxy')}${rest}`;
}

/** requestThroughProxy is `kubectl get --raw <proxy path>`, keeping the backend's status and headers. */
export async function requestThroughProxy(client: ApiClient, kind: ProxyTargetKind, namespace: string, name: string, port: string, path: string): Promise<ProxyAnswer> {
  const [p, query] = path.split('?', 2);
  const params: Record<string, string> = {};
  for (const pair of (query ?? '').split('&').filter(Boolean)) {
    const [k, v = ''] = pair.split('=');
    params[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  const res = await client.raw({ method: 'GET', path: proxyPath(kind, namespace, name, port, p), query: params });
  const headers = Object.entries(res.headers ?? {});
  if (typeof res.body === 'string') return { status: res.status, headers, body: res.body };
  const status = res.body as { kind?: string; message?: string };
  return { status: res.status, headers, body: '', apiError: status?.kind === 'Status' ? status.message : JSON.stringify(res.body) };
}
