import type { Lease } from 'kubernetes-types/coordination/v1';
import type { Event, Node, Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeList, StoredObject } from '../api/object';
import { Resources } from '../apiserver/registry/resources';
import type { ResourceStrategy } from '../apiserver/registry/strategy';
import { basicStrategy } from '../apiserver/registry/strategyIndex';
import { ApiServer } from '../apiserver/server';
import { ApiClient } from '../client/apiClient';
import { ControllerManager } from '../controllers/controllerManager';
import { NodeLifecycleController } from '../controllers/nodeLifecycle';
import { Sim } from '../sim/sim';
import { Kubelet } from './kubelet';

// The kubelet against the in-process API server: a real store, a real field-selected watch, the
// pods/status subresource, graceful deletion and the pods/log subresource. Pods are bound by hand
// (no scheduler); the strategies are the generic ones until the core registry lands.

const spec = (o: StoredObject) => o as unknown as Pod;
const strategies: ResourceStrategy[] = [
  basicStrategy(Resources.namespaces),
  basicStrategy(Resources.nodes),
  basicStrategy(Resources.leases),
  basicStrategy(Resources.events),
  basicStrategy(Resources.configmaps),
  basicStrategy(Resources.secrets),
  basicStrategy(Resources.services),
  { ...basicStrategy(Resources.pods), fieldSelectors: { 'spec.nodeName': (o) => spec(o).spec?.nodeName ?? '' } },
];

async function cluster() {
  const sim = new Sim(11, () => new Promise<void>((r) => setImmediate(r)));
  const server = new ApiServer(sim, { strategies });
  const admin = new ApiClient(server, 'test');
  for (const name of ['default', 'kube-node-lease']) await admin.create(Resources.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  const kubelet = new Kubelet(new ApiClient(server, 'kubelet/v1.32.4 (linux/amd64) worker-1'), sim, {
    nodeName: 'worker-1',
    capacity: { cpu: '4', memory: '8Gi', pods: '110' },
    podCIDR: '10.244.1.0/24',
    internalIP: '172.18.0.3',
    role: 'worker',
    profile: 'fast',
  });
  await kubelet.start();
  return { sim, server, admin, kubelet };
}

const nginx = (name: string, node = 'worker-1'): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { nodeName: node, terminationGracePeriodSeconds: 30, containers: [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }] },
});

