import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Pod } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../engine/api/object';
import type { ApiClient } from '../../engine/client/apiClient';
import type { ClockState } from '../../hosts/shared/simRunner';
import { useClusterStore } from '../state/clusterStore';
import { useUiStore, type ObjectRef } from '../state/uiStore';
import { cachedResources, type CachedResource } from '../state/cachedResources';
import type { ActionId } from './actionCatalog';
import { notify, rememberUndo, takeUndo, useActionStore, type Notice, type Prompt } from './actionStore';
import { rolloutRestart, rolloutUndo, scaleDeployment, setImage } from './deploymentActions';
import { drainNode } from './drain';
import { cordon, uncordon } from './nodeActions';
import { deleteObject } from './podActions';
import { statusMessage } from './statusMessage';

// The glue between the toolbar, the shortcuts and the kubectl-like action modules: it reads the
// selected object from the watch-fed cache, calls the API, and reports kubectl's lines or the API's
// Status message. It never changes the cache: the result arrives through watch like any write.

/** ClockPath is the playground's simulated clock (not a Kubernetes API). */
const ClockPath = '/playground/v1/clock';

async function run(work: () => Promise<string | string[] | Notice>): Promise<void> {
  useActionStore.setState({ busy: true });
  try {
    const out = await work();
    notify(typeof out === 'string' ? { lines: [out], error: false } : Array.isArray(out) ? { lines: out, error: false } : out);
  } catch (e) {
    notify({ lines: [`error: ${statusMessage(e)}`], error: true });
  } finally {
    useActionStore.setState({ busy: false });
  }
}

function cached<T>(ref: ObjectRef): T | undefined {
  const key = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return useClusterStore.getState().objects[ref.resource][key] as T | undefined;
}

async function simNow(client: ApiClient): Promise<number> {
  const res = await client.transport.request({ method: 'GET', path: ClockPath });
  const now = res.status === 200 ? Date.parse((res.body as ClockState).now) : NaN;
  if (Number.isNaN(now)) throw new Error('the simulated clock did not answer');
  return now;
}

function setUnschedulable(client: ApiClient, name: string, on: boolean): Promise<void> {
  return run(async () => {
    const line = await (on ? cordon : uncordon)(client, name);
    if (!line.includes('already')) {
      rememberUndo({ label: `${on ? 'uncordon' : 'cordon'} ${name}`, run: (c) => (on ? uncordon : cordon)(c, name) });
    }
    return line;
  });
}

function drain(client: ApiClient, name: string, force: boolean): Promise<void> {
  return run(async () => {
    // kubectl prints while it retries evictions a budget refuses: show the lines as they come.
    const result = await drainNode(client, name, { force, onProgress: (lines) => notify({ lines: [...lines], error: false }) });
    const retry = !result.drained && !force && result.lines.some((l) => l.includes('--force'));
    return {
      lines: result.lines,
      error: !result.drained,
      retry: retry ? { label: 'Drain with --force', run: () => void drain(client, name, true) } : undefined,
    };
  });
}

/** ownerRef is the object's controller, as something the page can select, if the page watches its kind. */
function ownerRef(ref: ObjectRef): ObjectRef | undefined {
  const controller = cached<KubeObject>(ref)?.metadata?.ownerReferences?.find((o) => o.controller);
  const resource = (Object.keys(cachedResources) as CachedResource[]).find((r) => cachedResources[r].kind === controller?.kind);
  if (!controller || !resource) return undefined;
  return { resource, namespace: cachedResources[resource].namespaced ? ref.namespace : undefined, name: controller.name };
}

/** performAction runs one toolbar action or shortcut on the selected object. */
export function performAction(client: ApiClient, id: ActionId, ref: ObjectRef): Promise<void> | void {
  const ns = ref.namespace ?? '';
  switch (id) {
    case 'describe':
      return useUiStore.getState().select(ref);
    case 'delete':
      return run(async () => {
        const line = await deleteObject(client, cachedResources[ref.resource], ref.namespace, ref.name);
        useUiStore.getState().select(undefined);
        return line;
      });
    case 'cordon':
      return setUnschedulable(client, ref.name, true);
    case 'uncordon':
      return setUnschedulable(client, ref.name, false);
    case 'drain':
      return drain(client, ref.name, false);
    case 'restart':
      return run(async () => rolloutRestart(client, ns, ref.name, await simNow(client)));
    case 'rollback':
      return run(() => rolloutUndo(client, ns, ref.name));
    case 'scale': {
      const d = cached<Deployment>(ref);
      return useActionStore.setState({ prompt: { kind: 'scale', ref, value: String(d?.spec?.replicas ?? 1) } });
    }
    case 'setImage': {
      const c = cached<Deployment>(ref)?.spec?.template.spec?.containers[0];
      return useActionStore.setState({ prompt: { kind: 'setImage', ref, value: c ? `${c.name}=${c.image ?? ''}` : '' } });
    }
    case 'logs': {
      const pod = cached<Pod>(ref);
      const containers = [...(pod?.spec?.initContainers ?? []), ...(pod?.spec?.containers ?? [])].map((c) => c.name);
      const container = pod?.spec?.containers[0]?.name ?? containers[0] ?? '';
      return useActionStore.setState({ dialog: { kind: 'logs', namespace: ns, name: ref.name, containers, container } });
    }
    case 'owner': {
      const owner = ownerRef(ref);
      if (owner) return useUiStore.getState().select(owner);
      return notify({ lines: [`${cachedResources[ref.resource].kind}/${ref.name} has no controller the canvas shows`], error: false });
    }
    case 'endpoints':
      return useActionStore.setState({ dialog: { kind: 'endpoints', namespace: ns, name: ref.name } });
    case 'exec':
      return useActionStore.setState({ dialog: { kind: 'exec', namespace: ns, name: ref.name } });
    case 'proxy':
      return useActionStore.setState({ dialog: { kind: 'proxy', target: ref.resource === 'services' ? 'services' : 'pods', namespace: ns, name: ref.name } });
  }
}

/** submitPrompt finishes a scale or set image with the value typed in. */
export function submitPrompt(client: ApiClient, prompt: Prompt): Promise<void> {
  useActionStore.setState({ prompt: undefined });
  const { namespace = '', name } = prompt.ref;
  if (prompt.kind === 'scale') {
    return run(async () => {
      const replicas = /^\d+$/.test(prompt.value.trim()) ? Number(prompt.value) : -1;
      const { message, previous } = await scaleDeployment(client, namespace, name, replicas);
      if (previous !== replicas) {
        rememberUndo({ label: `scale ${name} back to ${previous}`, run: async (c) => (await scaleDeployment(c, namespace, name, previous)).message });
      }
      return message;
    });
  }
  return run(() => {
    const eq = prompt.value.indexOf('=');
    if (eq <= 0 || eq === prompt.value.length - 1) throw new Error('expected CONTAINER_NAME_1=CONTAINER_IMAGE_1');
    return setImage(client, namespace, name, prompt.value.slice(0, eq).trim(), prompt.value.slice(eq + 1).trim());
  });
}

/** undoLast takes back the newest action Kubernetes lets us reverse. */
export function undoLast(client: ApiClient): Promise<void> {
  const entry = takeUndo();
  if (!entry) {
    notify({ lines: ['nothing to undo'], error: false });
    return Promise.resolve();
  }
  return run(async () => [`undo: ${entry.label}`, await entry.run(client)]);
}
