import { describe, expect, it } from 'vitest';
import type { HttpRequest } from './http';
import { serveStatic } from './staticSite';
import type { ProgramContext } from './types';
import { httpdRoot, nginxRoot } from './webRoots';

const ctx = (files: Record<string, string> = {}, mounts: ProgramContext['mounts'] = []): ProgramContext => ({
  podName: 'web-abc',
  image: 'nginx:1.27',
  podIP: '10.244.1.5',
  env: {},
  files,
  mounts,
  startMs: 0,
  resolvesAt: () => -Infinity,
  serviceAddress: () => undefined,
  probes: [],
  seed: 's',
});

const get = (path: string, method = 'GET'): HttpRequest => ({ method, path, query: '', headers: {}, clientAddr: '10.244.0.1:5000', sinceStartMs: 0 });

describe('serveStatic', () => {
  const nginx = nginxRoot('1.27.3');

  it("serves the nginx image's welcome page on / and /index.html, 615 bytes, and its 50x page", () => {
    const home = serveStatic(nginx, ctx(), get('/'));
    expect(home.status).toBe(200);
    expect(home.headers).toMatchObject({ Server: 'nginx/1.27.3', 'Content-Type': 'text/html', 'Content-Length': '615' });
    expect(home.body).toContain('<title>Welcome to nginx!</title>');
    expect(serveStatic(nginx, ctx(), get('/index.html')).body).toBe(home.body);
    expect(serveStatic(nginx, ctx(), get('/50x.html')).headers['Content-Length']).toBe('497');
  });

  it("answers a missing page with nginx's 404 page (153 bytes) and other methods with 405", () => {
    const missing = serveStatic(nginx, ctx(), get('/healthz'));
    expect(missing.status).toBe(404);
    expect(missing.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(missing.headers['Content-Length']).toBe('153');
    expect(serveStatic(nginx, ctx(), get('/', 'POST'))).toMatchObject({ status: 405, body: expect.stringContaining('<title>405 Not Allowed</title>') });
    expect(serveStatic(nginx, ctx(), get('/', 'HEAD'))).toMatchObject({ status: 200, body: '' });
  });

  it('serves the files of a ConfigMap mounted over the document root instead of the image', () => {
    const files = { '/usr/share/nginx/html/index.html': '<h1>Hello from a ConfigMap</h1>\n', '/usr/share/nginx/html/app/config.json': '{}' };
    const c = ctx(files, [{ path: '/usr/share/nginx/html', volume: 'site', known: true }]);
    expect(serveStatic(nginx, c, get('/')).body).toBe('<h1>Hello from a ConfigMap</h1>\n');
    expect(serveStatic(nginx, c, get('/app/config.json')).headers['Content-Type']).toBe('application/json');
    // The mount hides the image's own files; a directory without its slash is redirected.
    expect(serveStatic(nginx, c, get('/50x.html')).status).toBe(404);
    expect(serveStatic(nginx, c, get('/app'))).toMatchObject({ status: 301, headers: { Location: '/app/' } });
    expect(serveStatic(nginx, c, get('/app/')).status).toBe(403);
  });

  it('replaces a single file mounted with subPath and keeps the rest of the image', () => {
    const c = ctx({ '/usr/share/nginx/html/index.html': 'custom\n' }, [{ path: '/usr/share/nginx/html/index.html', volume: 'site', known: true }]);
    expect(serveStatic(nginx, c, get('/')).body).toBe('custom\n');
    expect(serveStatic(nginx, c, get('/50x.html')).status).toBe(200);
  });

  it('says so when the document root is a volume whose content is not tracked', () => {
    const c = ctx({}, [{ path: '/usr/share/nginx/html', volume: 'html', known: false }]);
    const r = serveStatic(nginx, c, get('/'));
    expect(r.status).toBe(200);
    expect(r.body).toBe('Kube Playground: /usr/share/nginx/html/ is on volume "html", whose content the simulation does not track (only ConfigMap, Secret and downward API files are known).\n');
  });

  it("serves httpd's It works! page (45 bytes) and Apache's own 404 and 405 pages", () => {
    const httpd = httpdRoot('2.4.62');
    expect(serveStatic(httpd, ctx(), get('/'))).toMatchObject({ status: 200, body: '<html><body><h1>It works!</h1></body></html>\n', headers: { 'Content-Length': '45', Server: 'Apache/2.4.62 (Unix)' } });
    const missing = serveStatic(httpd, ctx(), get('/nope'));
    expect(missing.status).toBe(404);
    expect(missing.headers['Content-Length']).toBe('196');
    expect(missing.body).toContain('<p>The requested URL was not found on this server.</p>');
    expect(serveStatic(httpd, ctx(), get('/', 'DELETE')).body).toContain('<p>The requested method DELETE is not allowed for this URL.</p>');
  });
});
