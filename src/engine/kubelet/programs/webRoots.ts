import type { HttpRequest, HttpResponse } from './http';
import { byteLength, type DocumentRoot } from './staticSite';

// The pages the official nginx and httpd images serve out of the box, byte for byte (their sizes
// are the 615, 497 and 45 bytes their access logs report).

/** nginxPage is the layout both of the image's pages share. */
const nginxPage = (title: string, body: string) => `<!DOCTYPE html>
<html>
<head>
<title>${title}</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
${body}
</body>
</html>
`;

const nginxIndex = nginxPage(
  'Welcome to nginx!',
  `<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>`,
);

const nginx50x = nginxPage(
  'Error',
  `<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>`,
);

const nginxReasons: Record<number, string> = { 301: 'Moved Permanently', 403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed' };

/** nginxRoot is /usr/share/nginx/html of the nginx image, and nginx's own error pages. */
export function nginxRoot(version: string): DocumentRoot {
  const server = `nginx/${version}`;
  return {
    dir: '/usr/share/nginx/html',
    imageFiles: { 'index.html': nginxIndex, '50x.html': nginx50x },
    server,
    errorPage(status, _req, location) {
      const title = `${status} ${nginxReasons[status]}`;
      const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${server}</center>\r\n</body>\r\n</html>\r\n`;
      return page(status, { Server: server, 'Content-Type': 'text/html' }, body, location);
    },
  };
}

const httpdReasons: Record<number, [string, (req: HttpRequest, location?: string) => string]> = {
  301: ['Moved Permanently', (_r, location) => `The document has moved <a href="${location}">here</a>.`],
  403: ['Forbidden', () => "You don't have permission to access this resource."],
  404: ['Not Found', () => 'The requested URL was not found on this server.'],
  405: ['Method Not Allowed', (r) => `The requested method ${r.method} is not allowed for this URL.`],
};

/** httpdRoot is /usr/local/apache2/htdocs of the httpd image, and Apache's own error pages. */
export function httpdRoot(version: string): DocumentRoot {
  const server = `Apache/${version} (Unix)`;
  return {
    dir: '/usr/local/apache2/htdocs',
    imageFiles: { 'index.html': '<html><body><h1>It works!</h1></body></html>\n' },
    server,
    errorPage(status, req, location) {
      const [reason, text] = httpdReasons[status];
      const body = `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${reason}</title>\n</head><body>\n<h1>${reason}</h1>\n<p>${text(req, location)}</p>\n</body></html>\n`;
      return page(status, { Server: server, 'Content-Type': 'text/html; charset=iso-8859-1' }, body, location);
    },
  };
}

function page(status: number, headers: Record<string, string>, body: string, location?: string): HttpResponse {
  const all = { ...headers, 'Content-Length': String(byteLength(body)), ...(location ? { Location: location } : {}) };
  return { status, headers: all, body };
}
