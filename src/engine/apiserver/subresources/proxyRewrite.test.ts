import { describe, expect, it } from 'vitest';
import { proxiedHeaders, rewriteHtml, rewriteUrl } from './proxyRewrite';

const prefix = '/api/v1/namespaces/default/services/web/proxy';
const backend = '10.244.1.2:80';

describe('proxy rewriting (transport.go)', () => {
  it('puts the proxy path in front of absolute paths and URLs on the backend host, and leaves the rest', () => {
    expect(rewriteUrl('/static/app.js', backend, prefix)).toBe(`${prefix}/static/app.js`);
    expect(rewriteUrl('/docs/?page=2#top', backend, prefix)).toBe(`${prefix}/docs/?page=2#top`);
    expect(rewriteUrl(`http://${backend}/login`, backend, prefix)).toBe(`${prefix}/login`);
    expect(rewriteUrl('http://nginx.org/', backend, prefix)).toBe('http://nginx.org/');
    expect(rewriteUrl('img/logo.png', backend, prefix)).toBe('img/logo.png');
    expect(rewriteUrl(`${prefix}/already`, backend, prefix)).toBe(`${prefix}/already`);
  });

  it("rewrites only the URL attributes of the elements it knows, keeping every other byte", () => {
    const page = '<html>\n<a href="/a">A</a> <a title="/t" href=\'http://example.com/\'>B</a>\n<img src=/i.png alt="/x"><p data-src="/no">/text</p>\n</html>\n';
    expect(rewriteHtml(page, backend, prefix)).toBe(
      `<html>\n<a href="${prefix}/a">A</a> <a title="/t" href="http://example.com/">B</a>\n<img src="${prefix}/i.png" alt="/x"><p data-src="/no">/text</p>\n</html>\n`,
    );
  });

  it('drops CORS headers and Content-Length and rewrites a Location into the backend', () => {
    expect(proxiedHeaders({ 'Access-Control-Allow-Origin': '*', 'Content-Length': '5', Location: '/next', Server: 'nginx' }, backend, prefix)).toEqual({ Location: `${prefix}/next`, Server: 'nginx' });
  });
});
