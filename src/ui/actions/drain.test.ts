import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Resources } from '../../engine/apiserver/registry/resources';
import type { Cluster } from '../../engine/cluster/cluster';
import { drainNode, podDeleteStatus } from './drain';
import { benchDeployment } from '../../../bench/fixtures';
import { podsOf, startTestCluster } from './testCluster';

const owner = (kind: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name: 'x', uid: 'u', controller: true }] });
const pod = (metadata: Pod['metadata'], spec: Partial<Pod['spec']> = {}, phase = 'Running'): Pod => ({
  metadata: { name: 'p', namespace: 'default', ...metadata },
  spec: { containers: [{ name: 'c' }], ...spec },
  status: { phase },
});

describe('podDeleteStatus (kubectl drain filters with --ignore-daemonsets --delete-emptydir-data)', () => {
  it.each([
    ['a ReplicaSet pod is evicted', pod(owner('ReplicaSet')), { delete: true }],
    ['a DaemonSet pod is left with a warning', pod(owner('DaemonSet')), { delete: false, warning: 'ignoring DaemonSet-managed Pods' }],
    ['a mirror pod is left silently', pod({ annotations: { 'kubernetes.io/config.mirror': 'h' }, ...owner('Node') }), { delete: false }],
    // kubectl's later filters overwrite the local storage warning (a TODO in filters.go).
    ['a pod with emptyDir is evicted, its warning dropped', pod(owner('ReplicaSet'), { volumes: [{ name: 'v', emptyDir: {} }] }), { delete: true }],
    ['a bare pod with emptyDir is refused for the missing controller', pod({}, { volumes: [{ name: 'v', emptyDir: {} }] }), { delete: false, error: 'Pods that declare no controller (use --force to override)' }],
    ['a bare pod stops the drain', pod({}), { delete: false, error: 'Pods that declare no controller (use --force to override)' }],
    ['a finished bare pod is deleted', pod({}, {}, 'Succeeded'), { delete: true }],
  ])('%s', (_name, p, want) => {
    expect(podDeleteStatus(p, {})).toEqual(want);
  });

  it('lets --force evict a bare pod with a warning', () => {
    expect(podDeleteStatus(pod({}), { force: true })).toEqual({ delete: true, warning: 'deleting Pods that declare no controller' });
  });
});

