import type { Namespace, NamespaceCondition } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../api/object';
import { isApiError } from '../apiserver/errors';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { allResources, Resources } from '../apiserver/registry/resources';
import { formatTime } from '../sim/clock';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { QueueController, type ControllerContext } from './controller';

/** FinalizerKubernetes is the spec finalizer the namespace controller removes when a namespace is empty. */
export const FinalizerKubernetes = 'kubernetes';

/** requeueWhileContentRemainsMs is how soon a namespace still holding content is looked at again. */
const requeueWhileContentRemainsMs = 2000;

/**
 * NamespaceController is the namespace lifecycle controller: for a namespace being deleted it
 * deletes everything in it, resource by resource, reports progress in the namespace's
 * conditions, and once nothing is left removes the "kubernetes" finalizer so the namespace goes.
 */
export class NamespaceController extends QueueController {
  readonly name = 'namespace-controller';
  protected readonly queue: WorkQueue;
  private readonly namespaces: Informer<Namespace>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.namespaces = ctx.informers.for<Namespace>(Resources.namespaces);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.enqueue(ns),
      onUpdate: (_o, ns) => this.enqueue(ns),
    });
  }

  async sync(name: string): Promise<void> {
    const ns = this.namespaces.lister.get(undefined, name);
    if (!ns?.metadata?.deletionTimestamp) return;
    const remaining: string[] = [];
    for (const res of namespacedResources()) {
      const list = await this.ctx.client.list<KubeObject>(res, { namespace: name });
      if (list.items.length === 0) continue;
      remaining.push(`${res.resource}${res.group ? '.' + res.group : ''} has ${list.items.length} resource instances`);
      for (const o of list.items) {
        if (o.metadata?.deletionTimestamp) continue;
        try {
          await this.ctx.client.delete(res, name, o.metadata!.name!, { propagationPolicy: 'Background' });
        } catch (e) {
          if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
        }
      }
    }
    await this.updateConditions(ns, remaining);
    if (remaining.length > 0) {
      this.queue.addAfter(name, requeueWhileContentRemainsMs);
      return;
    }
    const finalizers = (ns.spec?.finalizers ?? []).filter((f) => f !== FinalizerKubernetes);
    const res = await this.ctx.client.raw({
      method: 'PUT',
      path: `/api/v1/namespaces/${name}/finalize`,
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: { finalizers } },
    });
    if (res.status >= 400 && res.status !== 404) throw new Error(`finalize namespace ${name}: ${res.status}`);
  }

  private async updateConditions(ns: Namespace, remaining: string[]): Promise<void> {
    const now = formatTime(this.ctx.sim.clock.now());
    const cond = (type: string, status: string, reason: string, message: string): NamespaceCondition => {
      const prev = ns.status?.conditions?.find((c) => c.type === type);
      const same = prev && prev.status === status && prev.reason === reason && prev.message === message;
      return { type, status, lastTransitionTime: same ? prev.lastTransitionTime : now, reason, message };
    };
    // Condition types and texts from pkg/controller/namespace/deletion (v1.32).
    const conditions = [
      cond('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
      cond('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
      cond('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
      remaining.length
        ? cond('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${remaining.join(', ')}`)
        : cond('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
      cond('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
    ];
    const before = JSON.stringify(ns.status?.conditions ?? []);
    if (before === JSON.stringify(conditions)) return;
    try {
      await this.ctx.client.updateStatus(Resources.namespaces, { ...ns, status: { ...ns.status, phase: 'Terminating', conditions } });
    } catch (e) {
      if (!isApiError(e, 'NotFound') && !isApiError(e, 'Conflict')) throw e;
    }
  }

  private enqueue(ns: Namespace): void {
    if (ns.metadata?.deletionTimestamp) this.queue.add(ns.metadata.name!);
  }
}

/** namespacedResources are the namespaced resources a namespace deletion empties, each storage once. */
function namespacedResources(): ResourceDefinition[] {
  const seen = new Set<string>();
  return allResources.filter((d) => {
    if (!d.namespaced || !d.verbs.includes('list') || d.preferred === false) return false;
    const key = `${d.storage.group}/${d.storage.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
