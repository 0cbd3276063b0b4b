import type { HttpRequest, HttpResponse } from './http';
import type { ClusterNetwork } from './network';

/** LogLine is one line a simulated container wrote, stamped with simulated time. */
export interface LogLine {
  timeMs: number;
  line: string;
  /** stderr marks a line written to stderr; container logs interleave both streams. */
  stderr?: boolean;
}

/** Run is one attempt of a container: when it started and when it ended (Infinity while running). */
export interface Run {
  startMs: number;
  endMs: number;
  /** signalled is true when the run ended because the kubelet stopped it (SIGTERM), not on its own. */
  signalled: boolean;
}

/** ProgramContext is what a simulated process can see of its pod: names, addresses, environment. */
export interface ProgramContext {
  podName: string;
  /** image is the container's image reference, which decides the tools it has. */
  image: string;
  podIP: string;
  /**
   * env holds the container's environment variables: literal values and the downward API's
   * fieldRef, ConfigMap and Secret keys (resourceFieldRef values are not resolved).
   */
  env: Record<string, string>;
  /** files are what the container can read by absolute path: its ConfigMap and Secret mounts and the service account's namespace. */
  files: Readonly<Record<string, string>>;
  /**
   * mounts are the container's volume mount paths, each saying whether the simulation knows what is
   * in it (ConfigMap, Secret, downward API and projected volumes, whose files are in files) or not
   * (emptyDir, persistent volumes, hostPath: what is written there is not tracked).
   */
  mounts: { path: string; volume: string; known: boolean }[];
  /** startMs is when this run of the container started (simulated ms). */
  startMs: number;
  /** serviceAddress is what a Service's DNS name resolves to (FQDN and cluster IP), for what a lookup prints. */
  serviceAddress(name: string): { fqdn: string; ip: string } | undefined;
  /** resolvesAt is when a DNS name first resolves (simulated ms): -Infinity outside the cluster's Services, Infinity for a Service that does not exist. */
  resolvesAt(name: string): number;
  /** probes lists the httpGet probes (port, path, timing), which servers log as kube-probe requests. */
  probes: { port: number | string; path: string; periodMs: number; initialDelayMs: number }[];
  /** seed varies details between attempts (process ids, versions) deterministically. */
  seed: string;
  /**
   * writeFile keeps what a command run by exec writes (a redirect, touch, rm; undefined removes)
   * in the container's writable layer, which later commands and its servers read; scripts the
   * container runs on its own have none, since their output must not depend on a moment.
   */
  writeFile?: (path: string, content: string | undefined) => void;
  /** network answers DNS and HTTP as the cluster is now; only a command run by exec has it (logs cannot depend on a moment). */
  network?: ClusterNetwork;
}

/**
 * ContainerProgram is what a container's process does in the simulation, derived from its image and
 * command: how long it runs on its own, how it reacts to SIGTERM, and what it prints. Output is a pure
 * function of the run and the window, so repeated log reads with any window agree line for line.
 */
export interface ContainerProgram {
  /** runMs is how long the process runs before exiting on its own; Infinity for servers. */
  runMs: number;
  exitCode: number;
  /** stopMs is how long it takes to exit after SIGTERM; Infinity when it ignores SIGTERM (a shell as PID 1). */
  stopMs: number;
  /** stopExitCode is its exit code when it exits because of SIGTERM. */
  stopExitCode: number;
  /** output appends the lines the run wrote in [fromMs, toMs). */
  output(run: Run, fromMs: number, toMs: number, out: LogLine[]): void;
  /**
   * listens names the ports the process accepts connections on, which is what httpGet and tcpSocket
   * probes reach; undefined when the image is not modelled, and probes are taken to succeed.
   */
  listens?: Listener[];
  /**
   * exec runs a command in the container at sinceStartMs into its run (an exec probe): its exit
   * code and output, or undefined when the command is not modelled (the probe then succeeds).
   */
  exec?: (command: string[], sinceStartMs: number) => { code: number; output: string } | undefined;
  /** awaits lists the DNS names `until nslookup …` loops wait for: the run length depends on when they resolve. */
  awaits?: string[];
}

/** Stop is how a stop signal ends a process: after ms, with exitCode; killed when the grace period ran out first. */
export interface Stop {
  ms: number;
  exitCode: number;
  killed: boolean;
}

/** stopWithin is a SIGTERM followed, graceMs later, by SIGKILL (exit code 137) if the process is still running. */
export function stopWithin(program: ContainerProgram, graceMs: number): Stop {
  const killed = program.stopMs > graceMs;
  return { ms: Math.min(program.stopMs, graceMs), exitCode: killed ? 137 : program.stopExitCode, killed };
}

/** Listener is one port a simulated process serves. */
export interface Listener {
  port: number;
  /** http answers one HTTP request; undefined for a server that does not speak HTTP. */
  http?: (req: HttpRequest) => HttpResponse;
  /** notHttp is the Go HTTP client's error when it sends an HTTP request to a server of another protocol. */
  notHttp?: string;
  /** varies says the answers change as the process runs (agnhost liveness fails after 10 s), so probes must keep asking. */
  varies?: boolean;
}

/** maxLoopLines bounds one read of an endless loop's output, standing in for kubelet log rotation. */
export const maxLoopLines = 10_000;

/** pushIn appends a line when its time falls in [fromMs, toMs) and before the run ended. */
export function pushIn(out: LogLine[], run: Run, fromMs: number, toMs: number, timeMs: number, line: string, stderr = false): void {
  if (timeMs >= fromMs && timeMs < toMs && timeMs <= run.endMs) out.push(stderr ? { timeMs, line, stderr } : { timeMs, line });
}
