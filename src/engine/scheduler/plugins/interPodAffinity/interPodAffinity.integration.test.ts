import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Affinity, Pod, PodList } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { Resources } from '../../../apiserver/registry/resources';
import { Cluster } from '../../../cluster/cluster';

// InterPodAffinity in a whole simulated cluster: the control plane (tainted control-plane node,
// scheduler, controllers) and three worker kubelets.

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const hostname = 'kubernetes.io/hostname';

let cluster: Cluster | undefined;
afterEach(() => {
  cluster?.stop();
  cluster = undefined;
});

async function startCluster(seed: string): Promise<Cluster> {
  cluster = new Cluster({ seed, workers: 3, yieldToHost });
  await cluster.start();
  // Let the kubelets report Ready and the not-ready taints go.
  await cluster.sim.advance(30_000);
  return cluster;
}

function deployment(name: string, replicas: number, affinity?: Affinity): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { affinity, containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '100m' } } }] },
      },
    },
  };
}

async function podsOf(c: Cluster, app: string): Promise<Pod[]> {
  const list = (await c.client.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: `app=${app}` })) as unknown as PodList;
  return list.items;
}

describe('InterPodAffinity in a cluster', () => {
  it('spreads a Deployment with required anti-affinity one per worker and leaves the fourth replica Pending', async () => {
    const c = await startCluster('anti-affinity');
    const sameHost = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'web' } }, topologyKey: hostname }] } };
    await c.client.create(Resources.deployments, deployment('web', 4, sameHost));
    await c.sim.advance(60_000);
    const pods = await podsOf(c, 'web');
    const running = pods.filter((p) => p.status?.phase === 'Running');
    expect(running).toHaveLength(3);
    expect(new Set(running.map((p) => p.spec?.nodeName))).toEqual(new Set(['worker-1', 'worker-2', 'worker-3']));
    const pending = pods.filter((p) => !p.spec?.nodeName);
    expect(pending).toHaveLength(1);
    expect(pending[0].status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message:
        '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn\'t match pod anti-affinity rules. preemption: 0/4 nodes are available: 1 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod.',
    });
  });

  it('places a pod with required affinity next to the pod it names', async () => {
    const c = await startCluster('affinity');
    await c.client.create(Resources.deployments, deployment('cache', 1));
    await c.sim.advance(30_000);
    const [cache] = await podsOf(c, 'cache');
    expect(cache.spec?.nodeName).toMatch(/^worker-\d$/);
    const nextToCache = { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: hostname }] } };
    await c.client.create(Resources.deployments, deployment('api', 3, nextToCache));
    await c.sim.advance(30_000);
    const api = await podsOf(c, 'api');
    expect(api.map((p) => p.spec?.nodeName)).toEqual([cache.spec?.nodeName, cache.spec?.nodeName, cache.spec?.nodeName]);
  });

  it('spreads replicas over the workers with preferred anti-affinity', async () => {
    const c = await startCluster('preferred');
    const apart = {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { labelSelector: { matchLabels: { app: 'spread' } }, topologyKey: hostname } }],
      },
    };
    await c.client.create(Resources.deployments, deployment('spread', 6, apart));
    await c.sim.advance(60_000);
    const perNode = new Map<string, number>();
    for (const p of await podsOf(c, 'spread')) perNode.set(p.spec?.nodeName ?? '', (perNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
    expect(Object.fromEntries(perNode)).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
  });
});
