import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiRequest, ApiResponse, StreamChunk } from '../../client/transport';
import { formatTime, parseTime } from '../../sim/clock';
import { newBadRequest } from '../errors';
import type { ServerContext } from '../handlers/context';
import { boolParam, intParam, q } from '../handlers/query';
import { containerLogLines, logUnavailableReason } from '../../kubelet/logs';
import { storeClusterView } from './clusterView';

/** FollowPollMs is how often a followed log looks for new lines, in simulated time. */
const FollowPollMs = 1000;

interface LogRequest {
  pod: Pod;
  container: string;
  previous: boolean;
  timestamps: boolean;
  tailLines?: number;
  sinceMs?: number;
  limitBytes?: number;
}

/**
 * Pod logs come from the node's kubelet in Kubernetes. Here the containers are simulated, so the
 * kubelet's log output is a pure function of the pod and the simulated time (kubelet/logs.ts),
 * and the API server renders it the way the kubelet's /containerLogs endpoint would.
 */
function parseLogRequest(ctx: ServerContext, ns: string, name: string, req: ApiRequest): LogRequest {
  const s = ctx.strategies.lookup('', 'v1', 'pods')!;
  const pod = ctx.registry.get(s, ns, name) as unknown as Pod;
  const names = (pod.spec?.containers ?? []).map((c) => c.name);
  const all = [...(pod.spec?.initContainers ?? []).map((c) => c.name), ...names];
  let container = q(req, 'container');
  if (!container) {
    if (names.length !== 1) {
      throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${names.join(' ')}]`);
    }
    container = names[0];
  }
  if (!all.includes(container)) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  const previous = boolParam(req, 'previous');
  const reason = logUnavailableReason(pod, container, previous);
  if (reason) throw newBadRequest(reason);
  const sinceSeconds = intParam(req, 'sinceSeconds');
  const sinceTime = q(req, 'sinceTime');
  const sinceMs =
    sinceSeconds !== undefined ? ctx.sim.clock.now() - sinceSeconds * 1000 : sinceTime ? parseTime(sinceTime) : undefined;
  return {
    pod,
    container,
    previous,
    timestamps: boolParam(req, 'timestamps'),
    tailLines: intParam(req, 'tailLines'),
    sinceMs,
    limitBytes: intParam(req, 'limitBytes'),
  };
}

function render(lines: { timeMs: number; line: string }[], timestamps: boolean): string {
  let out = '';
  for (const l of lines) out += (timestamps ? `${formatTime(l.timeMs).replace('Z', '.000000000Z')} ` : '') + l.line + '\n';
  return out;
}

function initialLines(ctx: ServerContext, r: LogRequest): { timeMs: number; line: string }[] {
  const view = storeClusterView(ctx, r.pod.metadata?.namespace ?? '');
  let lines = containerLogLines(r.pod, r.container, r.previous, r.sinceMs ?? 0, ctx.sim.clock.now(), view);
  if (r.tailLines !== undefined && r.tailLines >= 0) lines = lines.slice(Math.max(0, lines.length - r.tailLines));
  return lines;
}

// A followed log ends when its container stops running, as the kubelet's log stream does.
function containerRunning(pod: Pod, container: string): boolean {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const st = statuses.find((c) => c.name === container);
  return !!st?.state?.running || (!st?.state?.terminated && !logUnavailableReason(pod, container, false));
}

/** getPodLog serves GET pods/{name}/log without follow: text/plain. */
export function getPodLog(ctx: ServerContext, ns: string, name: string, req: ApiRequest): ApiResponse {
  const r = parseLogRequest(ctx, ns, name, req);
  let text = render(initialLines(ctx, r), r.timestamps);
  if (r.limitBytes !== undefined && r.limitBytes > 0) text = text.slice(0, r.limitBytes);
  return { status: 200, body: text, contentType: 'text/plain' };
}

/** followPodLog serves follow=true: the lines so far, then new lines as simulated time passes. */
export function followPodLog(
  ctx: ServerContext,
  ns: string,
  name: string,
  req: ApiRequest,
  onChunk: (c: StreamChunk) => void,
): () => void {
  const r = parseLogRequest(ctx, ns, name, req);
  onChunk({ type: 'text', text: render(initialLines(ctx, r), r.timestamps) });
  let from = ctx.sim.clock.now();
  const s = ctx.strategies.lookup('', 'v1', 'pods')!;
  const stop = ctx.sim.timers.every(FollowPollMs, () => {
    const current = ctx.registry.tryGet(s, ns, name) as unknown as Pod | undefined;
    const now = ctx.sim.clock.now();
    const running = current?.metadata?.uid === r.pod.metadata?.uid && containerRunning(current!, r.container);
    if (current && running) {
      const lines = containerLogLines(current, r.container, false, from, now, storeClusterView(ctx, ns));
      if (lines.length) onChunk({ type: 'text', text: render(lines, r.timestamps) });
    }
    from = now;
    if (!running) {
      stop();
      onChunk({ type: 'end' });
    }
  });
  return stop;
}
