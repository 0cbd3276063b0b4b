import type { Event, EventList, PersistentVolume, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { isApiError } from '../../apiserver/errors';
import { Resources } from '../../apiserver/registry/resources';
import { Cluster } from '../../cluster/cluster';
import { msgExternalProvisioning, msgWaitForFirstConsumer } from './persistentVolumeController';

// A claim's way through a full in-process cluster, as in kind: DefaultStorageClass admission,
// WaitForFirstConsumer, the scheduler's selected node, local-path provisioning and binding, and
// the Delete reclaim policy.

const yieldToHost = () => new Promise<void>((r) => setImmediate(r));

function claim(name: string, storageClassName?: string): PersistentVolumeClaim {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(storageClassName ? { storageClassName } : {}) },
  };
}

function podUsing(name: string, claimName: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: {
      containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
      volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }],
    },
  };
}

async function eventsFor(c: Cluster, name: string): Promise<Event[]> {
  const list = (await c.client.list<Event>(Resources.events, { namespace: 'default' })) as unknown as EventList;
  return list.items.filter((e) => e.involvedObject.name === name);
}

describe('PersistentVolumeClaims in a kind-like cluster', () => {
  let cluster: Cluster | undefined;
  afterEach(() => cluster?.stop());

  it('provisions a WaitForFirstConsumer claim on the node its first pod is scheduled to, then deletes the volume with the claim', async () => {
    const c = (cluster = new Cluster({ yieldToHost, workers: 2, seed: 'pvc', profile: 'fast' }));
    await c.start();
    await c.sim.advance(10_000);
    const created = await c.client.create(Resources.persistentvolumeclaims, claim('data'));
    expect(created.spec?.storageClassName).toBe('standard');

    await c.sim.advance(20_000);
    let pvc = await c.client.get<PersistentVolumeClaim>(Resources.persistentvolumeclaims, 'default', 'data');
    expect(pvc.status?.phase).toBe('Pending');
    const waiting = (await eventsFor(c, 'data')).find((e) => e.reason === 'WaitForFirstConsumer');
    expect(waiting).toMatchObject({ type: 'Normal', message: msgWaitForFirstConsumer, source: { component: 'persistentvolume-controller' } });
    expect(waiting?.count).toBeGreaterThan(1);

    await c.client.create(Resources.pods, podUsing('app', 'data'));
    await c.sim.advance(30_000);
    const pod = await c.client.get<Pod>(Resources.pods, 'default', 'app');
    const node = pod.spec?.nodeName;
    expect(node).toMatch(/^worker/);
    expect(pod.status?.phase).toBe('Running');

    pvc = await c.client.get<PersistentVolumeClaim>(Resources.persistentvolumeclaims, 'default', 'data');
    const pvName = `pvc-${pvc.metadata?.uid}`;
    expect(pvc.metadata?.annotations).toMatchObject({
      'volume.kubernetes.io/selected-node': node,
      'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
    });
    expect(pvc.spec?.volumeName).toBe(pvName);
    expect(pvc.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });

    const pv = await c.client.get<PersistentVolume>(Resources.persistentvolumes, undefined, pvName);
    expect(pv.metadata?.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('rancher.io/local-path');
    expect(pv.spec).toMatchObject({
      storageClassName: 'standard',
      persistentVolumeReclaimPolicy: 'Delete',
      capacity: { storage: '1Gi' },
      claimRef: { name: 'data', namespace: 'default', uid: pvc.metadata?.uid },
      hostPath: { path: `/var/local-path-provisioner/${pvName}_default_data`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
    });
    expect(pv.status?.phase).toBe('Bound');

    const reasons = (await eventsFor(c, 'data')).map((e) => [e.reason, e.message]);
    expect(reasons).toContainEqual(['ExternalProvisioning', msgExternalProvisioning('rancher.io/local-path')]);
    expect(reasons).toContainEqual(['Provisioning', 'External provisioner is provisioning volume for claim "default/data"']);
    expect(reasons).toContainEqual(['ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`]);
    const scheduled = (await eventsFor(c, 'app')).find((e) => e.reason === 'Scheduled');
    expect(scheduled?.message).toBe(`Successfully assigned default/app to ${node}`);

    // The claim stays while its pod uses it (pvc-protection); then the Delete policy removes the volume.
    await c.client.delete(Resources.persistentvolumeclaims, 'default', 'data');
    await c.sim.advance(5_000);
    expect((await c.client.get<PersistentVolumeClaim>(Resources.persistentvolumeclaims, 'default', 'data')).metadata?.deletionTimestamp).toBeDefined();
    await c.client.delete(Resources.pods, 'default', 'app');
    await c.sim.advance(60_000);
    const gone = async (res: typeof Resources.persistentvolumes, ns: string | undefined, name: string) =>
      c.client.get(res, ns, name).then(
        () => false,
        (e: unknown) => isApiError(e, 'NotFound'),
      );
    expect(await gone(Resources.persistentvolumeclaims, 'default', 'data')).toBe(true);
    expect(await gone(Resources.persistentvolumes, undefined, pvName)).toBe(true);
  });

  it('keeps a pod whose claim names a missing StorageClass Pending with the real FailedScheduling message', async () => {
    const c = (cluster = new Cluster({ yieldToHost, workers: 2, seed: 'nosc', profile: 'fast' }));
    await c.start();
    await c.sim.advance(10_000);
    await c.client.create(Resources.persistentvolumeclaims, claim('fast-data', 'fast'));
    await c.client.create(Resources.pods, podUsing('app', 'fast-data'));
    await c.sim.advance(30_000);
    const pod = await c.client.get<Pod>(Resources.pods, 'default', 'app');
    expect(pod.spec?.nodeName).toBeUndefined();
    const message =
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.';
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable', message });
    expect((await eventsFor(c, 'app')).find((e) => e.reason === 'FailedScheduling')?.message).toBe(message);
    const failed = (await eventsFor(c, 'fast-data')).find((e) => e.reason === 'ProvisioningFailed');
    expect(failed).toMatchObject({ type: 'Warning', message: 'storageclass.storage.k8s.io "fast" not found' });
  });

  it('rejects a pod whose claim does not exist', async () => {
    const c = (cluster = new Cluster({ yieldToHost, workers: 2, seed: 'nopvc', profile: 'fast' }));
    await c.start();
    await c.sim.advance(10_000);
    await c.client.create(Resources.pods, podUsing('app', 'missing'));
    await c.sim.advance(5_000);
    const pod = await c.client.get<Pod>(Resources.pods, 'default', 'app');
    expect(pod.status?.conditions?.find((x) => x.type === 'PodScheduled')?.message).toBe(
      '0/3 nodes are available: persistentvolumeclaim "missing" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    // Creating the claim requeues the pod (VolumeBinding's PVC event), and it is scheduled.
    await c.client.create(Resources.persistentvolumeclaims, claim('missing'));
    await c.sim.advance(30_000);
    expect((await c.client.get<Pod>(Resources.pods, 'default', 'app')).spec?.nodeName).toMatch(/^worker/);
  });

  it('creates a generic ephemeral volume\'s claim for its pod, provisions it where the pod runs and deletes it with the pod', async () => {
    const c = (cluster = new Cluster({ yieldToHost, workers: 2, seed: 'ephemeral', profile: 'fast' }));
    await c.start();
    await c.sim.advance(10_000);
    const template = { metadata: { labels: { type: 'scratch' } }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } };
    const created = await c.client.create<Pod>(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'nginx', volumeMounts: [{ name: 'cache', mountPath: '/cache' }] }],
        volumes: [{ name: 'cache', ephemeral: { volumeClaimTemplate: template } }],
      },
    } as Pod);
    await c.sim.advance(30_000);
    const pvc = await c.client.get<PersistentVolumeClaim>(Resources.persistentvolumeclaims, 'default', 'scratch-cache');
    expect(pvc.metadata?.labels).toEqual({ type: 'scratch' });
    expect(pvc.metadata?.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Pod', name: 'scratch', uid: created.metadata?.uid, controller: true, blockOwnerDeletion: true }]);
    expect(pvc.status?.phase).toBe('Bound');
    const pod = await c.client.get<Pod>(Resources.pods, 'default', 'scratch');
    expect(pod.status?.phase).toBe('Running');
    const pv = await c.client.get<PersistentVolume>(Resources.persistentvolumes, undefined, pvc.spec!.volumeName!);
    expect(JSON.stringify(pv.spec?.nodeAffinity)).toContain(pod.spec!.nodeName!);

    await c.client.delete(Resources.pods, 'default', 'scratch');
    await c.sim.advance(60_000);
    const gone = await c.client.get(Resources.persistentvolumeclaims, 'default', 'scratch-cache').catch((e: unknown) => e);
    expect(isApiError(gone, 'NotFound')).toBe(true);
  });

  it('does not take over a claim of the ephemeral volume\'s name that the pod does not own', async () => {
    const c = (cluster = new Cluster({ yieldToHost, workers: 2, seed: 'ephemeral-taken', profile: 'fast' }));
    await c.start();
    await c.sim.advance(10_000);
    await c.client.create(Resources.persistentvolumeclaims, claim('scratch-cache'));
    await c.client.create<Pod>(Resources.pods, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'scratch', namespace: 'default' },
      spec: {
        containers: [{ name: 'app', image: 'nginx' }],
        volumes: [{ name: 'cache', ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } }],
      },
    } as Pod);
    await c.sim.advance(30_000);
    expect((await c.client.get<Pod>(Resources.pods, 'default', 'scratch')).spec?.nodeName).toBeUndefined();
    const events = await eventsFor(c, 'scratch');
    const notOwner = 'PVC default/scratch-cache was not created for pod default/scratch (pod is not owner)';
    expect(events.find((e) => e.reason === 'FailedBinding')?.message).toBe(`ephemeral volume cache: ${notOwner}`);
    expect(events.find((e) => e.reason === 'FailedScheduling')?.message).toBe(`0/3 nodes are available: ${notOwner}. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.`);
  });
});