describe('drainNode against a cluster', () => {
  let cluster: Cluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
    await cluster.client.create(Resources.deployments, benchDeployment('web', 4));
    await cluster.client.create(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'solo', namespace: 'default' },
      spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27' }] },
    } as Pod);
    await cluster.sim.advance(60_000);
  });
  afterAll(() => cluster.stop());

  it('cordons, then refuses to delete a pod that declares no controller, as kubectl does', async () => {
    const result = await drainNode(cluster.client, 'worker-1');
    expect(result.drained).toBe(false);
    expect(result.lines).toEqual([
      'node/worker-1 cordoned',
      'error: unable to drain node "worker-1" due to error: cannot delete Pods that declare no controller (use --force to override): default/solo, continuing command...',
    ]);
    expect(result.evicted).toEqual([]);
  });

  // Each retry (and each check that an evicted pod is gone) waits of simulated time here, where kubectl waits in wall time; pods
  // retrying at once share one advance of the clock.
  let tick: Promise<void> | undefined;
  const simSleep = (ms: number) => (tick ??= cluster.sim.advance(ms).finally(() => (tick = undefined)));

  it('with --force evicts every pod through the eviction subresource, and prints each evicted once it is gone', async () => {
    const before = (await podsOf(cluster, 'web')).filter((p) => p.spec?.nodeName === 'worker-1').map((p) => `default/${p.metadata?.name}`);
    expect(before.length).toBeGreaterThan(0);
    const result = await drainNode(cluster.client, 'worker-1', { force: true, sleep: simSleep });
    expect(result.drained).toBe(true);
    const remaining = new Set((await cluster.client.list<Pod>(Resources.pods, { fieldSelector: 'spec.nodeName=worker-1' })).items.map((p) => `default/${p.metadata?.name}`));
    expect([...before, 'default/solo'].filter((k) => remaining.has(k))).toEqual([]);
    expect(result.lines.filter((l) => l.endsWith(' evicted')).sort()).toEqual([...before, 'default/solo'].map((k) => `pod/${k.slice('default/'.length)} evicted`).sort());
    expect(result.lines[0]).toBe('node/worker-1 already cordoned');
    expect(result.lines).toContain('Warning: deleting Pods that declare no controller: default/solo');
    expect(result.lines.at(-1)).toBe('node/worker-1 drained');
    expect(result.evicted.sort()).toEqual([...before, 'default/solo'].sort());
    await cluster.sim.advance(60_000);
    const web = await podsOf(cluster, 'web');
    expect(web).toHaveLength(4);
    expect(web.every((p) => p.spec?.nodeName === 'worker-2')).toBe(true);
  });

  it('retries evictions a PodDisruptionBudget refuses (429) every 5 s, and gives up at the timeout', async () => {
    await cluster.client.create(Resources.deployments, benchDeployment('db', 2));
    await cluster.client.create(Resources.poddisruptionbudgets, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'db', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'db' } } },
    } as PodDisruptionBudget);
    await cluster.sim.advance(60_000);
    const progress: number[] = [];
    const result = await drainNode(cluster.client, 'worker-2', { force: true, timeoutMs: 20_000, sleep: simSleep, onProgress: (l) => progress.push(l.length) });
    expect(result.drained).toBe(false);
    const retries = result.lines.filter((l) => l.includes('(will retry after 5s): Cannot evict pod as it would violate the pod\'s disruption budget.'));
    // Two pods, four retries each within 20 s.
    expect(retries).toHaveLength(8);
    // Progress is shown at each retry and as each evicted pod (the web pods moved here before) is gone.
    const gone = result.lines.filter((l) => / evicted$/.test(l));
    expect(gone.length).toBeGreaterThan(0);
    expect(progress).toHaveLength(retries.length + gone.length);
    const last = result.lines.at(-1)!;
    expect(last).toMatch(/^error: unable to drain node "worker-2" due to error: \[error when evicting pods\/"db-[a-z0-9-]+" -n "default": global timeout reached: 20s, /);
    expect(result.evicted.some((k) => k.startsWith('default/db-'))).toBe(false);
    expect(await podsOf(cluster, 'db')).toHaveLength(2);
  });

  it('evicts a pod the budget refused once a replacement is Ready elsewhere', async () => {
    await cluster.client.patch(Resources.nodes, undefined, 'worker-1', 'merge', { spec: { unschedulable: false } });
    await cluster.client.patch(Resources.poddisruptionbudgets, 'default', 'db', 'merge', { spec: { minAvailable: 1 } });
    await cluster.sim.advance(10_000);
    const result = await drainNode(cluster.client, 'worker-2', { force: true, sleep: simSleep });
    expect(result.drained).toBe(true);
    expect(result.lines.some((l) => l.includes('(will retry after 5s)'))).toBe(true);
    expect(result.evicted.filter((k) => k.startsWith('default/db-'))).toHaveLength(2);
    await cluster.sim.advance(30_000);
    expect((await podsOf(cluster, 'db')).map((p) => p.spec?.nodeName)).toEqual(['worker-1', 'worker-1']);
  });

  it('leaves the control plane’s mirror pods alone', async () => {
    const result = await drainNode(cluster.client, 'control-plane');
    expect(result.lines).toEqual(['node/control-plane cordoned', 'node/control-plane drained']);
    const pods = await cluster.client.list<Pod>(Resources.pods, { fieldSelector: 'spec.nodeName=control-plane' });
    expect(pods.items.length).toBeGreaterThanOrEqual(4);
  });
});