describe('Kubelet with the API server', () => {
  it('registers a Ready node and keeps its lease', async () => {
    const { sim, admin, kubelet } = await cluster();
    await sim.advance(30_000);
    const node = await admin.get<Node>(Resources.nodes, undefined, 'worker-1');
    expect(node.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(node.metadata?.labels?.['kubernetes.io/hostname']).toBe('worker-1');
    const lease = await admin.get<Lease>(Resources.leases, 'kube-node-lease', 'worker-1');
    expect(lease.spec?.renewTime).toBe('2025-01-01T00:00:30.000000Z');
    kubelet.stop();
  });

  it('runs a bound pod to Running, serves its logs, and removes it after a graceful delete', async () => {
    const { sim, admin, kubelet } = await cluster();
    await admin.create(Resources.pods, nginx('web'));
    await admin.create(Resources.pods, nginx('elsewhere', 'worker-2'));
    await sim.advance(5_000);
    const pod = await admin.get<Pod>(Resources.pods, 'default', 'web');
    expect(pod.status?.phase).toBe('Running');
    expect(pod.status?.podIP).toBe('10.244.1.2');
    expect(pod.status?.containerStatuses?.[0]).toMatchObject({ ready: true, image: 'docker.io/library/nginx:1.25', started: true });
    // The other node's pod is not this kubelet's business.
    expect((await admin.get<Pod>(Resources.pods, 'default', 'elsewhere')).status?.containerStatuses).toBeUndefined();

    const events = await admin.list<Event>(Resources.events, { namespace: 'default' });
    const podEvents = events.items.filter((e) => e.involvedObject.name === 'web').map((e) => `${e.reason}: ${e.message}`);
    // Created and Started share a timestamp, so their order in the list is the names' order.
    expect(podEvents.slice(0, 2)).toEqual(['Pulling: Pulling image "nginx:1.25"', expect.stringMatching(/^Pulled: Successfully pulled image "nginx:1.25" in /)]);
    expect(podEvents.slice(2).sort()).toEqual(['Created: Created container: nginx', 'Started: Started container nginx']);
    expect(events.items.find((e) => e.reason === 'Started')?.involvedObject.fieldPath).toBe('spec.containers{nginx}');

    const log = await admin.getSubresource<string>(Resources.pods, 'default', 'web', 'log');
    expect(log.split('\n')[0]).toBe('[kube-playground] simulated container output: image nginx:1.25, command none — no real process runs');

    await admin.delete(Resources.pods, 'default', 'web');
    const terminating = await admin.get<Pod>(Resources.pods, 'default', 'web');
    expect(terminating.metadata?.deletionTimestamp).toBeDefined();
    await sim.advance(2_000);
    const left = await admin.list<Pod>(Resources.pods, { namespace: 'default' });
    expect((left as KubeList<Pod>).items.map((p) => p.metadata?.name)).toEqual(['elsewhere']);
    kubelet.stop();
  });

  it('holds a container that reads a missing ConfigMap in CreateContainerConfigError, and starts it once the ConfigMap exists', async () => {
    const { sim, admin, kubelet } = await cluster();
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'reader', namespace: 'default' },
      spec: {
        nodeName: 'worker-1',
        restartPolicy: 'Never',
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'echo color=$(COLOR)'],
            env: [{ name: 'COLOR', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'color' } } }],
          },
        ],
      },
    };
    await admin.create(Resources.pods, pod);
    await sim.advance(5_000);
    const waiting = await admin.get<Pod>(Resources.pods, 'default', 'reader');
    expect(waiting.status?.phase).toBe('Pending');
    expect(waiting.status?.containerStatuses?.[0].state?.waiting).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    const failed = (await admin.list<Event>(Resources.events, { namespace: 'default' })).items.filter((e) => e.reason === 'Failed');
    expect(failed.map((e) => [e.type, e.message, e.involvedObject.fieldPath])).toEqual([['Warning', 'Error: configmap "app-config" not found', 'spec.containers{app}']]);

    await admin.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { color: 'blue' } });
    await sim.advance(20_000);
    const done = await admin.get<Pod>(Resources.pods, 'default', 'reader');
    expect(done.status?.phase).toBe('Succeeded');
    const log = await admin.getSubresource<string>(Resources.pods, 'default', 'reader', 'log');
    expect(log.split('\n')[1]).toBe('color=blue');
    kubelet.stop();
  });

  it('keeps a pod whose Secret volume is missing in ContainerCreating with FailedMount events, and runs it once the Secret exists', async () => {
    const { sim, admin, kubelet } = await cluster();
    const pod = nginx('mounted');
    pod.spec!.volumes = [{ name: 'creds', secret: { secretName: 'db-creds' } }];
    await admin.create(Resources.pods, pod);
    await sim.advance(10_000);
    const waiting = await admin.get<Pod>(Resources.pods, 'default', 'mounted');
    expect(waiting.status?.containerStatuses?.[0].state?.waiting?.reason).toBe('ContainerCreating');
    const mounts = (await admin.list<Event>(Resources.events, { namespace: 'default' })).items.filter((e) => e.reason === 'FailedMount');
    expect(mounts.map((e) => e.message)).toEqual(['MountVolume.SetUp failed for volume "creds" : secret "db-creds" not found']);
    // 500ms doubling: failures at about 0.1, 0.6, 1.6, 3.6 and 7.6 s.
    expect(mounts[0].count).toBe(5);

    await admin.create(Resources.secrets, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db-creds', namespace: 'default' }, data: { password: 'cw==' } });
    await sim.advance(20_000);
    expect((await admin.get<Pod>(Resources.pods, 'default', 'mounted')).status?.phase).toBe('Running');
    kubelet.stop();
  });

  it('holds an init container that waits for a Service in DNS until the Service exists, then starts the pod', async () => {
    const { sim, admin, kubelet } = await cluster();
    const pod = nginx('myapp-pod');
    // The service account volume the ServiceAccount admission plugin adds; its namespace file names the Service's namespace.
    pod.spec!.volumes = [
      {
        name: 'kube-api-access-x1y2z',
        projected: {
          sources: [
            { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      },
    ];
    pod.spec!.initContainers = [
      {
        name: 'init-myservice',
        image: 'busybox:1.28',
        command: ['sh', '-c', 'until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done'],
        volumeMounts: [{ name: 'kube-api-access-x1y2z', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      },
    ];
    await admin.create(Resources.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: 'default' }, data: { 'ca.crt': 'PEM' } });
    await admin.create(Resources.pods, pod);
    await sim.advance(15_000);
    const waiting = await admin.get<Pod>(Resources.pods, 'default', 'myapp-pod');
    expect(waiting.status?.phase).toBe('Pending');
    expect(waiting.status?.initContainerStatuses?.[0].state?.running).toBeDefined();
    const log = await admin.getSubresource<string>(Resources.pods, 'default', 'myapp-pod', 'log', { container: 'init-myservice' });
    expect(log.split('\n').filter((l) => l === 'waiting for myservice').length).toBeGreaterThan(4);

    await admin.create(Resources.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'myservice', namespace: 'default' }, spec: { ports: [{ port: 80 }] } });
    await sim.advance(10_000);
    const started = await admin.get<Pod>(Resources.pods, 'default', 'myapp-pod');
    expect(started.status?.initContainerStatuses?.[0].state?.terminated?.reason).toBe('Completed');
    expect(started.status?.phase).toBe('Running');
    kubelet.stop();
  });

  it('goes Unknown and tainted when the kubelet dies, and recovers when it restarts', async () => {
    const { sim, server, admin, kubelet } = await cluster();
    const kcm = new ControllerManager(server, sim, [NodeLifecycleController]);
    await kcm.start();
    // The tolerations the DefaultTolerationSeconds admission plugin adds to every pod.
    const tolerations = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({
      key,
      operator: 'Exists' as const,
      effect: 'NoExecute' as const,
      tolerationSeconds: 300,
    }));
    const web = nginx('web');
    await admin.create(Resources.pods, { ...web, spec: { ...web.spec!, tolerations } });
    await sim.advance(5_000);
    const state = async () => {
      const node = await admin.get<Node>(Resources.nodes, undefined, 'worker-1');
      const pod = await admin.get<Pod>(Resources.pods, 'default', 'web');
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      const taints = (node.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`).join(',');
      const podReady = pod.status?.conditions?.find((c) => c.type === 'Ready')?.status;
      return `node=${ready} taints=[${taints}] pod=${podReady}`;
    };
    expect(await state()).toBe('node=True taints=[] pod=True');
    kubelet.stop();
    await sim.advance(45_000);
    expect(await state()).toBe('node=True taints=[] pod=True');
    await sim.advance(15_000);
    expect(await state()).toBe(
      'node=Unknown taints=[node.kubernetes.io/unreachable:NoSchedule,node.kubernetes.io/unreachable:NoExecute] pod=False',
    );
    await kubelet.start();
    await sim.advance(5_000);
    expect(await state()).toBe('node=True taints=[] pod=True');
    kcm.stop();
    kubelet.stop();
  });
});
