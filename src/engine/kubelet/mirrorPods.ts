import type { Node, Pod, Toleration } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { formatTime } from '../sim/clock';
import { hexDigest } from './hash';

/** ConfigMirrorAnnotation marks a pod as the API's mirror of a static pod (kubetypes.ConfigMirrorAnnotationKey). */
export const ConfigMirrorAnnotation = 'kubernetes.io/config.mirror';

/**
 * mirrorPod is what the kubelet posts for a static pod: named "<pod>-<node>", bound to the node,
 * owned by the Node, annotated with the manifest hash and source.
 */
export function mirrorPod(staticPod: Pod, node: Node, now: number): Pod {
  const nodeName = node.metadata!.name!;
  const hash = hexDigest(JSON.stringify(staticPod), 32);
  return {
    ...staticPod,
    metadata: {
      ...staticPod.metadata,
      name: `${staticPod.metadata!.name}-${nodeName}`,
      annotations: {
        ...staticPod.metadata?.annotations,
        'kubernetes.io/config.hash': hash,
        [ConfigMirrorAnnotation]: hash,
        'kubernetes.io/config.seen': formatTime(now).replace('Z', '.000000000Z'),
        'kubernetes.io/config.source': 'file',
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata!.uid!, controller: true }],
    },
    spec: { ...staticPod.spec!, nodeName, tolerations: withTolerateAllNoExecute(staticPod.spec?.tolerations ?? []) },
  };
}

/** tolerateAllNoExecute is the toleration the kubelet gives pods from files, so that node problems never evict them. */
const tolerateAllNoExecute: Toleration = { operator: 'Exists', effect: 'NoExecute' };

/** withTolerateAllNoExecute adds it unless the pod has it already (helper.AddOrUpdateTolerationInPod). */
function withTolerateAllNoExecute(tolerations: Toleration[]): Toleration[] {
  const has = tolerations.some((t) => t.operator === 'Exists' && t.effect === 'NoExecute' && !t.key && !t.value && t.tolerationSeconds === undefined);
  return has ? tolerations : [...tolerations, tolerateAllNoExecute];
}

/** createMirrorPods posts the mirror pods of a node's static pods; existing ones are kept. */
export async function createMirrorPods(client: ApiClient, staticPods: Pod[], node: Node, now: number): Promise<void> {
  for (const p of staticPods) {
    try {
      await client.create(Resources.pods, mirrorPod(p, node, now));
    } catch (e) {
      if (!isApiError(e, 'AlreadyExists')) throw e;
    }
  }
}
