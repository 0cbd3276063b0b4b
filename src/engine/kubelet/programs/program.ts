import type { Container, Pod, Probe } from 'kubernetes-types/core/v1';
import { hashFraction } from '../hash';
import { parseImageRef } from '../images';
import { resolver, serviceAddress, type ClusterView } from './clusterDns';
import { containerEnv, expandReferences } from './containerEnv';
import { containerFiles, containerMounts } from './containerFiles';
import { managedFiles } from './managedFiles';
import { serviceEnv } from './serviceEnv';
import { parseTime } from '../../sim/clock';
import { piDigits } from './pi';
import { agnhostProgram, bootcampProgram, helloAppProgram, httpEchoProgram } from './sampleApps';
import { httpdProgram, nginxProgram, postgresProgram, redisProgram } from './servers';
import { shellProgram, type Coreutils } from './shell';
import { pushIn, type ContainerProgram, type ProgramContext } from './types';

/** shellImages are images whose default command is a shell, which exits at once without a terminal. */
const shellImages = new Set(['busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'amazonlinux', 'curl', 'python', 'perl', 'node', 'ruby', 'golang', 'bash']);

function probeList(c: Container): ProgramContext['probes'] {
  const out: ProgramContext['probes'] = [];
  for (const p of [c.readinessProbe, c.livenessProbe] as (Probe | undefined)[]) {
    if (!p?.httpGet) continue;
    const port = typeof p.httpGet.port === 'number' ? p.httpGet.port : (c.ports?.find((cp) => cp.name === p.httpGet!.port)?.containerPort ?? p.httpGet.port);
    out.push({ port, path: p.httpGet.path ?? '/', periodMs: (p.periodSeconds ?? 10) * 1000, initialDelayMs: (p.initialDelaySeconds ?? 0) * 1000 });
  }
  return out;
}

/** coreutilsOf tells busybox-based images from the GNU ones by their name. */
export function coreutilsOf(repo: string): Coreutils {
  return repo === 'busybox' || repo === 'alpine' ? 'busybox' : 'gnu';
}

/** DefaultPath is the PATH the images the simulation knows set (busybox, Debian, Alpine alike). */
const DefaultPath = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/**
 * processEnv is the environment the container's process starts with: the image's PATH, what the
 * kubelet makes of the container's env (containerEnv.ts), the Service variables it adds where the
 * container sets none of that name (serviceEnv.ts, when the view lists Services), and the HOME the
 * runtime sets for root.
 */
function processEnv(pod: Pod, c: Container, view?: ClusterView): Record<string, string> {
  const env: Record<string, string> = { PATH: DefaultPath, ...containerEnv(pod, c, view?.objects, view?.allocatable) };
  if (view?.servicesFor) {
    const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === c.name);
    const started = parseTime(status?.state?.running?.startedAt ?? status?.state?.terminated?.startedAt ?? '') || (view.startMs ?? 0);
    for (const [k, v] of Object.entries(serviceEnv(pod, view.servicesFor(pod.metadata?.namespace ?? ''), started))) env[k] ??= v;
  }
  env.HOME ??= '/root';
  return env;
}

/** containerFileView is what the container's process reads by path: the kubelet's files, its mounts, and what exec'd commands wrote. */
function containerFileView(pod: Pod, c: Container, attempt: number, view?: ClusterView): Record<string, string> {
  const files = { ...managedFiles(pod), ...containerFiles(pod, c, view?.objects, view?.allocatable) };
  for (const [path, content] of view?.writable?.files(pod.metadata?.uid ?? '', c.name, attempt) ?? []) {
    if (content === undefined) delete files[path];
    else files[path] = content;
  }
  return files;
}

/** programContext gathers what a container's simulated process can see. */
export function programContext(pod: Pod, c: Container, attempt: number, view?: ClusterView): ProgramContext {
  return {
    podName: pod.metadata?.name ?? '',
    image: c.image ?? '',
    podIP: pod.status?.podIP ?? '10.244.0.1',
    env: processEnv(pod, c, view),
    files: containerFileView(pod, c, attempt, view),
    mounts: containerMounts(pod, c),
    startMs: view?.startMs ?? 0,
    resolvesAt: resolver(view, pod.metadata?.namespace ?? ''),
    serviceAddress: serviceAddress(view, pod.metadata?.namespace ?? ''),
    probes: probeList(c),
    seed: `${pod.metadata?.uid}/${c.name}/${attempt}`,
    network: view?.network,
    writeFile: view?.writable && ((path, content) => view.writable!.write(pod.metadata?.uid ?? '', c.name, attempt, path, content)),
  };
}

/** argvOf is the container's effective command line; undefined when the image's default runs. */
export function argvOf(c: Container, repo: string): string[] | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (argv.length === 0) return undefined;
  // Args alone replace the CMD of an image without an ENTRYPOINT: they are the command line.
  if (!c.command?.length && !shellImages.has(repo)) return undefined;
  return argv;
}

