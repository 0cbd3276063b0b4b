/** HttpRequest is one request a simulated server receives: from a probe, or through the API server's proxy. */
export interface HttpRequest {
  method: string;
  /** path is the request path, starting with '/'. */
  path: string;
  /** query is the raw query string without '?', '' when there is none. */
  query: string;
  /** headers are keyed by their canonical names (User-Agent, X-Forwarded-For). */
  headers: Record<string, string>;
  /** clientAddr is the peer's address as the server sees it ("10.244.0.1:43522"). */
  clientAddr: string;
  /** sinceStartMs is when the request arrives, in ms since the container's run started. */
  sinceStartMs: number;
}

/** HttpResponse is what the simulated server answers. */
export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** probeRequest is the kubelet's GET of a probe path (the prober's User-Agent is kube-probe/<major>.<minor>). */
export function probeRequest(path: string, podIP: string, sinceStartMs: number): HttpRequest {
  const q = path.indexOf('?');
  return {
    method: 'GET',
    path: q < 0 ? path : path.slice(0, q),
    query: q < 0 ? '' : path.slice(q + 1),
    headers: { 'User-Agent': 'kube-probe/1.32' },
    clientAddr: `${podIP.replace(/\.\d+$/, '.1')}:0`,
    sinceStartMs,
  };
}

/** textResponse is a text/plain answer, as Go's net/http writes with Fprint (the Content-Type it sniffs for text). */
export function textResponse(status: number, body: string, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', ...headers }, body };
}

/** goNotFound is Go's http.NotFound, what a ServeMux answers for a path nothing handles. */
export function goNotFound(): HttpResponse {
  return textResponse(404, '404 page not found\n', { 'X-Content-Type-Options': 'nosniff' });
}

/** queryParam reads one parameter of a raw query string. */
export function queryParam(query: string, name: string): string | undefined {
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    const key = eq < 0 ? pair : pair.slice(0, eq);
    if (unescapeQuery(key) === name) return eq < 0 ? '' : unescapeQuery(pair.slice(eq + 1));
  }
  return undefined;
}

function unescapeQuery(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}
