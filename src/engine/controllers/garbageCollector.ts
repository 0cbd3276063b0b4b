import type { OwnerReference } from 'kubernetes-types/meta/v1';
import type { KubeObject } from '../api/object';
import { isApiError } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { allResources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import type { Controller, ControllerContext } from './controller';

/** Finalizers the garbage collector acts on (metav1.FinalizerOrphanDependents / FinalizerDeleteDependents). */
export const FinalizerOrphanDependents = 'orphan';
export const FinalizerDeleteDependents = 'foregroundDeletion';

interface Node {
  uid: string;
  res: ResourceDefinition;
  namespace: string;
  name: string;
  owners: OwnerReference[];
  deleting: boolean;
  finalizers: string[];
}

/**
 * GarbageCollector is kube-controller-manager's garbage collector in miniature: it keeps the
 * ownerReferences graph from watches of every resource and, keyed by uid, deletes dependents whose
 * owners are all gone (background), deletes blocking dependents first for an owner being deleted
 * in the foreground, and strips ownerReferences for an owner deleted with orphan propagation.
 */
export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector-controller';
  private readonly queue: WorkQueue;
  private readonly nodes = new Map<string, Node>();
  /** dependents maps an owner uid to the uids of objects naming it in ownerReferences. */
  private readonly dependents = new Map<string, Set<string>>();
  private readonly informers: Informer[] = [];

  constructor(private readonly ctx: ControllerContext) {
    this.queue = new WorkQueue(ctx.sim.timers, 4);
    for (const res of collectedResources()) {
      const inf = ctx.informers.for<KubeObject>(res);
      this.informers.push(inf);
      inf.addEventHandler({
        onAdd: (o) => this.observe(res, o),
        onUpdate: (_old, o) => this.observe(res, o),
        onDelete: (o) => this.forget(o),
      });
    }
  }

  run(): void {
    this.queue.run((uid) => this.sync(uid));
  }

  stop(): void {
    this.queue.shutdown();
  }

  /** sync reconciles one object of the graph, identified by uid. */
  async sync(uid: string): Promise<void> {
    const n = this.nodes.get(uid);
    if (!n) return;
    if (n.deleting && n.finalizers.includes(FinalizerOrphanDependents)) return this.orphanDependents(n);
    if (n.deleting && n.finalizers.includes(FinalizerDeleteDependents)) return this.deleteDependentsInForeground(n);
    if (n.owners.length === 0) return;
    const live = n.owners.filter((o) => this.nodes.has(o.uid) && !this.isBeingDeletedInBackground(o.uid));
    const waitingOn = n.owners.filter((o) => {
      const owner = this.nodes.get(o.uid);
      return owner?.deleting && owner.finalizers.includes(FinalizerDeleteDependents);
    });
    if (live.length > 0 && waitingOn.length === 0) return;
    if (live.length === waitingOn.length && waitingOn.length > 0) {
      // Every remaining owner is being deleted in the foreground: this dependent goes first, the same way.
      return this.deleteObject(n, 'Foreground');
    }
    if (live.length === 0) {
      // The cache may lag behind a just-created owner: confirm with the API server (isDangling).
      for (const ref of n.owners) if (await this.ownerExists(ref, n.namespace)) return;
      return this.deleteObject(n, 'Background');
    }
  }

  private async ownerExists(ref: OwnerReference, namespace: string): Promise<boolean> {
    const res = resourceForOwner(ref);
    if (!res) return false;
    try {
      const owner = await this.ctx.client.get<KubeObject>(res, res.namespaced ? namespace : undefined, ref.name);
      return owner.metadata?.uid === ref.uid && !this.isBeingDeletedInBackground(ref.uid);
    } catch (e) {
      if (isApiError(e, 'NotFound')) return false;
      throw e;
    }
  }

  private isBeingDeletedInBackground(uid: string): boolean {
    const n = this.nodes.get(uid);
    return !!n && n.deleting && !n.finalizers.includes(FinalizerDeleteDependents) && !n.finalizers.includes(FinalizerOrphanDependents) && n.finalizers.length === 0;
  }

  private observe(res: ResourceDefinition, o: KubeObject): void {
    const m = o.metadata!;
    const uid = m.uid!;
    const prev = this.nodes.get(uid);
    const node: Node = {
      uid,
      res,
      namespace: m.namespace ?? '',
      name: m.name!,
      owners: m.ownerReferences ?? [],
      deleting: m.deletionTimestamp !== undefined,
      finalizers: m.finalizers ?? [],
    };
    for (const ref of prev?.owners ?? []) this.dependents.get(ref.uid)?.delete(uid);
    for (const ref of node.owners) {
      let set = this.dependents.get(ref.uid);
      if (!set) this.dependents.set(ref.uid, (set = new Set()));
      set.add(uid);
    }
    this.nodes.set(uid, node);
    if (node.owners.length > 0 || node.deleting) this.queue.add(uid);
  }

  private forget(o: KubeObject): void {
    const uid = o.metadata!.uid!;
    const n = this.nodes.get(uid);
    if (!n) return;
    for (const ref of n.owners) {
      this.dependents.get(ref.uid)?.delete(uid);
      // An owner waiting on its dependents may now be able to finish.
      if (this.nodes.get(ref.uid)?.deleting) this.queue.add(ref.uid);
    }
    this.nodes.delete(uid);
    for (const dep of this.dependents.get(uid) ?? []) this.queue.add(dep);
  }

  private async deleteObject(n: Node, policy: 'Background' | 'Foreground'): Promise<void> {
    if (n.deleting) return;
    try {
      await this.ctx.client.delete(n.res, n.namespace || undefined, n.name, { propagationPolicy: policy, preconditions: { uid: n.uid } });
    } catch (e) {
      if (isApiError(e, 'NotFound') || isApiError(e, 'Conflict')) return;
      throw e;
    }
  }

  private async deleteDependentsInForeground(n: Node): Promise<void> {
    const deps = [...(this.dependents.get(n.uid) ?? [])].map((u) => this.nodes.get(u)).filter((d): d is Node => !!d);
    const blocking = deps.filter((d) => d.owners.some((r) => r.uid === n.uid && r.blockOwnerDeletion));
    for (const d of deps) if (!d.deleting) await this.deleteObject(d, 'Foreground');
    if (blocking.length === 0) await this.removeFinalizer(n, FinalizerDeleteDependents);
  }

  private async orphanDependents(n: Node): Promise<void> {
    for (const u of [...(this.dependents.get(n.uid) ?? [])]) {
      const d = this.nodes.get(u);
      if (!d) continue;
      const owners = d.owners.filter((r) => r.uid !== n.uid);
      try {
        await this.ctx.client.patch(d.res, d.namespace || undefined, d.name, 'merge', {
          metadata: { ownerReferences: owners.length ? owners : null },
        });
      } catch (e) {
        if (!isApiError(e, 'NotFound')) throw e;
      }
    }
    await this.removeFinalizer(n, FinalizerOrphanDependents);
  }

  private async removeFinalizer(n: Node, finalizer: string): Promise<void> {
    const current = await this.ctx.client.get<KubeObject>(n.res, n.namespace || undefined, n.name).catch((e) => {
      if (isApiError(e, 'NotFound')) return undefined;
      throw e;
    });
    if (!current || current.metadata?.uid !== n.uid) return;
    const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    await this.ctx.client.patch(n.res, n.namespace || undefined, n.name, 'merge', {
      metadata: { finalizers: finalizers.length ? finalizers : null, resourceVersion: current.metadata.resourceVersion },
    });
  }
}

/** resourceForOwner finds the served resource an ownerReference's apiVersion and kind name. */
function resourceForOwner(ref: OwnerReference): ResourceDefinition | undefined {
  const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
  return allResources.find((d) => d.group === group && d.kind === ref.kind && d.preferred !== false);
}

/** collectedResources are the resources the collector watches: every served one, each storage once. */
function collectedResources(): ResourceDefinition[] {
  const seen = new Set<string>();
  const out: ResourceDefinition[] = [];
  for (const d of allResources) {
    if (!d.verbs.includes('watch') || d.resource === 'events') continue;
    const key = `${d.storage.group}/${d.storage.resource}`;
    if (seen.has(key) || d.preferred === false) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}