/**
 * containerProgram decides what a container's process does from its image and command. Known
 * servers (nginx, httpd, redis, postgres, pause, and the tutorials' sample apps) run until stopped; shell commands follow their
 * script; images whose name contains "crash" fail after a few seconds; anything else serves forever.
 */
export function containerProgram(pod: Pod, c: Container, attempt = 0, view?: ClusterView): ContainerProgram {
  const ctx = programContext(pod, c, attempt, view);
  const { repository, tag } = parseImageRef(c.image ?? '');
  const repo = repository.split('/').pop() ?? '';
  // The kubelet expands $(VAR) in command and args from the container's environment.
  const argv = argvOf(c, repo)?.map((a) => expandReferences(a, ctx.env));
  if (repo.includes('crash')) return crashProgram(ctx);
  // A shell given stdin (stdin: true, as `kubectl run -it` and toolbox pods set it) waits on it
  // for commands: it runs until stopped, and as PID 1 it does not handle SIGTERM.
  const bareShell = argv ? argv.length === 1 && /(^|\/)(sh|bash|ash)$/.test(argv[0]) : shellImages.has(repo);
  if (c.stdin && bareShell) return { runMs: Infinity, exitCode: 0, stopMs: Infinity, stopExitCode: 0, output: () => undefined };
  if (argv) {
    const bpi = /bpi\((\d+)\)/.exec(argv.join(' '));
    if (argv[0] === 'perl' && bpi) return piProgram(Number(bpi[1]), ctx);
    // A command that names the image's own binary (etcd, kube-apiserver, ...) runs the image's server.
    const ownBinary = argv[0] === repo || argv[0].endsWith(`/${repo}`);
    if (!ownBinary && !['nginx', 'httpd', 'redis-server', 'postgres', 'docker-entrypoint.sh'].includes(argv[0])) return shellProgram(argv, ctx, coreutilsOf(repo));
  }
  switch (repo) {
    case 'nginx':
      return nginxProgram(tag, ctx);
    case 'httpd':
      return httpdProgram(tag, ctx);
    case 'redis':
      return redisProgram(tag, ctx);
    case 'postgres':
      return postgresProgram(tag, ctx);
    case 'hello-world':
      return helloProgram();
    case 'kubernetes-bootcamp':
      return bootcampProgram(tag, ctx);
    case 'hello-app':
      return helloAppProgram(tag, ctx);
    case 'http-echo':
      return httpEchoProgram(entrypointArgs(c, ctx), ctx);
    case 'agnhost':
      return agnhostProgram(entrypointArgs(c, ctx), ctx) ?? serveForever(50);
    default:
      return shellImages.has(repo) ? shellProgram([], ctx, coreutilsOf(repo)) : serveForever(repository === 'registry.k8s.io/pause' ? 50 : 500 + 1500 * hashFraction(repository));
  }
}

/** entrypointArgs is what an image whose ENTRYPOINT is its binary runs with: command and args, expanded. */
function entrypointArgs(c: Container, ctx: ProgramContext): string[] {
  return [...(c.command ?? []), ...(c.args ?? [])].map((a) => expandReferences(a, ctx.env));
}

function serveForever(stopMs: number): ContainerProgram {
  return { runMs: Infinity, exitCode: 0, stopMs: Math.round(stopMs), stopExitCode: 0, output: () => undefined };
}

function piProgram(n: number, ctx: ProgramContext): ContainerProgram {
  const runMs = Math.round(4000 + n * 1.5 + 1000 * hashFraction(ctx.seed));
  return {
    runMs,
    exitCode: 0,
    stopMs: 200,
    stopExitCode: 143,
    listens: [],
    output: (run, fromMs, toMs, out) => pushIn(out, run, fromMs, toMs, run.startMs + runMs - 10, piDigits(n)),
  };
}

function crashProgram(ctx: ProgramContext): ContainerProgram {
  const runMs = Math.round(1500 + 2000 * hashFraction(ctx.seed));
  return {
    runMs,
    exitCode: 1,
    stopMs: 100,
    stopExitCode: 143,
    listens: [],
    output(run, fromMs, toMs, out) {
      pushIn(out, run, fromMs, toMs, run.startMs + 100, 'starting up...');
      pushIn(out, run, fromMs, toMs, run.startMs + runMs - 5, 'fatal error: simulated crash (the image name contains "crash")');
    },
  };
}

const hello = [
  '',
  'Hello from Docker!',
  'This message shows that your installation appears to be working correctly.',
  '',
  'To generate this message, Docker took the following steps:',
  ' 1. The Docker client contacted the Docker daemon.',
  ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.',
  '    (amd64)',
  ' 3. The Docker daemon created a new container from that image which runs the',
  '    executable that produces the output you are currently reading.',
  ' 4. The Docker daemon streamed that output to the Docker client, which sent it',
  '    to your terminal.',
];

function helloProgram(): ContainerProgram {
  return {
    runMs: 20,
    exitCode: 0,
    stopMs: 0,
    stopExitCode: 0,
    listens: [],
    output: (run, fromMs, toMs, out) => hello.forEach((l) => pushIn(out, run, fromMs, toMs, run.startMs + 10, l)),
  };
}
