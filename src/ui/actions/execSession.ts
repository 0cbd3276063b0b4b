import type { Pod } from 'kubernetes-types/core/v1';
import type { ApiClient, ExecHandle } from '../../engine/client/apiClient';
import type { StreamChunk } from '../../engine/client/transport';

/** ExecTranscript is what the page's exec panel shows: the terminal's text, and how the session ended. */
export interface ExecTranscript {
  text: string;
  /** ended says how the session ended: its exit code, or the API's error. */
  ended?: { code: number } | { error: string };
}

/** runningContainers are the containers of a pod that an exec can enter. */
export function runningContainers(pod: Pod | undefined): string[] {
  const statuses = [...(pod?.status?.containerStatuses ?? []), ...(pod?.status?.initContainerStatuses ?? [])];
  return statuses.filter((s) => s.state?.running).map((s) => s.name);
}

/**
 * applyChunk adds what an exec stream delivered to the transcript: terminal output (CR LF read as
 * a line end, a Backspace erase as one character less) and the session's end, from its exit Status.
 */
export function applyChunk(t: ExecTranscript, chunk: StreamChunk): ExecTranscript {
  if (chunk.type === 'output') {
    let text = t.text;
    for (const piece of chunk.text.replace(/\r\n/g, '\n').split(/(\x08 \x08)/)) text = piece === '\x08 \x08' ? text.slice(0, -1) : text + piece;
    return { ...t, text };
  }
  if (chunk.type !== 'end') return t;
  if (chunk.refused) return { ...t, ended: { error: chunk.refused.text.trim() } };
  const s = chunk.status;
  if (!s || s.status === 'Success') return { ...t, ended: { code: 0 } };
  if (s.reason === 'NonZeroExitCode') return { ...t, ended: { code: Number(s.details?.causes?.[0]?.message ?? 1) } };
  return { ...t, ended: { error: s.message ?? 'exec failed' } };
}

/** openShell is `kubectl exec -it POD -c CONTAINER -- sh`: a terminal session the panel types lines into. */
export function openShell(client: ApiClient, namespace: string, name: string, container: string, onChunk: (c: StreamChunk) => void): Promise<ExecHandle> {
  return client.exec(namespace, name, { container, command: ['sh'], stdin: true, tty: true }, onChunk);
}
