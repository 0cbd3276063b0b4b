import { hashFraction } from '../hash';
import { accessLogTime, httpdTime, goLogTime, postgresTime, redisTime } from './timeFormats';
import { probeRequest } from './http';
import { byteLength, type DocumentRoot, serveStatic } from './staticSite';
import { httpdRoot, nginxRoot } from './webRoots';
import { maxLoopLines, pushIn, type ContainerProgram, type Listener, type LogLine, type ProgramContext, type Run } from './types';

/** Script is a server's output: lines at offsets from its start, and lines at offsets from a SIGTERM. */
export interface Script {
  start: [number, string][];
  stop: [number, string][];
  /** access renders one periodic request line (a GET of path answered with status); servers without an access log leave it out. */
  access?: (timeMs: number, client: string, agent: string, path: string, status: number, bytes: number) => string;
}

/** trafficPeriodMs is how often a server without probes logs a simulated client request. */
const trafficPeriodMs = 60_000;

/** webRoot serves a document root on port 80, as the official nginx and httpd images do. */
function webRoot(root: DocumentRoot, ctx: ProgramContext): Listener {
  return { port: 80, http: (req) => serveStatic(root, ctx, req) };
}

/** serverProgram runs until stopped, printing script's lines and serving listens. */
export function serverProgram(script: Script, ctx: ProgramContext, stopMs: number, listens: Listener[]): ContainerProgram {
  return {
    listens,
    runMs: Infinity,
    exitCode: 0,
    stopMs,
    stopExitCode: 0,
    output(run: Run, fromMs: number, toMs: number, out: LogLine[]) {
      for (const [dt, line] of script.start) pushIn(out, run, fromMs, toMs, run.startMs + dt, line);
      if (script.access) accessLines(script.access, listens[0], run, fromMs, toMs, ctx, out);
      if (run.signalled) {
        // The shutdown lines span the stop time, the last one written as the process exits.
        const t0 = run.endMs - stopMs;
        const span = Math.max(1, ...script.stop.map(([dt]) => dt));
        for (const [dt, line] of script.stop) pushIn(out, run, fromMs, toMs, Math.round(t0 + (dt / span) * stopMs), line);
      }
    },
  };
}

function accessLines(
  access: NonNullable<Script['access']>,
  web: Listener,
  run: Run,
  fromMs: number,
  toMs: number,
  ctx: ProgramContext,
  out: LogLine[],
): void {
  const gateway = ctx.podIP.replace(/\.\d+$/, '.1');
  // Only probes of the port the server listens on reach it; the others are refused before it sees them.
  const probes = ctx.probes.filter((p) => p.port === web.port);
  const sources = probes.length
    ? probes.map((p) => ({ first: p.initialDelayMs, period: p.periodMs, client: gateway, agent: 'kube-probe/1.32', path: p.path }))
    : [{ first: trafficPeriodMs, period: trafficPeriodMs, client: '', agent: 'curl/8.11.1', path: '/' }];
  const end = Math.min(toMs, run.endMs + 1);
  for (const s of sources) {
    // A static page answers every request alike: serve it once per source.
    const res = web.http?.(probeRequest(s.path, ctx.podIP, s.first));
    const status = res?.status ?? 200;
    const bytes = res ? byteLength(res.body) : 0;
    const base = run.startMs + s.first;
    let k = Math.max(0, Math.floor((fromMs - base) / s.period));
    const last = Math.ceil((end - base) / s.period);
    if (last - k > maxLoopLines) k = last - maxLoopLines;
    for (; k <= last; k++) {
      const t = base + k * s.period;
      const client = s.client || `10.244.0.${2 + Math.floor(hashFraction(`${ctx.seed}/${k}`) * 20)}`;
      pushIn(out, run, fromMs, toMs, t, access(t, client, s.agent, s.path, status, bytes));
    }
  }
}

function versionFrom(tag: string, fallback: string, seed: string): string {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(tag);
  if (!m) return fallback;
  return `${m[1]}.${m[2]}.${m[3] ?? Math.floor(hashFraction(seed) * 6)}`;
}

/** nginxProgram prints the official image's docker-entrypoint and startup notices, then an access log. */
export function nginxProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  const version = versionFrom(tag, '1.27.3', tag);
  const ep = (line: string): [number, string] => [20, line];
  const notice = (dt: number, pid: number, line: string): [number, string] => [dt, `{T} [notice] ${pid}#${pid}: ${line}`];
  const workers = [29, 30, 31, 32];
  const start: [number, string][] = [
    ep('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration'),
    ep('/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/'),
    ep('/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh'),
    ep('10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf'),
    ep('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf'),
    ep('/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh'),
    ep('/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh'),
    ep('/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh'),
    ep('/docker-entrypoint.sh: Configuration complete; ready for start up'),
    notice(60, 1, 'using the "epoll" event method'),
    notice(60, 1, `nginx/${version}`),
    notice(60, 1, 'built by gcc 12.2.0 (Debian 12.2.0-14)'),
    notice(60, 1, 'OS: Linux 6.8.0-1015-gcp'),
    notice(60, 1, 'getrlimit(RLIMIT_NOFILE): 1048576:1048576'),
    notice(60, 1, 'start worker processes'),
    ...workers.map((w) => notice(60, 1, `start worker process ${w}`)),
  ];
  // The image's STOPSIGNAL is SIGQUIT: nginx finishes open requests and exits 0.
  const stop: [number, string][] = [
    notice(0, 1, 'signal 3 (SIGQUIT) received, shutting down'),
    ...workers.flatMap((w) => [notice(5, w, 'gracefully shutting down'), notice(6, w, 'exiting'), notice(7, w, 'exit')]),
    ...workers.flatMap((w) => [notice(20, 1, `signal 17 (SIGCHLD) received from ${w}`), notice(20, 1, `worker process ${w} exited with code 0`)]),
    notice(25, 1, 'exit'),
  ];
  return timed(
    serverProgram(
      {
        start,
        stop,
        access: (t, client, agent, path, status, bytes) => `${client} - - ${accessLogTime(t)} "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}" "-"`,
      },
      ctx,
      150,
      [webRoot(nginxRoot(version), ctx)],
    ),
    goLogTime,
  );
}

