import { describe, expect, it } from 'vitest';
import type { Deployment } from 'kubernetes-types/apps/v1';
import type { Job } from 'kubernetes-types/batch/v1';
import type { ConfigMap, Endpoints, Pod, Service, ServiceAccount } from 'kubernetes-types/core/v1';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1';
import { Resources } from '../apiserver/registry/resources';
import { Cluster } from '../cluster/cluster';
import { controllerConstructors } from '../cluster/controllers';
import { ControllerManager } from './controllerManager';
import { extraControllers } from './extraControllers';

// The extra controllers against a whole simulated cluster: scheduler, kubelets, Deployment and
// ReplicaSet controllers. Until the lead adds them to the cluster's list they run in a second manager.

async function startCluster() {
  const cluster = new Cluster({ seed: 3, workers: 2, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  const missing = extraControllers.filter((c) => !controllerConstructors.includes(c));
  const extra = new ControllerManager(cluster.apiServer, cluster.sim, missing);
  await extra.start();
  return {
    cluster,
    stop: () => {
      extra.stop();
      cluster.stop();
    },
  };
}

const deployment: Deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: 3,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] },
    },
  },
};

const service: Service = {
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] },
};

describe('the extra controllers in a cluster', () => {
  it('publish the Endpoints and EndpointSlice of a Deployment behind a Service once its pods are Ready', async () => {
    const { cluster, stop } = await startCluster();
    const c = cluster.client;
    await c.create(Resources.deployments, deployment);
    await c.create(Resources.services, service);
    await cluster.sim.advance(60_000);

    const pods = (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'app=web' })).items;
    expect(pods.filter((p) => p.status?.conditions?.some((x) => x.type === 'Ready' && x.status === 'True'))).toHaveLength(3);
    const ips = pods.map((p) => p.status!.podIP!).sort();

    const ep = await c.get<Endpoints>(Resources.endpoints, 'default', 'web');
    expect(ep.subsets).toHaveLength(1);
    expect(ep.subsets![0].addresses!.map((a) => a.ip)).toEqual(ips);
    expect(ep.subsets![0].notReadyAddresses).toBeUndefined();
    expect(ep.subsets![0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);

    const slices = (
      await c.list<EndpointSlice>(Resources.endpointslices, { namespace: 'default', labelSelector: 'kubernetes.io/service-name=web' })
    ).items;
    expect(slices).toHaveLength(1);
    expect(slices[0].metadata?.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slices[0].ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80 }]);
    expect(slices[0].endpoints.map((e) => e.addresses[0]).sort()).toEqual(ips);
    expect(slices[0].endpoints.every((e) => e.conditions?.ready && e.conditions.serving && !e.conditions.terminating)).toBe(true);

    // Steady state: another minute writes neither object again.
    const rvs = [ep.metadata?.resourceVersion, slices[0].metadata?.resourceVersion];
    await cluster.sim.advance(60_000);
    const ep2 = await c.get<Endpoints>(Resources.endpoints, 'default', 'web');
    const slice2 = await c.get<EndpointSlice>(Resources.endpointslices, 'default', slices[0].metadata!.name!);
    expect([ep2.metadata?.resourceVersion, slice2.metadata?.resourceVersion]).toEqual(rvs);
    stop();
  });

  it('give every namespace its default ServiceAccount and kube-root-ca.crt, and keep a budget current', async () => {
    const { cluster, stop } = await startCluster();
    const c = cluster.client;
    await c.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    await c.create(Resources.deployments, deployment);
    await c.create(Resources.poddisruptionbudgets, {
      apiVersion: 'policy/v1',
      kind: 'PodDisruptionBudget',
      metadata: { name: 'web', namespace: 'default' },
      spec: { minAvailable: 2, selector: { matchLabels: { app: 'web' } } },
    });
    await cluster.sim.advance(60_000);
    for (const ns of ['default', 'kube-system', 'team-a']) {
      await expect(c.get<ServiceAccount>(Resources.serviceaccounts, ns, 'default')).resolves.toMatchObject({
        metadata: { name: 'default' },
      });
      const cm = await c.get<ConfigMap>(Resources.configmaps, ns, 'kube-root-ca.crt');
      expect(cm.data?.['ca.crt']).toContain('-----BEGIN CERTIFICATE-----');
    }
    const pdb = await c.get<PodDisruptionBudget>(Resources.poddisruptionbudgets, 'default', 'web');
    expect(pdb.status).toMatchObject({
      currentHealthy: 3,
      desiredHealthy: 2,
      expectedPods: 3,
      disruptionsAllowed: 1,
      observedGeneration: 1,
    });
    expect(pdb.status?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
    stop();
  });

  it('run a Job made like `kubectl create job hello --image=busybox -- echo hi` to completion', async () => {
    const { cluster, stop } = await startCluster();
    const c = cluster.client;
    await c.create(Resources.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'hello', namespace: 'default' },
      spec: {
        template: {
          metadata: {},
          spec: { containers: [{ name: 'hello', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' },
        },
      },
    });
    await cluster.sim.advance(60_000);
    const job = await c.get<Job>(Resources.jobs, 'default', 'hello');
    expect(job.status).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} });
    expect(job.status?.active).toBeUndefined();
    expect(job.status?.conditions?.map((x) => [x.type, x.status, x.reason])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached'],
      ['Complete', 'True', 'CompletionsReached'],
    ]);
    expect(job.status?.completionTime).toBeDefined();
    const pods = (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'batch.kubernetes.io/job-name=hello' })).items;
    expect(pods.map((p) => [p.status?.phase, p.metadata?.finalizers ?? []])).toEqual([['Succeeded', []]]);
    stop();
  });
});
