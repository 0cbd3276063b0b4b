import type { HttpResponse } from './http';
import { parseTarget, resolveHost, type ClusterNetwork, type Connection, type ToolOutput } from './network';
import { shortFlags, takesValue } from './shellParse';
import { byteLength } from './staticSite';

// What nslookup, host, wget and curl print for a request over the simulated cluster network,
// in the words of busybox 1.36, bind 9 and curl 7.88.

const out = (text: string) => ({ text, stderr: false });
const err = (text: string) => ({ text, stderr: true });

/** reasons are the HTTP reason phrases the tools print. */
const reasons: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 302: 'Found', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error', 503: 'Service Unavailable' };

const outsideNote = (name: string) => err(`kube-playground: ${name} is outside the cluster, which the simulated network does not reach`);

/** ResolverFlavour is whose nslookup an image has: busybox up to 1.28, later busybox, or bind's. */
export type ResolverFlavour = 'busybox-1.28' | 'busybox' | 'bind';

/** resolverFlavour tells an image's nslookup by its name and tag (busybox 1.28 is the one the docs' examples pin). */
export function resolverFlavour(image: string): ResolverFlavour {
  const m = /(?:^|\/)(busybox|alpine|curl)(?::(\d+)\.(\d+))?/.exec(image);
  if (!m) return 'bind';
  return m[1] === 'busybox' && m[2] !== undefined && (Number(m[2]) < 1 || (Number(m[2]) === 1 && Number(m[3]) <= 28)) ? 'busybox-1.28' : 'busybox';
}

/** nslookupOutput is `nslookup NAME`: busybox writes the server's port after a colon, bind after '#', busybox 1.28 its own layout. */
export function nslookupOutput(name: string, net: ClusterNetwork, flavour: ResolverFlavour): ToolOutput {
  const r = resolveHost(net, name);
  if (r === 'outside') return { lines: [outsideNote(name)], code: 1 };
  if (flavour === 'busybox-1.28') {
    const server = [out(`Server:    ${net.dnsServer}`), out(`Address 1: ${net.dnsServer} kube-dns.kube-system.svc.cluster.local`), out('')];
    if (r === 'nxdomain') return { lines: [...server, err(`nslookup: can't resolve '${name}'`)], code: 1 };
    return { lines: [...server, out(`Name:      ${name}`), ...r.addresses.map((a, i) => out(`Address ${i + 1}: ${a} ${r.fqdn}`))], code: 0 };
  }
  const server = [out(`Server:\t\t${net.dnsServer}`), out(`Address:\t${net.dnsServer}${flavour === 'busybox' ? ':' : '#'}53`), out('')];
  if (r === 'nxdomain') return { lines: [...server, out(`** server can't find ${name}: NXDOMAIN`), out('')], code: 1 };
  return { lines: [...server, out(`Name:\t${r.fqdn}`), ...r.addresses.map((a) => out(`Address: ${a}`)), out('')], code: 0 };
}

/** hostOutput is `host NAME` (bind's host). */
export function hostOutput(name: string, net: ClusterNetwork): ToolOutput {
  const r = resolveHost(net, name);
  if (r === 'outside') return { lines: [outsideNote(name)], code: 1 };
  if (r === 'nxdomain') return { lines: [out(`Host ${name} not found: 3(NXDOMAIN)`)], code: 1 };
  return { lines: r.addresses.map((a) => out(`${r.fqdn} has address ${a}`)), code: 0 };
}

/** hasFlag says whether an option is given, long or as a letter of a short cluster ("-qO-" gives q). */
function hasFlag(tool: 'wget' | 'curl', args: string[], letter: string, long: string): boolean {
  return args.some((a) => a === long || shortFlags(tool, a).includes(letter));
}

/** optionValue reads an option's value: attached ("-O-", "-ofile") or the next word. */
function optionValue(tool: 'wget' | 'curl', args: string[], letter: string, long: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === long) return args[i + 1];
    if (a.startsWith(`${long}=`)) return a.slice(long.length + 1);
    if (!/^-[A-Za-z]/.test(a) || a.startsWith('--')) continue;
    const flags = shortFlags(tool, a);
    if (flags[flags.length - 1] !== letter) continue;
    const at = flags.length;
    const attached = a.slice(at + 1);
    if (attached) return attached;
    if (takesValue(tool, a)) return args[i + 1];
  }
  return undefined;
}

function bodyLines(body: string): string[] {
  return body === '' ? [] : body.replace(/\n$/, '').split('\n');
}

function request(net: ClusterNetwork, ip: string, target: ReturnType<typeof parseTarget> & object, method: string, agent: string, podIP: string): Connection {
  return net.connect(ip, target.port, { method, path: target.path, query: target.query, headers: { 'User-Agent': agent, Host: target.hostPort }, clientAddr: `${podIP}:${40000 + (target.port % 20000)}` });
}

