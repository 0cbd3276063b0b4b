import type { HttpRequest, HttpResponse } from './http';

/** Connection is how one HTTP request to an address fared. */
export type Connection =
  | { kind: 'response'; response: HttpResponse }
  /** refused: nothing listens there, or a Service has no ready endpoint (kube-proxy rejects). */
  | { kind: 'refused' }
  /** timeout: a Service's cluster IP on a port it does not serve (no rule, the packets go nowhere). */
  | { kind: 'timeout' }
  /** broken: something listens but does not speak HTTP; error is how the exchange broke. */
  | { kind: 'broken'; error: string }
  /** outside: an address outside the cluster, which the simulation has no network to. */
  | { kind: 'outside' };

/** Lookup is a DNS answer: the name the search path found and its addresses, no such name, or a name outside the cluster. */
export type Lookup = { fqdn: string; addresses: string[] } | 'nxdomain' | 'outside';

/**
 * ClusterNetwork is the cluster's network as a container sees it when a command runs now (exec):
 * cluster DNS (CoreDNS at dnsServer) and connections routed as kube-proxy routes them.
 */
export interface ClusterNetwork {
  dnsServer: string;
  lookup(name: string): Lookup;
  connect(ip: string, port: number, request: Omit<HttpRequest, 'sinceStartMs'>): Connection;
}

/** ToolOutput is what a network tool printed, line by line, and its exit code. */
export interface ToolOutput {
  lines: { text: string; stderr: boolean }[];
  code: number;
  /** file is the file it saved (wget without -O -, curl -o), which exists afterwards. */
  file?: string;
}

/** Target is a URL as the tools split it. */
export interface Target {
  host: string;
  port: number;
  /** hostPort is the host as the URL writes it, with its port when one is given. */
  hostPort: string;
  path: string;
  query: string;
  https: boolean;
}

/** parseTarget reads a wget or curl URL; a bare name is http on port 80. */
export function parseTarget(url: string): Target | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^?#]*)(?:\?([^#]*))?/i.exec(url);
  if (!m) return undefined;
  const https = (m[1] ?? '').toLowerCase() === 'https';
  return { host: m[2], port: m[3] ? Number(m[3]) : https ? 443 : 80, hostPort: m[3] ? `${m[2]}:${m[3]}` : m[2], path: m[4] || '/', query: m[5] ?? '', https };
}

/** resolveHost is an IP address as it is, or what cluster DNS answers for a name. */
export function resolveHost(net: ClusterNetwork, host: string): Lookup {
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return { fqdn: host, addresses: [host] };
  return net.lookup(host);
}
