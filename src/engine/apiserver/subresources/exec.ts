import type { Status } from 'kubernetes-types/meta/v1';
import type { Container, ContainerStatus, Pod } from 'kubernetes-types/core/v1';
import type { ApiRequest, StreamChunk } from '../../client/transport';
import { execCommand } from '../../kubelet/programs/execCommand';
import { newBadRequest, PlainTextError } from '../errors';
import type { ServerContext } from '../handlers/context';
import { boolParam, q } from '../handlers/query';
import { storeClusterView } from './clusterView';
import { storeClusterNetwork } from './clusterNetwork';
import { streamProgram, type ExecStream, type Print } from './commandOutput';
import { isBareShell, missingExecutable, ShellSession } from './execSession';

/** ExecRequest is a validated pods/exec request (PodExecOptions). */
interface ExecRequest {
  pod: Pod;
  container: string;
  command: string[];
  /** spec and status are the container's, which is running. */
  spec: Container;
  status: ContainerStatus;
}

function commandOf(req: ApiRequest): string[] {
  const v = req.query?.command;
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/**
 * parseExecRequest checks a pods/exec request as the API server and then the kubelet do: a command
 * and a stream are required, the container must be the pod's, the pod must be on a node, and the
 * container must be running there (the kubelet's plain-text "container not found").
 */
export function parseExecRequest(ctx: ServerContext, ns: string, name: string, req: ApiRequest): ExecRequest {
  const command = commandOf(req);
  if (command.length === 0) throw newBadRequest('you must specify at least 1 command');
  if (!['stdin', 'stdout', 'stderr'].some((s) => boolParam(req, s))) throw newBadRequest('you must specify at least one of stdin, stdout, stderr');
  const s = ctx.strategies.lookup('', 'v1', 'pods')!;
  const pod = ctx.registry.get(s, ns, name) as unknown as Pod;
  const specs: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  let container = q(req, 'container') ?? '';
  if (!container) {
    if (pod.spec?.containers.length !== 1) throw newBadRequest(`a container name must be specified for pod ${name}, choose one of: [${(pod.spec?.containers ?? []).map((c) => c.name).join(' ')}]`);
    container = pod.spec.containers[0].name;
  }
  const spec = specs.find((c) => c.name === container);
  if (!spec) throw newBadRequest(`container ${container} is not valid for pod ${name}`);
  if (!pod.spec?.nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  const status = statuses.find((c) => c.name === container);
  if (!status?.state?.running) throw new PlainTextError(500, `container not found ("${container}")`);
  return { pod, container, command, spec, status };
}

/** exitStatus is the Status the kubelet writes on the error channel when the command ends. */
export function exitStatus(command: string[], exitCode: number): Status {
  if (exitCode === 0) return { metadata: {}, status: 'Success' };
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: error executing command [${command.join(' ')}], exit code ${exitCode}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(exitCode) }] },
  };
}

/**
 * execInPod runs a command in a running container (pods/exec): it starts at once, passes on what
 * the simulated command prints as simulated time passes, and ends with the command's exit status.
 * A shell given stdin and no script (`kubectl exec -it pod -- sh`) is a session that runs each line
 * typed (execSession.ts). The containers are simulated (kubelet/programs): shell scripts and the
 * commands the shell simulation knows run; other commands do nothing and say so.
 */
export function execInPod(ctx: ServerContext, ns: string, name: string, req: ApiRequest, onChunk: (c: StreamChunk) => void): ExecStream {
  const r = parseExecRequest(ctx, ns, name, req);
  const { spec, status } = r;
  const view = { ...storeClusterView(ctx, ns), network: storeClusterNetwork(ctx, ns, r.pod), writable: ctx.writable };
  const run = (argv: string[], at: number) => execCommand(r.pod, spec, argv, status.restartCount, view, at);
  const missing = missingExecutable(spec, r.command);
  // A terminal has one stream, and its line discipline ends lines with CR LF.
  const tty = boolParam(req, 'tty');
  const print: Print = (text, stream) =>
    tty ? onChunk({ type: 'output', stream: 'stdout', text: text.replace(/\r?\n/g, '\r\n') }) : boolParam(req, stream) && onChunk({ type: 'output', stream, text });
  if (missing) {
    onChunk({ type: 'started' });
    onChunk({ type: 'end', status: missing });
    return { stop: () => undefined, input: () => undefined };
  }
  onChunk({ type: 'started' });
  if (boolParam(req, 'stdin') && isBareShell(r.command)) {
    const session = new ShellSession(ctx, { argv: r.command, pod: r.pod, spec, tty, run, print, end: (code) => onChunk({ type: 'end', status: exitStatus(r.command, code) }) });
    session.start();
    return session;
  }
  const { program, notice } = run(r.command, ctx.sim.clock.now());
  if (notice) print(notice, 'stderr');
  const stop = streamProgram(ctx, program, ctx.sim.clock.now(), print, (code) => onChunk({ type: 'end', status: exitStatus(r.command, code) }));
  return { stop, input: () => undefined };
}