/** httpdProgram prints Apache httpd's startup notices and its access log. */
export function httpdProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  const version = versionFrom(tag, '2.4.62', tag);
  const fqdn = `AH00558: httpd: Could not reliably determine the server's fully qualified domain name, using ${ctx.podIP}. Set the 'ServerName' directive globally to suppress this message`;
  return timed(
    serverProgram(
      {
        start: [
          [30, fqdn],
          [40, fqdn],
          [50, `{T} [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/${version} (Unix) configured -- resuming normal operations`],
          [50, `{T} [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'`],
        ],
        stop: [[0, '{T} [mpm_event:notice] [pid 1:tid 1] AH00492: caught SIGWINCH, shutting down gracefully']],
        access: (t, client, agent, path, status, bytes) => `${client} - - ${accessLogTime(t)} "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "${agent}"`,
      },
      ctx,
      200,
      [webRoot(httpdRoot(version), ctx)],
    ),
    httpdTime,
  );
}

/** redisProgram prints redis-server's startup banner and its shutdown on SIGTERM. */
export function redisProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  const version = versionFrom(tag, '7.4.2', tag);
  const c = (dt: number, l: string): [number, string] => [dt, `1:C {T} ${l}`];
  const m = (dt: number, l: string): [number, string] => [dt, `1:M {T} ${l}`];
  return timed(
    serverProgram(
      {
        start: [
          c(10, '* oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo'),
          c(10, `* Redis version=${version}, bits=64, commit=00000000, modified=0, pid=1, just started`),
          c(10, '# Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf'),
          m(11, '* monotonic clock: POSIX clock_gettime'),
          m(12, '* Running mode=standalone, port=6379.'),
          m(12, '* Server initialized'),
          m(13, '* Ready to accept connections tcp'),
        ],
        stop: [
          [0, '1:signal-handler ({S}) Received SIGTERM scheduling shutdown...'],
          m(50, '* User requested shutdown...'),
          m(50, '* Saving the final RDB snapshot before exiting.'),
          m(60, '* DB saved on disk'),
          m(61, '# Redis is now ready to exit, bye bye...'),
        ],
      },
      ctx,
      100,
      [{ port: 6379, notHttp: `net/http: HTTP/1.x transport connection broken: malformed HTTP response "-ERR wrong number of arguments for 'get' command"` }],
    ),
    redisTime,
  );
}

/** postgresProgram runs PostgreSQL, or fails the way the official image does without a password. */
export function postgresProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  if (!ctx.env.POSTGRES_PASSWORD && ctx.env.POSTGRES_HOST_AUTH_METHOD !== 'trust') {
    const lines = [
      'Error: Database is uninitialized and superuser password is not specified.',
      '       You must specify POSTGRES_PASSWORD to a non-empty value for the',
      '       superuser. For example, "-e POSTGRES_PASSWORD=password" on "docker run".',
      '',
      '       You may also use "POSTGRES_HOST_AUTH_METHOD=trust" to allow all',
      '       connections without a password. This is *not* recommended.',
      '',
      '       See PostgreSQL documentation about "trust":',
      '       https://www.postgresql.org/docs/current/auth-trust.html',
    ];
    return {
      runMs: 100,
      exitCode: 1,
      stopMs: 0,
      stopExitCode: 1,
      output: (run, fromMs, toMs, out) => lines.forEach((l) => pushIn(out, run, fromMs, toMs, run.startMs + 50, l)),
    };
  }
  const version = versionFrom(tag, '17.2', tag).replace(/\.\d+$/, '');
  const log = (dt: number, l: string): [number, string] => [dt, `{T} [1] LOG:  ${l}`];
  return timed(
    serverProgram(
      {
        start: [
          [10, 'The files belonging to this database system will be owned by user "postgres".'],
          [10, 'Success. You can now start the database server using:'],
          [900, 'PostgreSQL init process complete; ready for start up.'],
          log(1000, `starting PostgreSQL ${version} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`),
          log(1001, 'listening on IPv4 address "0.0.0.0", port 5432'),
          log(1001, 'listening on IPv6 address "::", port 5432'),
          log(1002, 'listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"'),
          log(1010, 'database system is ready to accept connections'),
        ],
        stop: [
          log(0, 'received fast shutdown request'),
          log(5, 'aborting any active transactions'),
          log(200, 'database system is shut down'),
        ],
      },
      ctx,
      250,
      [{ port: 5432, notHttp: 'EOF' }],
    ),
    postgresTime,
  );
}

/** timed fills the {T} (and redis's {S}, seconds) placeholders with each line's own timestamp. */
export function timed(p: ContainerProgram, format: (ms: number) => string): ContainerProgram {
  return {
    ...p,
    output(run, fromMs, toMs, out) {
      const n = out.length;
      p.output(run, fromMs, toMs, out);
      for (let i = n; i < out.length; i++) {
        const l = out[i];
        if (l.line.includes('{')) l.line = l.line.replace('{T}', format(l.timeMs)).replace('{S}', String(Math.floor(l.timeMs / 1000)));
      }
    },
  };
}
