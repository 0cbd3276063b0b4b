import type { ControllerRevision, DaemonSet } from 'kubernetes-types/apps/v1';
import type { Event, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { Resources } from '../../apiserver/registry/resources';
import { Cluster } from '../../cluster/cluster';
import { ControlPlaneTaint } from '../../cluster/kubeletConfig';
import { isPodAvailable, isPodReady } from '../util/podUtil';
import { DaemonSetsController } from './daemonSetController';

// The DaemonSet controller in a whole in-process cluster: API server, scheduler, the other controllers
// and a kubelet per node (a tainted control plane and three workers).

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));
const ns = 'default';

function daemonSet(name: string, extra: Partial<NonNullable<DaemonSet['spec']>['template']['spec']> = {}): DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: ns },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'agent', image: 'nginx:1.25', resources: { requests: { cpu: '10m' } } }], ...extra },
      },
    },
  };
}

async function startCluster() {
  const cluster = new Cluster({ yieldToHost, workers: 3, seed: 7, profile: 'fast' });
  await cluster.start();
  expect(cluster.controllerManager.controllers.some((c) => c instanceof DaemonSetsController)).toBe(true);
  await cluster.sim.advance(20_000);
  return cluster;
}

async function podsOf(cluster: Cluster, app: string): Promise<Pod[]> {
  return (await cluster.client.list<Pod>(Resources.pods, { namespace: ns, labelSelector: `app=${app}` })).items;
}

async function getDS(cluster: Cluster, name: string): Promise<DaemonSet> {
  return cluster.client.get<DaemonSet>(Resources.daemonsets, ns, name);
}

/** rolledOut is kubectl rollout status's test for a RollingUpdate DaemonSet. */
function rolledOut(ds: DaemonSet): boolean {
  const s = ds.status;
  if (!s || (ds.metadata?.generation ?? 0) > (s.observedGeneration ?? 0)) return false;
  return (s.updatedNumberScheduled ?? 0) >= s.desiredNumberScheduled && (s.numberAvailable ?? 0) >= s.desiredNumberScheduled;
}

