// What the API server's proxy transport does to a backend's answer (apimachinery pkg/util/proxy
// transport.go): links in HTML pages and Location headers that point into the backend are
// rewritten to go through the proxy path again, and CORS headers are dropped.

/** urlAttributes are the attributes transport.go rewrites, by element. */
const urlAttributes: Record<string, string[]> = {
  a: ['href'],
  applet: ['codebase'],
  area: ['href'],
  audio: ['src'],
  base: ['href'],
  blockquote: ['cite'],
  body: ['background'],
  button: ['formaction'],
  command: ['icon'],
  del: ['cite'],
  embed: ['src'],
  form: ['action'],
  frame: ['longdesc', 'src'],
  head: ['profile'],
  html: ['manifest'],
  iframe: ['longdesc', 'src'],
  img: ['longdesc', 'src', 'usemap'],
  input: ['src', 'usemap', 'formaction'],
  ins: ['cite'],
  link: ['href'],
  object: ['classid', 'codebase', 'data', 'usemap'],
  q: ['cite'],
  script: ['src'],
  source: ['src'],
  video: ['poster', 'src'],
};

/**
 * rewriteUrl is transport.go's rewriteURL: a URL on another host, or a relative one, is left alone;
 * an absolute path (or a URL on the backend's own host) gets the proxy path in front.
 */
export function rewriteUrl(url: string, backendHost: string, prefix: string): string {
  const m = /^(?:([a-z][a-z0-9+.-]*):)?(?:\/\/([^/?#]*))?([^?#]*)(.*)$/i.exec(url);
  if (!m) return url;
  const [, scheme, host, path, rest] = m;
  if ((host !== undefined && host !== '' && host !== backendHost) || !path.startsWith('/')) return url;
  if (scheme && host === undefined) return url;
  if (path.startsWith(prefix)) return `${path}${rest}`;
  const joined = `${prefix}${path}`.replace(/\/{2,}/g, '/');
  return `${joined}${rest}`;
}

/** rewriteHtml rewrites the URL attributes of the elements transport.go knows, leaving every other byte as it was. */
export function rewriteHtml(html: string, backendHost: string, prefix: string): string {
  return html.replace(/<([a-zA-Z][a-zA-Z0-9]*)(\s[^>]*)?>/g, (tag, name: string, attrs: string | undefined) => {
    const names = urlAttributes[name.toLowerCase()];
    if (!names || !attrs) return tag;
    const rewritten = attrs.replace(/([a-zA-Z-]+)(\s*=\s*)("([^"]*)"|'([^']*)'|([^\s"'>]+))/g, (attr, key: string, eq: string, _v, dq?: string, sq?: string, bare?: string) => {
      if (!names.includes(key.toLowerCase())) return attr;
      const value = dq ?? sq ?? bare ?? '';
      return `${key}${eq}"${rewriteUrl(value, backendHost, prefix)}"`;
    });
    return `<${name}${rewritten}>`;
  });
}

/** proxiedHeaders are a backend's headers as the proxy passes them on: CORS headers removed, the Location rewritten. */
export function proxiedHeaders(headers: Record<string, string>, backendHost: string, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers)) {
    if (/^access-control-/i.test(k) || /^content-length$/i.test(k)) continue;
    out[k] = /^location$/i.test(k) ? rewriteUrl(v, backendHost, prefix) : v;
  }
  return out;
}
