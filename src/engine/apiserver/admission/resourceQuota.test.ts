import { describe, expect, it } from 'vitest';
import type { Status } from 'kubernetes-types/meta/v1';
import type { ConfigMap, LimitRange, PersistentVolumeClaim, Pod, ResourceQuota, Service } from 'kubernetes-types/core/v1';
import type { Deployment } from 'kubernetes-types/apps/v1';
import { ApiServer } from '../server';
import { ApiClient } from '../../client/apiClient';
import { Sim } from '../../sim/sim';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Resources } from '../registry/resources';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import type { TypedObject } from '../../api/object';

// ResourceQuota admission through the API, with the quota's status set as the quota controller
// would have set it (admission reads status.hard and status.used, never spec).

async function newClient() {
  const sim = new Sim('quota-admission', () => new Promise<void>((r) => setImmediate(r)));
  const server = new ApiServer(sim, { strategies: servedStrategies, freeze: true });
  const client = new ApiClient(server, 'test');
  await client.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns' } });
  return client;
}

/** addQuota creates a quota and sets its status to hard and used, as the controller does. */
async function addQuota(c: ApiClient, name: string, spec: ResourceQuota['spec'], used: Record<string, string>): Promise<ResourceQuota> {
  const q = await c.create<ResourceQuota>(Resources.resourcequotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'ns' }, spec });
  return c.updateStatus<ResourceQuota>(Resources.resourcequotas, { ...q, status: { hard: spec!.hard, used } });
}

const quotaOf = (c: ApiClient, name: string) => c.get<ResourceQuota>(Resources.resourcequotas, 'ns', name);

type Resources = { requests?: Record<string, string>; limits?: Record<string, string> };
const pod = (name: string, ...containers: Resources[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'ns' },
  spec: { containers: containers.map((resources, i) => ({ name: i === 0 ? name : `${name}-${i}`, image: 'nginx', resources })) },
});

async function rejection(p: Promise<unknown>): Promise<Status> {
  try {
    await p;
  } catch (e) {
    return (e as { status: Status }).status;
  }
  throw new Error('expected the request to be rejected');
}

const create = <T extends TypedObject>(c: ApiClient, def: ResourceDefinition, obj: T, dryRun = false) => c.create<T>(def, obj, { dryRun });

