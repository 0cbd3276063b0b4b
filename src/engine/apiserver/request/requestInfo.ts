/** RequestInfo is what the path of a request names (k8s.io/apiserver/pkg/endpoints/request.RequestInfo). */
export interface RequestInfo {
  isResourceRequest: boolean;
  path: string;
  group: string;
  version: string;
  namespace: string;
  resource: string;
  name: string;
  subresource: string;
  /**
   * subpath is the rest of the path after the subresource, as sent (escaped, trailing slash kept):
   * what a proxy subresource forwards ("/a/b/"); "" when the path ends at the subresource.
   */
  subpath: string;
  /** parts are the path segments after /api or /apis/<group>, for discovery paths. */
  parts: string[];
}

const namespaceSubresources = new Set(['status', 'finalize']);

/**
 * parseRequestInfo splits /api/v1/namespaces/ns/pods/name/status and /apis/apps/v1/deployments
 * into their parts. Non-resource paths (/version, /healthz, /openapi/v3) come back with
 * isResourceRequest false.
 */
export function parseRequestInfo(path: string): RequestInfo {
  const info: RequestInfo = {
    isResourceRequest: false,
    path,
    group: '',
    version: '',
    namespace: '',
    resource: '',
    name: '',
    subresource: '',
    subpath: '',
    parts: [],
  };
  const segs = segments(path);
  if (segs[0] === 'api') {
    info.version = segs[1] ?? '';
    info.parts = segs.slice(2);
  } else if (segs[0] === 'apis') {
    info.group = segs[1] ?? '';
    info.version = segs[2] ?? '';
    info.parts = segs.slice(3);
  } else {
    return info;
  }
  const p = info.parts;
  if (!info.version || p.length === 0) return info;
  info.isResourceRequest = true;
  let rest = p;
  // /namespaces/{ns}/{resource}... names a namespaced resource; /namespaces/{ns} alone, and its
  // status and finalize subresources, are the Namespace itself (as upstream's RequestInfoFactory).
  if (p[0] === 'namespaces' && p.length >= 3 && !namespaceSubresources.has(p[2])) {
    info.namespace = p[1];
    rest = p.slice(2);
  }
  info.resource = rest[0] ?? '';
  info.name = rest[1] ?? '';
  info.subresource = rest[2] ?? '';
  if (rest.length > 2) info.subpath = rawRemainder(path, segs.length - rest.length + 3);
  return info;
}

/** rawRemainder is path after its first n non-empty segments, untouched: "/a/b/" or "". */
function rawRemainder(path: string, n: number): string {
  const raw = path.split('/');
  let seen = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== '' && ++seen === n) return raw.length > i + 1 ? `/${raw.slice(i + 1).join('/')}` : '';
  }
  return '';
}

/** segments splits a path at '/' without empty segments, decoding escapes only if there are any. */
function segments(path: string): string[] {
  const escaped = path.includes('%');
  const segs: string[] = [];
  for (const s of path.split('/')) if (s !== '') segs.push(escaped ? safeDecode(s) : s);
  return segs;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
