import type { Node } from 'kubernetes-types/core/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { ApiClient } from '../../engine/client/apiClient';

// kubectl cordon, uncordon and delete node (staging/src/k8s.io/kubectl/pkg/cmd/drain, delete; v1.32),
// with kubectl's output lines.

/**
 * setUnschedulable cordons (true) or uncordons (false) a node with the strategic merge patch
 * kubectl's cordon helper computes, and says what it did as kubectl prints it.
 */
export async function setUnschedulable(client: ApiClient, name: string, unschedulable: boolean): Promise<string> {
  const verb = unschedulable ? 'cordoned' : 'uncordoned';
  const node = await client.get<Node>(Resources.nodes, undefined, name);
  if ((node.spec?.unschedulable ?? false) === unschedulable) return `node/${name} already ${verb}`;
  // An unset field is what false marshals to (omitempty), so uncordoning removes it.
  await client.patch(Resources.nodes, undefined, name, 'strategic', { spec: { unschedulable: unschedulable ? true : null } });
  return `node/${name} ${verb}`;
}

/** cordon marks a node unschedulable: kubectl cordon. */
export function cordon(client: ApiClient, name: string): Promise<string> {
  return setUnschedulable(client, name, true);
}

/** uncordon marks a node schedulable again: kubectl uncordon. */
export function uncordon(client: ApiClient, name: string): Promise<string> {
  return setUnschedulable(client, name, false);
}

/** deleteNode deletes the Node object: kubectl delete node. */
export async function deleteNode(client: ApiClient, name: string): Promise<string> {
  await client.delete(Resources.nodes, undefined, name);
  return `node "${name}" deleted`;
}
