import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ApiClient } from '../../engine/client/apiClient';
import { Resources } from '../../engine/apiserver/registry/resources';

/** createDeployment creates what `kubectl create deployment NAME --image=IMAGE --replicas=N` creates. */
export function createDeployment(client: ApiClient, name: string, image: string, replicas: number): Promise<Deployment> {
  const labels = { app: name };
  const container = image.split('/').pop()!.split(':')[0].split('@')[0];
  return client.create<Deployment>(Resources.deployments, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: container, image }] } },
    },
  });
}
