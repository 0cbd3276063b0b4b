import { afterEach, describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Event } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { Cluster } from '../../cluster/cluster';
import { syncPeriodMs } from './horizontal';

let cluster: Cluster | undefined;
afterEach(() => cluster?.stop());

async function startCluster(): Promise<Cluster> {
  cluster = new Cluster({ seed: 9, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  return cluster;
}

const deployment = (replicas: number): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'php', namespace: 'default' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'php' } },
    template: { metadata: { labels: { app: 'php' } }, spec: { containers: [{ name: 'php', image: 'registry.k8s.io/hpa-example', resources: { requests: { cpu: '200m' } } }] } },
  },
});

const hpa = (target: string, min: number, max: number): HorizontalPodAutoscaler => ({
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'php', namespace: 'default' },
  spec: {
    scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target },
    minReplicas: min,
    maxReplicas: max,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
  },
});

async function events(c: Cluster): Promise<Event[]> {
  return (await c.client.list<Event>(Resources.events, { namespace: 'default', fieldSelector: 'involvedObject.kind=HorizontalPodAutoscaler' })).items;
}

const metricsError =
  'failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

describe('HorizontalController', () => {
  it('raises a Deployment to minReplicas a sync period after the HPA appears', async () => {
    const c = await startCluster();
    await c.client.create(Resources.deployments, deployment(1));
    await c.client.create(Resources.horizontalpodautoscalersV2, hpa('php', 3, 5));
    await c.sim.advance(syncPeriodMs - 1_000);
    expect((await c.client.get<Deployment>(Resources.deployments, 'default', 'php')).spec!.replicas).toBe(1);
    await c.sim.advance(2_000);
    expect((await c.client.get<Deployment>(Resources.deployments, 'default', 'php')).spec!.replicas).toBe(3);
    const status = (await c.client.get<HorizontalPodAutoscaler>(Resources.horizontalpodautoscalersV2, 'default', 'php')).status!;
    expect(status).toMatchObject({ currentReplicas: 1, desiredReplicas: 3 });
    expect(status.lastScaleTime).toBeDefined();
    expect((await events(c)).map((e) => e.message)).toContain('New size: 3; reason: Current number of replicas below Spec.MinReplicas');
  });

  it('within the bounds, reports the missing metrics API as a cluster without metrics-server does', async () => {
    const c = await startCluster();
    await c.client.create(Resources.deployments, deployment(2));
    await c.client.create(Resources.horizontalpodautoscalersV2, hpa('php', 1, 5));
    await c.sim.advance(3 * syncPeriodMs);
    const got = await c.client.get<HorizontalPodAutoscaler>(Resources.horizontalpodautoscalersV2, 'default', 'php');
    expect(got.status).toMatchObject({ currentReplicas: 2, desiredReplicas: 0, currentMetrics: [{ type: '' }] });
    const active = got.status!.conditions!.find((x) => x.type === 'ScalingActive')!;
    expect(active).toMatchObject({ status: 'False', reason: 'FailedGetResourceMetric', message: `the HPA was unable to compute the replica count: ${metricsError}` });
    expect(got.status!.conditions!.find((x) => x.type === 'AbleToScale')).toMatchObject({ status: 'True', reason: 'SucceededGetScale' });
    const evs = await events(c);
    const failed = evs.find((e) => e.reason === 'FailedGetResourceMetric')!;
    expect(failed.message).toBe(metricsError);
    // Aggregated by the recorder: one Event counting every sync.
    expect(failed.count).toBeGreaterThanOrEqual(2);
    expect(evs.find((e) => e.reason === 'FailedComputeMetricsReplicas')!.message).toBe(
      `invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: ${metricsError}`,
    );
    expect((await c.client.get<Deployment>(Resources.deployments, 'default', 'php')).spec!.replicas).toBe(2);
  });

  it('lowers a Deployment above maxReplicas, and reports a missing target', async () => {
    const c = await startCluster();
    await c.client.create(Resources.deployments, deployment(6));
    await c.client.create(Resources.horizontalpodautoscalersV2, hpa('php', 1, 4));
    await c.client.create(Resources.horizontalpodautoscalersV2, { ...hpa('nope', 1, 4), metadata: { name: 'lost', namespace: 'default' } });
    await c.sim.advance(syncPeriodMs + 1_000);
    expect((await c.client.get<Deployment>(Resources.deployments, 'default', 'php')).spec!.replicas).toBe(4);
    const lost = await c.client.get<HorizontalPodAutoscaler>(Resources.horizontalpodautoscalersV2, 'default', 'lost');
    expect(lost.status!.conditions).toEqual([
      expect.objectContaining({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: deployments.apps "nope" not found` }),
    ]);
  });
});
