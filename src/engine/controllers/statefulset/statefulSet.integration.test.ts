import { afterEach, describe, expect, it } from 'vitest';
import type { ControllerRevision, StatefulSet } from 'kubernetes-types/apps/v1';
import type { Event, PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import type { WatchEvent } from '../../api/object';
import { Resources } from '../../apiserver/registry/resources';
import { Cluster } from '../../cluster/cluster';
import { controllerConstructors } from '../../cluster/controllers';
import { ControllerManager } from '../controllerManager';
import { isPodReady } from '../util/podUtil';
import { StatefulSetController } from './statefulSetController';

// The StatefulSet controller in a whole simulated cluster (control plane, scheduler, three worker
// kubelets). Until the lead registers it, it runs in a second controller manager.

type Step = 'created' | 'ready' | 'terminating' | 'deleted';

/** Timeline records, per pod name, when each incarnation was created, turned ready, began terminating and went. */
class Timeline {
  readonly log: { t: number; step: Step; pod: string; uid: string }[] = [];
  private readonly seen = new Map<string, Set<Step>>();

  constructor(private readonly now: () => number) {}

  onEvents = (events: WatchEvent<Pod>[]): void => {
    for (const ev of events) {
      if (ev.type === 'ERROR' || ev.type === 'BOOKMARK') continue;
      const pod = ev.object as Pod;
      if (ev.type === 'ADDED') this.note('created', pod);
      if (ev.type === 'DELETED') this.note('deleted', pod);
      if (isPodReady(pod) && !pod.metadata?.deletionTimestamp) this.note('ready', pod);
      if (pod.metadata?.deletionTimestamp) this.note('terminating', pod);
    }
  };

  private note(step: Step, pod: Pod): void {
    const uid = pod.metadata!.uid!;
    const steps = this.seen.get(uid) ?? new Set<Step>();
    this.seen.set(uid, steps);
    if (steps.has(step)) return;
    steps.add(step);
    this.log.push({ t: this.now(), step, pod: pod.metadata!.name!, uid });
  }

  /** order lists "step pod" for the given step, in the order they happened (from index from). */
  order(step: Step, from = 0): string[] {
    return this.log.slice(from).filter((e) => e.step === step).map((e) => e.pod);
  }

  /** at is the time of the first matching entry from index from. */
  at(step: Step, pod: string, from = 0): number {
    const e = this.log.slice(from).find((x) => x.step === step && x.pod === pod);
    if (!e) throw new Error(`no ${step} of ${pod} in ${JSON.stringify(this.log.slice(from))}`);
    return e.t;
  }
}

const web = (replicas: number): StatefulSet => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas,
    serviceName: 'nginx',
    selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ name: 'web', containerPort: 80 }] }] },
    },
  },
});

let stopAll: (() => void) | undefined;
afterEach(() => stopAll?.());

async function startCluster() {
  const cluster = new Cluster({ seed: 'statefulset', workers: 3, yieldToHost: () => new Promise<void>((r) => setImmediate(r)) });
  await cluster.start();
  const missing = [StatefulSetController].filter((c) => !controllerConstructors.includes(c));
  const extra = new ControllerManager(cluster.apiServer, cluster.sim, missing);
  await extra.start();
  const c = cluster.client;
  const timeline = new Timeline(() => cluster.sim.clock.now());
  const watch = await c.watch<Pod>(Resources.pods, { namespace: 'default' }, timeline.onEvents);
  stopAll = () => {
    watch.stop();
    extra.stop();
    cluster.stop();
  };
  const getSet = () => c.get<StatefulSet>(Resources.statefulsets, 'default', 'web');
  const pods = async () => (await c.list<Pod>(Resources.pods, { namespace: 'default', labelSelector: 'app=nginx' })).items.sort((a, b) => a.metadata!.name!.localeCompare(b.metadata!.name!));
  const patchSet = (patch: unknown) => c.patch<StatefulSet>(Resources.statefulsets, 'default', 'web', 'merge', patch);
  return { cluster, c, timeline, getSet, pods, patchSet, sim: cluster.sim };
}

const image = (p: Pod) => p.spec?.containers[0].image;
const revisionOf = (p: Pod) => p.metadata?.labels?.['controller-revision-hash'];

