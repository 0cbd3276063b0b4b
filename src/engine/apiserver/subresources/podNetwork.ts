import type { Pod } from 'kubernetes-types/core/v1';
import type { HttpRequest } from '../../kubelet/programs/http';
import type { Connection } from '../../kubelet/programs/network';
import { containerProgram } from '../../kubelet/programs/program';
import { parseTime } from '../../sim/clock';
import type { ServerContext } from '../handlers/context';
import { storeClusterView } from './clusterView';

/**
 * connectToPod delivers an HTTP request to the process listening on port in the pod, as the pod's
 * network namespace would: a port no running container listens on refuses the connection, a
 * server of another protocol breaks the exchange, and an image the simulation does not model
 * answers on the ports its container declares with a plain-text note saying so.
 */
export function connectToPod(ctx: ServerContext, pod: Pod, port: number, request: Omit<HttpRequest, 'sinceStartMs'>): Exclude<Connection, { kind: 'timeout' | 'outside' }> {
  // Servers read what exec'd commands wrote in their container (a log never does: it must not depend on a moment).
  const view = { ...storeClusterView(ctx, pod.metadata?.namespace ?? ''), writable: ctx.writable };
  for (const status of pod.status?.containerStatuses ?? []) {
    const running = status.state?.running;
    const spec = pod.spec?.containers.find((c) => c.name === status.name);
    if (!running || !spec) continue;
    const startMs = parseTime(running.startedAt);
    const program = containerProgram(pod, spec, status.restartCount, { ...view, startMs });
    if (!program.listens) {
      if (!spec.ports?.some((p) => p.containerPort === port && (p.protocol ?? 'TCP') === 'TCP')) continue;
      const body = `Kube Playground: container "${spec.name}" (image ${spec.image}) is simulated, and what its process answers over HTTP is not modelled.\n`;
      return { kind: 'response', response: { status: 200, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body } };
    }
    const listener = program.listens.find((l) => l.port === port);
    if (!listener) continue;
    if (!listener.http) return { kind: 'broken', error: listener.notHttp ?? 'EOF' };
    return { kind: 'response', response: listener.http({ ...request, sinceStartMs: ctx.sim.clock.now() - startMs }) };
  }
  return { kind: 'refused' };
}
