import type { HttpRequest, HttpResponse } from './http';
import type { ProgramContext } from './types';

/**
 * DocumentRoot is a web server's static site: its directory, the files its image ships there, and
 * how it words its own responses. What a volume mounted over the directory holds replaces the image's
 * files (a ConfigMap's keys, say), as a mount hides what was at its path.
 */
export interface DocumentRoot {
  dir: string;
  imageFiles: Record<string, string>;
  server: string;
  /** errorPage is the server's built-in page for a status (with the Location of a redirect). */
  errorPage(status: number, req: HttpRequest, location?: string): HttpResponse;
}

const mimeTypes: Record<string, string> = {
  html: 'text/html',
  htm: 'text/html',
  css: 'text/css',
  js: 'application/javascript',
  json: 'application/json',
  txt: 'text/plain',
  xml: 'text/xml',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  ico: 'image/x-icon',
};

/** Entry is what a path under the document root is: a file, a directory, nothing, or content the simulation does not track. */
type Entry = { kind: 'file'; content: string } | { kind: 'dir' } | { kind: 'missing' } | { kind: 'untracked'; volume: string };

function lookup(root: DocumentRoot, ctx: ProgramContext, path: string): Entry {
  const full = `${root.dir}${path}`.replace(/\/+$/, '') || '/';
  // The deepest mount at or above the path decides where its content comes from.
  const mount = ctx.mounts
    .filter((m) => full === m.path.replace(/\/+$/, '') || full.startsWith(`${m.path.replace(/\/+$/, '')}/`))
    .sort((a, b) => b.path.length - a.path.length)[0];
  let files: Record<string, string>;
  if (!mount) {
    // The image's files, under what was written over them in the container.
    files = {};
    for (const [name, content] of Object.entries(root.imageFiles)) files[`${root.dir}/${name}`] = content;
    Object.assign(files, ctx.files);
  } else if (!mount.known && !Object.keys(ctx.files).some((f) => f === full || f.startsWith(`${full}/`))) {
    // An emptyDir or a claim holds what was written there; the simulation knows only what exec'd commands wrote.
    return { kind: 'untracked', volume: mount.volume };
  } else {
    files = ctx.files;
  }
  if (full in files) return { kind: 'file', content: files[full] };
  const isDir = full === root.dir || Object.keys(files).some((f) => f.startsWith(`${full}/`)) || (mount && full === mount.path.replace(/\/+$/, ''));
  return isDir ? { kind: 'dir' } : { kind: 'missing' };
}

/** serveStatic answers a GET or HEAD from the document root as nginx and httpd do without extra configuration. */
export function serveStatic(root: DocumentRoot, ctx: ProgramContext, req: HttpRequest): HttpResponse {
  if (req.method !== 'GET' && req.method !== 'HEAD') return root.errorPage(405, req);
  let path = decodeURIComponentSafe(req.path);
  let entry = lookup(root, ctx, path);
  if (entry.kind === 'dir') {
    // A directory without its trailing slash is redirected to it; with it, its index.html is served.
    if (!path.endsWith('/')) return root.errorPage(301, req, `${req.path}/`);
    path = `${path}index.html`;
    entry = lookup(root, ctx, path);
    if (entry.kind === 'missing') return root.errorPage(403, req);
  }
  if (entry.kind === 'missing' || entry.kind === 'dir') return root.errorPage(404, req);
  if (entry.kind === 'untracked') {
    return {
      status: 200,
      headers: { Server: root.server, 'Content-Type': 'text/plain' },
      body: `Kube Playground: ${root.dir}${path} is on volume "${entry.volume}", whose content the simulation does not track (only ConfigMap, Secret and downward API files are known).\n`,
    };
  }
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? '';
  const headers = { Server: root.server, 'Content-Type': mimeTypes[ext] ?? 'application/octet-stream', 'Content-Length': String(byteLength(entry.content)), 'Accept-Ranges': 'bytes' };
  return { status: 200, headers, body: req.method === 'HEAD' ? '' : entry.content };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** byteLength is the UTF-8 length of a body, which servers report in Content-Length and access logs. */
export function byteLength(s: string): number {
  return new TextEncoder().encode(s).length;
}