describe('ResourceQuota admission', () => {
  it('charges a pod to status.used and rejects the one that would exceed hard, with upstream message', async () => {
    const c = await newClient();
    const hard = { 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi' };
    const zero = { 'requests.cpu': '0', 'requests.memory': '0', 'limits.cpu': '0', 'limits.memory': '0' };
    const before = await addQuota(c, 'mem-cpu-demo', { hard }, zero);
    await create(c, Resources.pods, pod('first', { requests: { cpu: '400m', memory: '600Mi' }, limits: { cpu: '800m', memory: '1200Mi' } }));
    const after = await quotaOf(c, 'mem-cpu-demo');
    expect(after.status?.used).toEqual({ 'limits.cpu': '800m', 'limits.memory': '1200Mi', 'requests.cpu': '400m', 'requests.memory': '600Mi' });
    expect(Number(after.metadata?.resourceVersion)).toBeGreaterThan(Number(before.metadata?.resourceVersion));

    const status = await rejection(create(c, Resources.pods, pod('nginx', { requests: { cpu: '100m', memory: '700Mi' }, limits: { cpu: '800m', memory: '1Gi' } })));
    expect(status.code).toBe(403);
    expect(status.reason).toBe('Forbidden');
    expect(status.message).toBe(
      'pods "nginx" is forbidden: exceeded quota: mem-cpu-demo, requested: limits.memory=1Gi,requests.memory=700Mi, used: limits.memory=1200Mi,requests.memory=600Mi, limited: limits.memory=2Gi,requests.memory=1Gi',
    );
    // A rejected request charges nothing.
    expect((await quotaOf(c, 'mem-cpu-demo')).metadata?.resourceVersion).toBe(after.metadata?.resourceVersion);
  });

  it('requires every container to set the compute resources a quota limits, after LimitRanger defaults', async () => {
    const c = await newClient();
    await addQuota(c, 'compute', { hard: { 'limits.cpu': '4', 'requests.memory': '4Gi', 'requests.cpu': '4' } }, { 'limits.cpu': '0', 'requests.memory': '0', 'requests.cpu': '0' });
    const status = await rejection(create(c, Resources.pods, pod('nginx', { requests: { cpu: '100m' } }, {})));
    expect(status.code).toBe(403);
    expect(status.message).toBe(
      'pods "nginx" is forbidden: failed quota: compute: must specify limits.cpu for: nginx,nginx-1; requests.cpu for: nginx-1; requests.memory for: nginx,nginx-1',
    );
    // A LimitRange's defaults fill the gaps before quota looks.
    await create<LimitRange>(c, Resources.limitranges, {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'defaults', namespace: 'ns' },
      spec: { limits: [{ type: 'Container', default: { cpu: '500m' }, defaultRequest: { cpu: '250m', memory: '128Mi' } }] },
    });
    await create(c, Resources.pods, pod('nginx', { requests: { cpu: '100m' } }, {}));
    expect((await quotaOf(c, 'compute')).status?.used).toEqual({ 'limits.cpu': '1', 'requests.cpu': '350m', 'requests.memory': '256Mi' });
  });

  it('counts objects by count/<resource>[.<group>] and the legacy names', async () => {
    const c = await newClient();
    await addQuota(c, 'counts', { hard: { configmaps: '1', 'count/deployments.apps': '1', 'count/configmaps': '5' } }, { configmaps: '0', 'count/deployments.apps': '0', 'count/configmaps': '0' });
    const cm = (name: string): ConfigMap => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns' } });
    await create(c, Resources.configmaps, cm('a'));
    expect((await rejection(create(c, Resources.configmaps, cm('b')))).message).toBe(
      'configmaps "b" is forbidden: exceeded quota: counts, requested: configmaps=1, used: configmaps=1, limited: configmaps=1',
    );
    const deploy = (name: string): Deployment => ({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'ns' },
      spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    });
    await create(c, Resources.deployments, deploy('one'));
    expect((await rejection(create(c, Resources.deployments, deploy('two')))).message).toBe(
      'deployments.apps "two" is forbidden: exceeded quota: counts, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1',
    );
    expect((await quotaOf(c, 'counts')).status?.used).toEqual({ configmaps: '1', 'count/configmaps': '1', 'count/deployments.apps': '1' });
    // Updates of counted objects charge nothing.
    const one = await c.get<Deployment>(Resources.deployments, 'ns', 'one');
    await c.update(Resources.deployments, { ...one, spec: { ...one.spec!, replicas: 3 } });
  });

  it('charges only the pods a scoped quota selects', async () => {
    const c = await newClient();
    await addQuota(c, 'best-effort', { hard: { pods: '1' }, scopes: ['BestEffort'] }, { pods: '0' });
    await addQuota(c, 'terminating', { hard: { pods: '5' }, scopeSelector: { matchExpressions: [{ scopeName: 'Terminating', operator: 'Exists' }] } }, { pods: '0' });
    await create(c, Resources.pods, pod('be', {}));
    await create(c, Resources.pods, pod('burstable', { requests: { cpu: '100m' } }));
    expect((await rejection(create(c, Resources.pods, pod('be2', {})))).message).toBe(
      'pods "be2" is forbidden: exceeded quota: best-effort, requested: pods=1, used: pods=1, limited: pods=1',
    );
    const job: Pod = { ...pod('job', { requests: { cpu: '100m' } }), spec: { ...pod('job', { requests: { cpu: '100m' } }).spec!, activeDeadlineSeconds: 60 } };
    await create(c, Resources.pods, job);
    expect((await quotaOf(c, 'best-effort')).status?.used).toEqual({ pods: '1' });
    expect((await quotaOf(c, 'terminating')).status?.used).toEqual({ pods: '1' });
  });

  it('selects pods by PriorityClass with In', async () => {
    const c = await newClient();
    await c.create(Resources.priorityclasses, { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'high' }, value: 1000 } as TypedObject);
    await addQuota(c, 'high', { hard: { pods: '1' }, scopeSelector: { matchExpressions: [{ scopeName: 'PriorityClass', operator: 'In', values: ['high'] }] } }, { pods: '0' });
    const high = (name: string): Pod => ({ ...pod(name, {}), spec: { ...pod(name, {}).spec!, priorityClassName: 'high' } });
    await create(c, Resources.pods, high('h1'));
    await create(c, Resources.pods, pod('plain', {}));
    expect((await rejection(create(c, Resources.pods, high('h2')))).message).toContain('exceeded quota: high, requested: pods=1, used: pods=1, limited: pods=1');
  });

  it('rejects a dry run like a real request and charges nothing', async () => {
    const c = await newClient();
    const q = await addQuota(c, 'pods', { hard: { pods: '1' } }, { pods: '0' });
    await create(c, Resources.pods, pod('dry', {}), true);
    expect((await quotaOf(c, 'pods')).metadata?.resourceVersion).toBe(q.metadata?.resourceVersion);
    expect((await quotaOf(c, 'pods')).status?.used).toEqual({ pods: '0' });
    await create(c, Resources.pods, pod('real', {}));
    expect((await rejection(create(c, Resources.pods, pod('dry2', {}), true))).message).toBe(
      'pods "dry2" is forbidden: exceeded quota: pods, requested: pods=1, used: pods=1, limited: pods=1',
    );
  });

  it('refuses a tracked resource while the quota has no usage for it yet', async () => {
    const c = await newClient();
    const q = await c.create<ResourceQuota>(Resources.resourcequotas, { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'new', namespace: 'ns' }, spec: { hard: { pods: '1' } } });
    // Before the controller filled status.hard the quota tracks nothing.
    await create(c, Resources.pods, pod('early', {}));
    await c.updateStatus(Resources.resourcequotas, { ...q, status: { hard: { pods: '1', services: '1' }, used: { services: '0' } } });
    expect((await rejection(create(c, Resources.pods, pod('late', {})))).message).toBe('pods "late" is forbidden: status unknown for quota: new, resources: pods');
  });

  it('charges the difference when a Service changes type, and a claim that grows', async () => {
    const c = await newClient();
    await addQuota(c, 'svc', { hard: { services: '2', 'services.nodeports': '2', 'services.loadbalancers': '0' } }, { services: '0', 'services.nodeports': '0', 'services.loadbalancers': '0' });
    const svc: Service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'ns' }, spec: { selector: { app: 'web' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] } };
    const created = await create(c, Resources.services, svc);
    expect((await quotaOf(c, 'svc')).status?.used).toEqual({ services: '1', 'services.nodeports': '0', 'services.loadbalancers': '0' });
    const nodePort = await c.update<Service>(Resources.services, { ...created, spec: { ...created.spec, type: 'NodePort' } });
    expect((await quotaOf(c, 'svc')).status?.used).toEqual({ services: '1', 'services.nodeports': '2', 'services.loadbalancers': '0' });
    expect((await rejection(c.update(Resources.services, { ...nodePort, spec: { ...nodePort.spec, type: 'LoadBalancer' } }))).message).toBe(
      'services "web" is forbidden: exceeded quota: svc, requested: services.loadbalancers=1, used: services.loadbalancers=0, limited: services.loadbalancers=0',
    );

    await addQuota(c, 'storage', { hard: { 'requests.storage': '10Gi', 'standard.storageclass.storage.k8s.io/requests.storage': '3Gi' } }, { 'requests.storage': '0', 'standard.storageclass.storage.k8s.io/requests.storage': '0' });
    const claim: PersistentVolumeClaim = {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'ns' },
      spec: { storageClassName: 'standard', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    };
    const pvc = await create(c, Resources.persistentvolumeclaims, claim);
    expect((await quotaOf(c, 'storage')).status?.used).toEqual({ 'requests.storage': '2Gi', 'standard.storageclass.storage.k8s.io/requests.storage': '2Gi' });
    // Only a bound claim may grow.
    const bound = await c.updateStatus<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { ...pvc, status: { phase: 'Bound' } });
    const status = await rejection(c.update(Resources.persistentvolumeclaims, { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '4Gi' } } } }));
    expect(status.message).toBe(
      'persistentvolumeclaims "data" is forbidden: exceeded quota: storage, requested: standard.storageclass.storage.k8s.io/requests.storage=2Gi, used: standard.storageclass.storage.k8s.io/requests.storage=2Gi, limited: standard.storageclass.storage.k8s.io/requests.storage=3Gi',
    );
  });

  it('leaves events and namespaces without quotas alone', async () => {
    const c = await newClient();
    await addQuota(c, 'pods', { hard: { pods: '0', 'count/events': '0' } }, { pods: '0', 'count/events': '0' });
    await c.create(Resources.events, { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'ns' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'ns' } } as TypedObject);
    await c.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'free' } });
    await c.create(Resources.pods, { ...pod('p', {}), metadata: { name: 'p', namespace: 'free' } });
  });
});
