import type { Pod } from 'kubernetes-types/core/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import { Cluster } from '../../engine/cluster/cluster';

// Tests run in Node, where setImmediate lets queued promise work finish (as the engine's tests do);
// this folder is also type-checked as page code, whose types do not know it.
const { setImmediate } = globalThis as unknown as { setImmediate(cb: () => void): void };

/** startTestCluster boots an in-process cluster (control plane and two workers) for action tests. */
export async function startTestCluster(): Promise<Cluster> {
  const cluster = new Cluster({ seed: 5, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  return cluster;
}

/** podsOf lists a Deployment's pods (by its app label) that are not being deleted. */
export async function podsOf(cluster: Cluster, app: string): Promise<Pod[]> {
  const pods = await cluster.client.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: `app=${app}` });
  return pods.items.filter((p) => !p.metadata?.deletionTimestamp);
}
