import type { Container, Probe } from 'kubernetes-types/core/v1';
import { probeRequest } from './programs/http';
import type { ContainerProgram } from './programs/types';

/** ProbeType is how the kubelet names a probe in its events. */
export type ProbeType = 'Liveness' | 'Readiness' | 'Startup';

/**
 * ProbeResult is one probe run against the simulated process: success, failure (with the output
 * the kubelet reports) or an error (the probe could not run; its result is thrown away).
 */
export type ProbeResult = { result: 'success' } | { result: 'failure'; output: string } | { result: 'error'; error: string };

const success: ProbeResult = { result: 'success' };

/**
 * probeVaries reports whether a probe's result may change while the container runs: an exec probe
 * of a scripted process, or an HTTP probe of a server whose answers change with time.
 */
export function probeVaries(probe: Probe, spec: Container, program: ContainerProgram): boolean {
  if (probe.exec) return !!program.exec;
  if (!probe.httpGet) return false;
  const port = extractPort(probe.httpGet.port, spec);
  return !!program.listens?.some((l) => l.port === port && l.varies);
}

/**
 * runProbe does what pkg/kubelet/prober does, sinceStartMs into the container's run, against what
 * its simulated process serves and has made: a port it does not listen on refuses the connection,
 * a page it does not have answers 404, an exec probe runs the command (cat, ls, test) against the
 * files its script made. gRPC probes, commands and images the simulation does not model succeed.
 */
export function runProbe(probe: Probe, spec: Container, program: ContainerProgram, podIP: string, sinceStartMs: number): ProbeResult {
  if (probe.exec) {
    const r = program.exec?.(probe.exec.command ?? [], sinceStartMs);
    return !r || r.code === 0 ? success : { result: 'failure', output: r.output };
  }
  const listens = program.listens;
  if (!listens) return success;
  const action = probe.httpGet ?? probe.tcpSocket;
  if (!action) return success;
  const port = extractPort(action.port, spec);
  if (typeof port === 'string') return { result: 'error', error: port };
  const host = action.host || podIP;
  const listener = listens.find((l) => l.port === port);
  if (!probe.httpGet) return listener ? success : { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  const path = probe.httpGet.path ?? '';
  const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
  const url = `${scheme}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
  if (!listener) return { result: 'failure', output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
  if (!listener.http) return { result: 'failure', output: `Get "${url}": ${listener.notHttp ?? 'EOF'}` };
  if (scheme === 'https') return { result: 'failure', output: `Get "${url}": http: server gave HTTP response to HTTPS client` };
  const code = listener.http(probeRequest(path.startsWith('/') ? path : `/${path}`, podIP, sinceStartMs)).status;
  return code >= 200 && code < 400 ? success : { result: 'failure', output: `HTTP probe failed with statuscode: ${code}` };
}

/** extractPort resolves a probe's port, by number or by the name of a container port (prober.go extractPort). */
function extractPort(port: number | string, spec: Container): number | string {
  let n = typeof port === 'number' ? port : spec.ports?.find((p) => p.name === port)?.containerPort;
  if (n === undefined) {
    // Last ditch effort, as upstream: maybe it was a number written as a string.
    if (!/^[+-]?\d+$/.test(String(port))) return `strconv.Atoi: parsing "${port}": invalid syntax`;
    n = Number(port);
  }
  return n > 0 && n < 65536 ? n : `invalid port number: ${n}`;
}

/** probeEventMessage is the Unhealthy event the prober records for a probe that did not succeed. */
export function probeEventMessage(type: ProbeType, r: Exclude<ProbeResult, { result: 'success' }>): string {
  return r.result === 'failure' ? `${type} probe failed: ${r.output}` : `${type} probe errored and resulted in unknown state: ${r.error}`;
}