describe('StatefulSet in a cluster', () => {
  it('creates, scales down and rolls a 3-replica OrderedReady set one pod at a time, in ordinal order', async () => {
    const { c, timeline, getSet, pods, patchSet, sim } = await startCluster();
    await c.create(Resources.statefulsets, web(3));
    await sim.advance(120_000);

    // Creation: web-1 only after web-0 is Ready, web-2 only after web-1 is.
    expect(timeline.order('created')).toEqual(['web-0', 'web-1', 'web-2']);
    expect(timeline.at('created', 'web-1')).toBeGreaterThanOrEqual(timeline.at('ready', 'web-0'));
    expect(timeline.at('created', 'web-2')).toBeGreaterThanOrEqual(timeline.at('ready', 'web-1'));
    expect(timeline.at('ready', 'web-0')).toBeGreaterThan(timeline.at('created', 'web-0'));
    const running = await pods();
    expect(running.map((p) => [p.metadata?.name, p.spec?.hostname, p.spec?.subdomain, p.status?.phase])).toEqual([
      ['web-0', 'web-0', 'nginx', 'Running'],
      ['web-1', 'web-1', 'nginx', 'Running'],
      ['web-2', 'web-2', 'nginx', 'Running'],
    ]);
    expect(running.every((p) => p.spec?.nodeName?.startsWith('worker-'))).toBe(true);
    let set = await getSet();
    const rev1 = set.status?.updateRevision;
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, currentRevision: rev1, observedGeneration: 1, collisionCount: 0 });
    expect(running.map((p) => p.metadata?.labels)).toEqual(
      [0, 1, 2].map((i) => ({ app: 'nginx', 'statefulset.kubernetes.io/pod-name': `web-${i}`, 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': rev1 })),
    );

    // Scale to 1: web-2 goes first, web-1 is deleted only once web-2 is gone.
    let mark = timeline.log.length;
    await patchSet({ spec: { replicas: 1 } });
    await sim.advance(120_000);
    expect(timeline.order('terminating', mark)).toEqual(['web-2', 'web-1']);
    expect(timeline.at('terminating', 'web-1', mark)).toBeGreaterThanOrEqual(timeline.at('deleted', 'web-2', mark));
    expect((await pods()).map((p) => p.metadata?.name)).toEqual(['web-0']);
    expect((await getSet()).status).toMatchObject({ replicas: 1, readyReplicas: 1 });

    // Back to 3, then a new image rolls web-2, web-1, web-0, each after the one before is Ready again.
    await patchSet({ spec: { replicas: 3 } });
    await sim.advance(120_000);
    mark = timeline.log.length;
    await patchSet({ spec: { template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.27' }] } } } });
    await sim.advance(300_000);
    expect(timeline.order('terminating', mark)).toEqual(['web-2', 'web-1', 'web-0']);
    expect(timeline.order('created', mark)).toEqual(['web-2', 'web-1', 'web-0']);
    expect(timeline.at('terminating', 'web-1', mark)).toBeGreaterThanOrEqual(timeline.at('ready', 'web-2', mark));
    expect(timeline.at('terminating', 'web-0', mark)).toBeGreaterThanOrEqual(timeline.at('ready', 'web-1', mark));
    set = await getSet();
    const rev2 = set.status?.updateRevision;
    expect(rev2).not.toBe(rev1);
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, currentRevision: rev2, observedGeneration: 4 });
    expect((await pods()).map((p) => [image(p), revisionOf(p)])).toEqual([0, 1, 2].map(() => ['registry.k8s.io/nginx-slim:0.27', rev2]));
    const revisions = (await c.list<ControllerRevision>(Resources.controllerrevisions, { namespace: 'default' })).items;
    expect(revisions.sort((a, b) => a.revision - b.revision).map((r) => [r.metadata?.name, r.revision])).toEqual([
      [rev1, 1],
      [rev2, 2],
    ]);
    expect(revisions.find((r) => r.revision === 2)?.data).toMatchObject({
      spec: { template: { $patch: 'replace', spec: { containers: [{ image: 'registry.k8s.io/nginx-slim:0.27' }] } } },
    });

    const events = (await c.list<Event>(Resources.events, { namespace: 'default' })).items.filter((e) => e.involvedObject.kind === 'StatefulSet');
    const messages = events.map((e) => `${e.reason}: ${e.message}`);
    expect(messages).toContain('SuccessfulCreate: create Pod web-0 in StatefulSet web successful');
    expect(messages).toContain('SuccessfulDelete: delete Pod web-2 in StatefulSet web successful');
    expect(events.every((e) => e.source?.component === 'statefulset-controller')).toBe(true);
  }, 120_000);

  it('with a partition of 2 updates only web-2', async () => {
    const { c, getSet, pods, patchSet, sim } = await startCluster();
    await c.create(Resources.statefulsets, web(3));
    await sim.advance(120_000);
    const rev1 = (await getSet()).status?.currentRevision;
    await patchSet({
      spec: {
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } },
        template: { spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.27' }] } },
      },
    });
    await sim.advance(180_000);
    const set = await getSet();
    const rev2 = set.status?.updateRevision;
    expect(rev2).not.toBe(rev1);
    expect((await pods()).map((p) => [p.metadata?.name, image(p), revisionOf(p)])).toEqual([
      ['web-0', 'registry.k8s.io/nginx-slim:0.24', rev1],
      ['web-1', 'registry.k8s.io/nginx-slim:0.24', rev1],
      ['web-2', 'registry.k8s.io/nginx-slim:0.27', rev2],
    ]);
    expect(set.status).toMatchObject({ replicas: 3, readyReplicas: 3, currentReplicas: 2, updatedReplicas: 1, currentRevision: rev1, updateRevision: rev2 });
  }, 120_000);

  it('creates a claim per pod from volumeClaimTemplates before the pod, which the default StorageClass provisions and binds', async () => {
    const { c, sim } = await startCluster();
    const set = web(2);
    set.spec!.volumeClaimTemplates = [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
    await c.create(Resources.statefulsets, set);
    await sim.advance(120_000);
    const claims = (await c.list<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { namespace: 'default' })).items;
    expect(claims.map((p) => [p.metadata?.name, p.status?.phase, p.metadata?.labels])).toEqual([
      ['www-web-0', 'Bound', { app: 'nginx' }],
      ['www-web-1', 'Bound', { app: 'nginx' }],
    ]);
    // Retain/Retain (the default): no owner references on the claims.
    expect(claims.every((p) => !p.metadata?.ownerReferences?.length)).toBe(true);
    const pod = await c.get<Pod>(Resources.pods, 'default', 'web-1');
    expect(pod.spec?.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } });
    const messages = (await c.list<Event>(Resources.events, { namespace: 'default' })).items.map((e) => e.message);
    expect(messages).toContain('create Claim www-web-0 Pod web-0 in StatefulSet web success');
  }, 120_000);

  it('with whenScaled/whenDeleted Delete, owns the claims by the set, then by the pod once it is scaled down', async () => {
    const { c, sim, patchSet } = await startCluster();
    const set = web(2);
    set.spec!.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Delete' };
    set.spec!.volumeClaimTemplates = [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
    await c.create(Resources.statefulsets, set);
    await sim.advance(120_000);
    const owners = async () =>
      (await c.list<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { namespace: 'default' })).items.map((p) => [
        p.metadata?.name,
        (p.metadata?.ownerReferences ?? []).map((r) => `${r.kind}/${r.name} controller=${r.controller}`),
        !!p.metadata?.deletionTimestamp,
      ]);
    expect(await owners()).toEqual([
      ['www-web-0', ['StatefulSet/web controller=true'], false],
      ['www-web-1', ['StatefulSet/web controller=true'], false],
    ]);
    const web1 = await c.get<Pod>(Resources.pods, 'default', 'web-1');
    const ownersSeen: { name?: string; owner: string }[] = [];
    const watch = await c.watch<PersistentVolumeClaim>(Resources.persistentvolumeclaims, { namespace: 'default' }, (evs) => {
      for (const e of evs) {
        const claim = e.object as PersistentVolumeClaim;
        for (const r of claim.metadata?.ownerReferences ?? []) ownersSeen.push({ name: claim.metadata?.name, owner: `${r.kind}/${r.name}/${r.uid}` });
      }
    });
    await patchSet({ spec: { replicas: 1 } });
    await sim.advance(120_000);
    watch.stop();
    // The claim of the scaled-down pod is handed to the pod, and the garbage collector deletes it
    // with the pod: pvc-protection lets it go once the pod is gone.
    const handedOver = ownersSeen.find((e) => e.name === 'www-web-1' && e.owner === `Pod/web-1/${web1.metadata?.uid}`);
    expect(handedOver).toBeDefined();
    await expect(c.get(Resources.persistentvolumeclaims, 'default', 'www-web-1')).rejects.toThrow(/not found/);
    expect(await owners()).toEqual([['www-web-0', ['StatefulSet/web controller=true'], false]]);
  }, 120_000);
});
