import type { Deployment } from 'kubernetes-types/apps/v1';
import type { ApiClient } from '../../engine/client/apiClient';
import { notify } from '../actions/actionStore';
import { isStatus, statusMessage } from '../actions/statusMessage';
import { useClusterStore, type ClusterState } from '../state/clusterStore';
import { useUiStore } from '../state/uiStore';
import type { CachedResource } from '../state/cachedResources';
import { templateYaml, type TemplateContext, type TemplateKind } from './templates';

/** PaletteKind is an item of the palette: a new node, or a manifest for the editor. */
export type PaletteKind = 'Node' | TemplateKind;

/** PaletteMime carries a palette item in a drag and drop. */
export const PaletteMime = 'application/x-kube-playground-palette';

/** NodesPath asks the playground for one more simulated node (not a Kubernetes API). */
const NodesPath = '/playground/v1/nodes';

const resourceOf: Record<TemplateKind, CachedResource> = {
  Deployment: 'deployments',
  StatefulSet: 'statefulsets',
  DaemonSet: 'daemonsets',
  Pod: 'pods',
  Service: 'services',
  ConfigMap: 'configmaps',
  Secret: 'secrets',
  Job: 'jobs',
  CronJob: 'cronjobs',
};

/** templateContext reads the names in use and the newest Deployment of a namespace from the cache. */
export function templateContext(s: ClusterState, namespace: string): TemplateContext {
  const prefix = `${namespace}/`;
  const names = (resource: CachedResource) =>
    new Set(Object.keys(s.objects[resource]).filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)));
  let newestDeployment: Deployment | undefined;
  for (const [key, d] of Object.entries(s.objects.deployments as Record<string, Deployment>)) {
    if (!key.startsWith(prefix)) continue;
    if (!newestDeployment || (d.metadata?.creationTimestamp ?? '') >= (newestDeployment.metadata?.creationTimestamp ?? '')) newestDeployment = d;
  }
  return { namespace, taken: (kind) => names(resourceOf[kind]), newestDeployment };
}

async function requestNode(client: ApiClient): Promise<void> {
  try {
    const res = await client.transport.request({ method: 'POST', path: NodesPath, body: {} });
    if (res.status >= 400) {
      notify({ lines: [`error: ${isStatus(res.body) ? statusMessage(res.body) : `the server responded with status ${res.status}`}`], error: true });
      return;
    }
    const name = (res.body as { name?: string }).name ?? 'a new node';
    notify({ lines: [`node/${name} requested: its simulated kubelet registers it with the API server`], error: false });
  } catch (e) {
    notify({ lines: [`error: ${statusMessage(e)}`], error: true });
  }
}

/** placeItem adds what a palette item stands for: a node at once, anything else as YAML in the editor. */
export async function placeItem(client: ApiClient, kind: PaletteKind): Promise<void> {
  if (kind === 'Node') return requestNode(client);
  const namespace = useUiStore.getState().namespace ?? 'default';
  useUiStore.getState().openEditor(await templateYaml(kind, templateContext(useClusterStore.getState(), namespace)));
}
