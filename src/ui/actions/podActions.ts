import type { ApiClient } from '../../engine/client/apiClient';
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

/** podLogs fetches a container's log through the pods/log subresource (the simulated kubelet writes it). */
export async function podLogs(client: ApiClient, namespace: string, name: string, container: string): Promise<string> {
  return client.getSubresource<string>(Resources.pods, namespace, name, 'log', { container, tailLines: String(LogTailLines) });
}