/** wgetOutput is busybox wget: -q quiet, -O FILE or -O - (stdout), else the URL's file name. */
export function wgetOutput(url: string, args: string[], net: ClusterNetwork, podIP: string): ToolOutput {
  const target = parseTarget(url);
  if (!target) return { lines: [err(`wget: bad address '${url}'`)], code: 1 };
  const quiet = hasFlag('wget', args, 'q', '--quiet');
  const lines: ToolOutput['lines'] = [];
  const say = (text: string) => !quiet && lines.push(err(text));
  const r = resolveHost(net, target.host);
  if (r === 'outside') return { lines: [outsideNote(target.host)], code: 1 };
  if (r === 'nxdomain') return { lines: [err(`wget: bad address '${target.hostPort}'`)], code: 1 };
  if (target.https) return { lines: [err(`kube-playground: HTTPS is not simulated (${url})`)], code: 1 };
  const ip = r.addresses[0];
  say(`Connecting to ${target.hostPort} (${ip}:${target.port})`);
  const c = request(net, ip, target, 'GET', 'Wget', podIP);
  if (c.kind === 'outside') return { lines: [outsideNote(ip)], code: 1 };
  if (c.kind === 'refused') return { lines: [...lines, err(`wget: can't connect to remote host (${ip}): Connection refused`)], code: 1 };
  // With -T busybox gives up itself; without, the kernel's connect timeout ends it.
  const timedOut = optionValue('wget', args, 'T', '--timeout') !== undefined ? 'wget: download timed out' : `wget: can't connect to remote host (${ip}): Connection timed out`;
  if (c.kind === 'timeout') return { lines: [...lines, err(timedOut)], code: 1 };
  if (c.kind === 'broken') return { lines: [...lines, err('wget: error getting response: Connection reset by peer')], code: 1 };
  const res = c.response;
  if (res.status >= 400) return { lines: [...lines, err(`wget: server returned error: HTTP/1.1 ${res.status} ${reasons[res.status] ?? ''}`.trimEnd())], code: 1 };
  if (args.includes('--spider') || hasFlag('wget', args, 's', '--spider')) {
    say('remote file exists');
    return { lines, code: 0 };
  }
  const size = byteLength(res.body);
  const dest = optionValue('wget', args, 'O', '--output-document') ?? (target.path.split('/').pop() || 'index.html');
  const bar = (name: string) => `${name.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${String(size).padStart(5)}  0:00:00 ETA`;
  if (dest === '-') {
    say('writing to stdout');
    lines.push(...bodyLines(res.body).map(out));
    say(bar('-'));
    say('written to stdout');
    return { lines, code: 0 };
  }
  say(`saving to '${dest}'`);
  say(bar(dest));
  say(`'${dest}' saved`);
  return { lines, code: 0, file: dest };
}

/** speed is curl's progress meter figure: bytes per second, with k or M past five digits. */
function speed(bytes: number): string {
  const perSecond = bytes * 1000;
  if (perSecond < 100_000) return String(perSecond);
  if (perSecond < 10_000 * 1024) return `${Math.round(perSecond / 1024)}k`;
  return `${(perSecond / 1048576).toFixed(1)}M`;
}

/** progressMeter is the table curl writes to stderr when its output is not a terminal and -s is not given. */
function progressMeter(size: number): string[] {
  const n = String(size).padStart(5);
  const s = speed(size).padStart(6);
  return [
    '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current',
    '                                 Dload  Upload   Total   Spent    Left  Speed',
    `100 ${n}  100 ${n}    0     0 ${s}      0 --:--:-- --:--:-- --:--:-- ${s}`,
  ];
}

/** curlOutput is curl 7.88: -s silent (-S still shows errors), -f fail on HTTP errors, -i and -I headers, -o FILE. */
export function curlOutput(url: string, args: string[], net: ClusterNetwork, podIP: string, nowUtc: string): ToolOutput {
  const silent = hasFlag('curl', args, 's', '--silent');
  const showError = !silent || hasFlag('curl', args, 'S', '--show-error');
  const fail = (code: number, message: string): ToolOutput => ({ lines: showError ? [err(`curl: (${code}) ${message}`)] : [], code });
  const target = parseTarget(url);
  if (!target) return fail(3, 'URL using bad/illegal format or missing URL');
  const r = resolveHost(net, target.host);
  if (r === 'outside') return { lines: [outsideNote(target.host)], code: 6 };
  if (r === 'nxdomain') return fail(6, `Could not resolve host: ${target.host}`);
  if (target.https) return { lines: [err(`kube-playground: HTTPS is not simulated (${url})`)], code: 35 };
  const head = hasFlag('curl', args, 'I', '--head');
  const c = request(net, r.addresses[0], target, head ? 'HEAD' : 'GET', 'curl/7.88.1', podIP);
  if (c.kind === 'outside') return { lines: [outsideNote(r.addresses[0])], code: 7 };
  if (c.kind === 'refused') return fail(7, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server`);
  if (c.kind === 'timeout') return fail(28, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Connection timed out`);
  if (c.kind === 'broken') return fail(1, 'Received HTTP/0.9 when not allowed');
  const res = c.response;
  if (hasFlag('curl', args, 'f', '--fail') && res.status >= 400) return fail(22, `The requested URL returned error: ${res.status}`);
  const lines: ToolOutput['lines'] = [];
  const file = optionValue('curl', args, 'o', '--output');
  if (!silent && file === undefined) lines.push(...progressMeter(byteLength(res.body)).map(err));
  const headers = [`HTTP/1.1 ${res.status} ${reasons[res.status] ?? ''}`.trimEnd(), ...headerLines(res, nowUtc), ''];
  const body = head ? headers : [...(hasFlag('curl', args, 'i', '--include') ? headers : []), ...bodyLines(res.body)];
  if (file === undefined || file === '-') return { lines: [...lines, ...body.map(out)], code: 0 };
  return { lines, code: 0, file };
}

function headerLines(res: HttpResponse, nowUtc: string): string[] {
  const headers: Record<string, string> = { ...res.headers, Date: nowUtc };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === 'content-length')) headers['Content-Length'] = String(byteLength(res.body));
  return Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
}
