import type { Status } from '../../engine/api/object';
import type { ApiClient, WatchHandle } from '../../engine/client/apiClient';
import { resourcePath } from '../../engine/client/paths';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { ResourceDefinition } from '../../engine/apiserver/registry/resourceDefinition';

/** resourceLabel is how kubectl names a resource in its output: "pod", "deployment.apps". */
function resourceLabel(res: ResourceDefinition): string {
  return res.group ? `${res.singularName}.${res.group}` : res.singularName;
}

/** deleteObject deletes any object the canvas draws: kubectl delete, with its output line. */
export async function deleteObject(client: ApiClient, res: ResourceDefinition, namespace: string | undefined, name: string): Promise<string> {
  await client.delete(res, namespace, name);
  return `${resourceLabel(res)} "${name}" deleted`;
}

/** LogTailLines bounds the log the panel fetches, as `kubectl logs --tail` would. */
export const LogTailLines = 500;

/** keepLastLines bounds a followed log to its last n lines, as the panel's tail does. */
export function keepLastLines(text: string, n: number): string {
  const lines = text.split('\n');
  // A trailing newline leaves an empty last element, which is not a line.
  const trailing = lines[lines.length - 1] === '' ? 1 : 0;
  if (lines.length - trailing <= n) return text;
  return lines.slice(lines.length - trailing - n).join('\n');
}

/**
 * followPodLogs is `kubectl logs -f --tail`: the last lines, then each new line as the simulated
 * container writes it, until the container stops (onEnd) or the returned handle is stopped.
 */
export function followPodLogs(
  client: ApiClient,
  namespace: string,
  name: string,
  container: string,
  onText: (text: string) => void,
  onEnd: (status?: Status) => void,
): Promise<WatchHandle> {
  return client.stream(
    { method: 'GET', path: resourcePath(Resources.pods, namespace, name, 'log'), query: { container, tailLines: String(LogTailLines), follow: 'true' } },
    (chunk) => {
      if (chunk.type === 'text') onText(chunk.text);
      else if (chunk.type === 'end') onEnd(chunk.status);
    },
  );
}

/** podLogs fetches a container's log through the pods/log subresource (the simulated kubelet writes it). */
export async function podLogs(client: ApiClient, namespace: string, name: string, container: string): Promise<string> {
  return client.getSubresource<string>(Resources.pods, namespace, name, 'log', { container, tailLines: String(LogTailLines) });
}
