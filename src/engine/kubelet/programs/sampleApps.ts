import { goNotFound, queryParam, textResponse, type HttpRequest, type HttpResponse } from './http';
import { serverProgram, timed } from './servers';
import { goLogTime, goTimeString } from './timeFormats';
import { pushIn, type ContainerProgram, type ProgramContext } from './types';

// The sample applications Kubernetes' tutorials deploy, answering HTTP as their sources do.

/** flagValue reads a Go-style flag (-name=v, --name=v, -name v) from a command line. */
function flagValue(argv: string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const m = /^--?([^=]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || m[1] !== name) continue;
    return m[2] ?? argv[i + 1];
  }
  return undefined;
}

function portFlag(argv: string[], name: string, fallback: number): number {
  const n = Number(flagValue(argv, name)?.replace(/^.*:/, ''));
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : fallback;
}

/** bootcampProgram is the Kubernetes Basics tutorial's Node.js app (kubernetes-bootcamp:v1): it greets every request on 8080. */
export function bootcampProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  const version = /^v(\d+)/.exec(tag)?.[1] ?? '1';
  const http = (): HttpResponse => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: `Hello Kubernetes bootcamp! | Running on: ${ctx.podName} | v=${version}\n` });
  // console.log prints the start time as Node prints a Date, and the app's trailing "\n" as an empty line.
  const start: [number, string][] = [[300, `Kubernetes Bootcamp App Started At: {T} | Running On:  ${ctx.podName} `], [300, '']];
  return timed(serverProgram({ start, stop: [] }, ctx, 100, [{ port: 8080, http }]), (ms) => new Date(ms).toISOString());
}

/** helloAppProgram is Google's hello-app (google-samples/hello-app:1.0): "Hello, world!" with its version and hostname, on $PORT or 8080. */
export function helloAppProgram(tag: string, ctx: ProgramContext): ContainerProgram {
  const version = /^(\d+)\.(\d+)/.test(tag) ? `${/^(\d+)\.(\d+)/.exec(tag)![0]}.0` : '1.0.0';
  const port = Number(ctx.env.PORT) || 8080;
  const http = (): HttpResponse => textResponse(200, `Hello, world!\nVersion: ${version}\nHostname: ${ctx.podName}\n`);
  return timed(serverProgram({ start: [[20, `{T} Server listening on port ${port}`]], stop: [] }, ctx, 50, [{ port, http }]), goLogTime);
}

/** httpEchoProgram is hashicorp/http-echo: it answers every path with -text (and /health with its status), on -listen or :5678. */
export function httpEchoProgram(argv: string[], ctx: ProgramContext): ContainerProgram {
  const listen = flagValue(argv, 'listen') ?? ':5678';
  const port = portFlag(argv, 'listen', 5678);
  const text = flagValue(argv, 'text');
  const status = Number(flagValue(argv, 'status-code')) || 200;
  if (text === undefined) {
    const output: ContainerProgram['output'] = (run, fromMs, toMs, out) => pushIn(out, run, fromMs, toMs, run.startMs + 5, '{T} [ERR] Missing -text option!');
    return timed({ runMs: 10, exitCode: 127, stopMs: 0, stopExitCode: 127, listens: [], output }, goLogTime);
  }
  const headers = { 'X-App-Name': 'http-echo', 'X-App-Version': '1.0.0' };
  const http = (req: HttpRequest): HttpResponse =>
    req.path === '/health' ? { status: 200, headers: { ...headers, 'Content-Type': 'application/json' }, body: '{"status":"ok"}' } : textResponse(status, `${text}\n`, headers);
  return timed(serverProgram({ start: [[10, `{T} [INFO] server is listening on ${listen}`]], stop: [] }, ctx, 50, [{ port, http }]), goLogTime);
}

/**
 * agnhostProgram runs the e2e test image's subcommands that serve HTTP: netexec (the Hello Minikube
 * tutorial's server: the time on /, and /hostname, /echo, /clientip, /header, /healthz) and
 * serve-hostname and liveness (the docs' liveness probe example). Other subcommands (pause, …) serve nothing.
 */
export function agnhostProgram(argv: string[], ctx: ProgramContext): ContainerProgram | undefined {
  const args = argv[0]?.endsWith('agnhost') ? argv.slice(1) : argv;
  const hostname = (): HttpResponse => textResponse(200, ctx.podName);
  switch (args[0]) {
    case 'netexec': {
      const http = (req: HttpRequest): HttpResponse => {
        switch (req.path) {
          case '/hostname':
            return hostname();
          case '/echo':
            return textResponse(200, queryParam(req.query, 'msg') ?? '');
          case '/clientip':
            return textResponse(200, req.clientAddr);
          case '/header':
            return textResponse(200, req.headers[queryParam(req.query, 'key') ?? ''] ?? '');
          case '/healthz':
            return textResponse(200, '');
          default:
            return textResponse(200, `NOW: ${goTimeString(ctx.startMs + req.sinceStartMs, req.sinceStartMs)}`);
        }
      };
      return serverProgram({ start: [], stop: [] }, ctx, 50, [{ port: portFlag(args, 'http-port', 8080), http }]);
    }
    case 'liveness': {
      // The docs' liveness example: /healthz answers 200 for the first 10 seconds, then 500.
      const http = (req: HttpRequest): HttpResponse => {
        const seconds = req.sinceStartMs / 1000;
        if (req.path === '/started') return textResponse(200, goDuration(req.sinceStartMs));
        if (req.path !== '/healthz') return goNotFound();
        return seconds > 10 ? textResponse(500, `error: ${seconds}`) : textResponse(200, 'ok');
      };
      return serverProgram({ start: [], stop: [] }, ctx, 50, [{ port: 8080, http, varies: true }]);
    }
    case 'serve-hostname':
      return serverProgram({ start: [], stop: [] }, ctx, 50, [{ port: portFlag(args, 'port', 9376), http: hostname }]);
    default:
      return undefined;
  }
}

/** goDuration is Go's Duration.String for whole ms: "250ms", "1.5s", "2m3.25s", "0s". */
function goDuration(ms: number): string {
  if (ms < 1000) return ms === 0 ? '0s' : `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = String((ms % 60_000) / 1000);
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
