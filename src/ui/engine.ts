import { ApiClient } from '../engine/client/apiClient';
import { EngineBridge } from './bridge/engineBridge';
import { startWatchFeed } from './state/watchFeed';
import { clusterEvents } from './timeline/clusterEvents';
import { useClusterStore } from './state/clusterStore';

let started: Promise<ApiClient> | undefined;

/** startEngine boots the engine's Workers (control plane, kubelets) once per page and connects the watch feed. */
export function startEngine(): Promise<ApiClient> {
  started ??= (async () => {
    const bridge = new EngineBridge();
    const params = new URLSearchParams(location.search);
    await bridge.boot({
      seed: params.get('seed') ?? '1',
      workers: Number(params.get('workers') ?? 3),
      speed: Number(params.get('speed') ?? 1),
    });
    const client = new ApiClient(bridge, 'kube-playground-ui');
    await startWatchFeed(client, clusterEvents);
    return client;
  })().catch((e: unknown) => {
    useClusterStore.setState({ error: e instanceof Error ? e.message : String(e) });
    throw e;
  });
  return started;
}