async function waitFor(cluster: Cluster, what: string, done: () => Promise<boolean>, stepMs = 500, maxMs = 180_000): Promise<void> {
  for (let t = 0; t <= maxMs; t += stepMs) {
    if (await done()) return;
    await cluster.sim.advance(stepMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('DaemonSetsController in a cluster', () => {
  it('runs one pod per eligible node, follows new nodes and rolls a new image one node at a time', async () => {
    const cluster = await startCluster();
    const client = cluster.client;
    await client.create(Resources.daemonsets, daemonSet('agent'));
    await waitFor(cluster, 'agent to roll out', async () => rolledOut(await getDS(cluster, 'agent')));

    let ds = await getDS(cluster, 'agent');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, numberAvailable: 3, numberMisscheduled: 0, updatedNumberScheduled: 3, observedGeneration: 1 });
    expect(ds.status?.numberUnavailable).toBeUndefined();
    let pods = await podsOf(cluster, 'agent');
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3']);
    for (const pod of pods) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.metadata?.generateName).toBe('agent-');
      expect(pod.metadata?.labels?.['pod-template-generation']).toBe('1');
      expect(pod.metadata?.ownerReferences).toEqual([{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'agent', uid: ds.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
      // Placed by the default scheduler through the pinned affinity, not by the controller.
      expect(pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
        { matchFields: [{ key: 'metadata.name', operator: 'In', values: [pod.spec?.nodeName] }] },
      ]);
      expect(pod.spec?.tolerations?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unreachable:NoExecute');
    }
    const firstHash = pods[0].metadata?.labels?.['controller-revision-hash'];
    expect(new Set(pods.map((p) => p.metadata?.labels?.['controller-revision-hash']))).toEqual(new Set([firstHash]));

    // A DaemonSet tolerating the control plane's taint runs there too.
    await client.create(Resources.daemonsets, daemonSet('everywhere', { tolerations: [{ key: ControlPlaneTaint.key, operator: 'Exists', effect: 'NoSchedule' }] }));
    await waitFor(cluster, 'everywhere to roll out', async () => rolledOut(await getDS(cluster, 'everywhere')));
    expect((await podsOf(cluster, 'everywhere')).map((p) => p.spec?.nodeName).sort()).toEqual(['control-plane', 'worker-1', 'worker-2', 'worker-3']);
    expect((await getDS(cluster, 'everywhere')).status?.desiredNumberScheduled).toBe(4);

    // A new node gets its pod.
    await cluster.addNode({ name: 'worker-4' });
    await waitFor(cluster, 'worker-4 to get a pod', async () => {
      const s = (await getDS(cluster, 'agent')).status;
      return s?.desiredNumberScheduled === 4 && s.numberAvailable === 4;
    });
    pods = await podsOf(cluster, 'agent');
    expect(pods.map((p) => p.spec?.nodeName).sort()).toEqual(['worker-1', 'worker-2', 'worker-3', 'worker-4']);

    // A new image rolls out with at most one node (maxUnavailable 1) without an available pod at any time.
    ds = await getDS(cluster, 'agent');
    const updated = structuredClone(ds);
    updated.spec!.template.spec!.containers[0].image = 'nginx:1.26';
    await client.update(Resources.daemonsets, updated);
    let maxDown = 0;
    let maxPerNode = 0;
    await waitFor(
      cluster,
      'the new image to roll out',
      async () => {
        const now = cluster.sim.clock.now();
        const live = await podsOf(cluster, 'agent');
        const nodes = ['worker-1', 'worker-2', 'worker-3', 'worker-4'];
        const down = nodes.filter((n) => !live.some((p) => p.spec?.nodeName === n && !p.metadata?.deletionTimestamp && isPodAvailable(p, 0, now)));
        maxDown = Math.max(maxDown, down.length);
        for (const n of nodes) maxPerNode = Math.max(maxPerNode, live.filter((p) => p.spec?.nodeName === n && isPodReady(p)).length);
        return rolledOut(await getDS(cluster, 'agent'));
      },
      100,
    );
    expect(maxDown).toBe(1);
    expect(maxPerNode).toBe(1);
    ds = await getDS(cluster, 'agent');
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 4, updatedNumberScheduled: 4, numberAvailable: 4, observedGeneration: 2 });
    pods = await podsOf(cluster, 'agent');
    expect(pods).toHaveLength(4);
    expect(pods.every((p) => p.spec?.containers[0].image === 'nginx:1.26' && p.metadata?.labels?.['pod-template-generation'] === '2')).toBe(true);
    const newHash = pods[0].metadata?.labels?.['controller-revision-hash'];
    expect(newHash).not.toBe(firstHash);

    // Two revisions, as `kubectl rollout history daemonset/agent` lists them.
    const revisions = (await client.list<ControllerRevision>(Resources.controllerrevisions, { namespace: ns, labelSelector: 'app=agent' })).items;
    const summary = revisions
      .map((r) => ({ name: r.metadata?.name, revision: r.revision, hash: r.metadata?.labels?.['controller-revision-hash'] }))
      .sort((a, b) => a.revision! - b.revision!);
    expect(summary).toEqual([
      { name: `agent-${firstHash}`, revision: 1, hash: firstHash },
      { name: `agent-${newHash}`, revision: 2, hash: newHash },
    ]);
    const latest = revisions.find((r) => r.revision === 2)!;
    const data = latest.data as { spec: { template: { $patch: string; spec: Pod['spec'] } } };
    expect(data.spec.template.$patch).toBe('replace');
    expect(data.spec.template.spec?.containers[0].image).toBe('nginx:1.26');
    expect(latest.metadata?.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', controller: true });

    const events = (await client.list<Event>(Resources.events, { namespace: ns })).items.filter((e) => e.involvedObject.name === 'agent');
    const created = events.filter((e) => e.reason === 'SuccessfulCreate');
    const deleted = events.filter((e) => e.reason === 'SuccessfulDelete');
    expect(created.length).toBe(8);
    expect(created.every((e) => /^Created pod: agent-[a-z0-9]{5}$/.test(e.message ?? ''))).toBe(true);
    expect(deleted.length).toBe(4);
    expect(deleted.every((e) => e.source?.component === 'daemonset-controller' && /^Deleted pod: agent-/.test(e.message ?? ''))).toBe(true);
    cluster.stop();
  });
});
