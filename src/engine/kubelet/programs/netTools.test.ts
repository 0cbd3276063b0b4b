import { describe, expect, it } from 'vitest';
import { curlOutput, hostOutput, nslookupOutput, resolverFlavour, wgetOutput } from './netTools';
import type { ClusterNetwork, Connection } from './network';

const page = '<h1>hi</h1>\n';
const net: ClusterNetwork = {
  dnsServer: '10.96.0.10',
  lookup: (name) => (name === 'web' ? { fqdn: 'web.default.svc.cluster.local', addresses: ['10.96.5.5'] } : name === 'example.com' ? 'outside' : 'nxdomain'),
  connect(ip, port, req): Connection {
    if (ip !== '10.96.5.5') return { kind: 'outside' };
    if (port === 81) return { kind: 'refused' };
    if (port === 82) return { kind: 'timeout' };
    if (port === 6379) return { kind: 'broken', error: 'EOF' };
    return req.path === '/' ? { kind: 'response', response: { status: 200, headers: { 'Content-Type': 'text/html' }, body: page } } : { kind: 'response', response: { status: 404, headers: {}, body: 'nope\n' } };
  },
};
const text = (r: { lines: { text: string; stderr: boolean }[] }, stderr: boolean) => r.lines.filter((l) => l.stderr === stderr).map((l) => l.text);

describe('network tools', () => {
  it('nslookup answers as busybox and bind print it, and host as bind does', () => {
    expect(text(nslookupOutput('web', net, 'busybox'), false)).toEqual(['Server:\t\t10.96.0.10', 'Address:\t10.96.0.10:53', '', 'Name:\tweb.default.svc.cluster.local', 'Address: 10.96.5.5', '']);
    const missing = nslookupOutput('db', net, 'bind');
    expect([text(missing, false)[1], text(missing, false)[3], missing.code]).toEqual(['Address:\t10.96.0.10#53', "** server can't find db: NXDOMAIN", 1]);
    expect(nslookupOutput('web', net, 'busybox-1.28').lines.map((l) => l.text)).toEqual([
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      '',
      'Name:      web',
      'Address 1: 10.96.5.5 web.default.svc.cluster.local',
    ]);
    expect(text(nslookupOutput('db', net, 'busybox-1.28'), true)).toEqual(["nslookup: can't resolve 'db'"]);
    expect([resolverFlavour('busybox:1.28'), resolverFlavour('busybox'), resolverFlavour('registry.k8s.io/e2e-test-images/jessie-dnsutils:1.3')]).toEqual(['busybox-1.28', 'busybox', 'bind']);
    expect(text(hostOutput('web', net), false)).toEqual(['web.default.svc.cluster.local has address 10.96.5.5']);
    expect(hostOutput('db', net)).toMatchObject({ code: 1, lines: [{ text: 'Host db not found: 3(NXDOMAIN)' }] });
  });

  it("wget prints the page, its progress on stderr unless -q, and busybox's errors", () => {
    const quiet = wgetOutput('http://web', ['-qO-', 'http://web'], net, '10.244.1.2');
    expect([text(quiet, false), text(quiet, true), quiet.code]).toEqual([['<h1>hi</h1>'], [], 0]);
    expect(text(wgetOutput('web', ['-O-', 'web'], net, '10.244.1.2'), true)).toEqual([
      'Connecting to web (10.96.5.5:80)',
      'writing to stdout',
      '-                    100% |********************************|    12  0:00:00 ETA',
      'written to stdout',
    ]);
    expect(wgetOutput('web', ['web'], net, '10.244.1.2')).toMatchObject({ file: 'index.html', code: 0 });
    expect(text(wgetOutput('web:81', ['-q', 'web:81'], net, ''), true)).toEqual(["wget: can't connect to remote host (10.96.5.5): Connection refused"]);
    expect(text(wgetOutput('web/x', ['-q', 'web/x'], net, ''), true)).toEqual(['wget: server returned error: HTTP/1.1 404 Not Found']);
    expect(text(wgetOutput('db', ['db'], net, ''), true)).toEqual(["wget: bad address 'db'"]);
  });

  it("curl prints the body, its progress meter unless -s, headers with -i or -I, and curl's error codes", () => {
    const plain = curlOutput('web', ['web'], net, '', 'Tue, 24 Nov 2026 00:00:00 GMT');
    expect(text(plain, false)).toEqual(['<h1>hi</h1>']);
    expect(text(plain, true)[0]).toBe('  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current');
    expect(text(curlOutput('web', ['-sI', 'web'], net, '', 'Tue, 24 Nov 2026 00:00:00 GMT'), false)).toEqual([
      'HTTP/1.1 200 OK',
      'Content-Type: text/html',
      'Date: Tue, 24 Nov 2026 00:00:00 GMT',
      'Content-Length: 12',
      '',
    ]);
    expect(curlOutput('web:81', ['-s', 'web:81'], net, '', '')).toEqual({ lines: [], code: 7 });
    expect(text(curlOutput('web:81', ['-sS', 'web:81'], net, '', ''), true)).toEqual(["curl: (7) Failed to connect to web port 81 after 0 ms: Couldn't connect to server"]);
    expect(text(curlOutput('web:6379', ['web:6379'], net, '', ''), true)).toEqual(['curl: (1) Received HTTP/0.9 when not allowed']);
    expect(text(curlOutput('db', ['db'], net, '', ''), true)).toEqual(['curl: (6) Could not resolve host: db']);
    expect(curlOutput('web/x', ['-sf', 'web/x'], net, '', '').code).toBe(22);
    expect(text(curlOutput('web/x', ['-s', 'web/x'], net, '', ''), false)).toEqual(['nope']);
    expect(text(curlOutput('example.com', ['example.com'], net, '', ''), true)).toEqual(['kube-playground: example.com is outside the cluster, which the simulated network does not reach']);
  });
});
