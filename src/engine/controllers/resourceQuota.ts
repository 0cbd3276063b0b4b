import type { ResourceQuota } from 'kubernetes-types/core/v1';
import { allResources, Resources } from '../apiserver/registry/resources';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import { keyOf, splitKey, type Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import type { GroupResource } from '../quota/evaluator';
import { newObjectCountEvaluator } from '../quota/objectCount';
import { calculateUsage, isIgnoredResource, newEvaluators, QuotaRegistry } from '../quota/registry';
import { equals, fromApi, mask, toApi } from '../quota/resources';
import type { Controller, ControllerContext } from './controller';
import { QuotaMonitor } from './resourceQuotaMonitor';

// The resource quota controller of pkg/controller/resourcequota/resource_quota_controller.go
// (v1.32): it keeps status.hard equal to spec.hard and recounts status.used from the informer caches
// when a quota is created or its hard limits change, when counted objects go away or stop counting
// (replenishment), and for every quota each resync period. Admission charges creates as they
// happen, so creates need no recount. One queue stands for upstream's two (missing usage first):
// in the simulation both drain at once.

/** ResourceQuotaSyncPeriodMs is --resource-quota-sync-period's default: a full recount this often. */
export const ResourceQuotaSyncPeriodMs = 5 * 60_000;
/** ConcurrentResourceQuotaSyncs is --concurrent-resource-quota-syncs's default. */
export const ConcurrentResourceQuotaSyncs = 5;

// The resources the core evaluators measure, monitored from the start.
const coreMonitored = [
  Resources.pods,
  Resources.services,
  Resources.persistentvolumeclaims,
  Resources.configmaps,
  Resources.secrets,
  Resources.replicationcontrollers,
  Resources.resourcequotas,
];

export class ResourceQuotaController implements Controller {
  readonly name = 'resourcequota-controller';
  private readonly queue: WorkQueue;
  private readonly quotas: Informer<ResourceQuota>;
  private readonly registry: QuotaRegistry;
  private readonly monitor: QuotaMonitor;
  private stopResync?: () => void;

  constructor(private readonly ctx: ControllerContext) {
    const now = () => ctx.sim.clock.now();
    this.queue = new WorkQueue(ctx.sim.timers, ConcurrentResourceQuotaSyncs);
    this.monitor = new QuotaMonitor(ctx.informers, (gr, ns) => this.replenishQuota(gr, ns), now);
    this.registry = new QuotaRegistry(newEvaluators((gr) => this.monitor.listerFor(gr), now));
    for (const def of coreMonitored) this.monitor.monitor(def);
    this.quotas = ctx.informers.for<ResourceQuota>(Resources.resourcequotas);
    this.quotas.addEventHandler({
      onAdd: (q) => this.queue.add(keyOf(q)),
      // Status updates are this controller's own (or admission's): only a change of spec.hard needs a sync.
      onUpdate: (old, cur) => {
        if (!equals(fromApi(old.spec?.hard), fromApi(cur.spec?.hard))) this.queue.add(keyOf(cur));
      },
      onDelete: (q) => this.queue.add(keyOf(q)),
    });
  }

  run(): void {
    this.queue.run((key) => this.sync(key));
    this.stopResync = this.ctx.sim.timers.every(ResourceQuotaSyncPeriodMs, () => this.enqueueAll());
  }

  stop(): void {
    this.stopResync?.();
    this.queue.shutdown();
  }

  /** sync is syncResourceQuotaFromKey: recount the quota and write its status if anything changed. */
  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const quota = this.quotas.lister.get(namespace, name);
    if (!quota) return;
    await this.monitorCountedResources(quota);
    await this.syncResourceQuota(quota);
  }

  private async syncResourceQuota(quota: ResourceQuota): Promise<void> {
    const hard = fromApi(quota.spec?.hard);
    const oldUsed = fromApi(quota.status?.used);
    const newUsage = calculateUsage(quota.metadata?.namespace ?? '', quota.spec?.scopes, hard, this.registry, quota.spec?.scopeSelector);
    // Usage this controller cannot measure keeps its last observation; resources no longer limited go.
    const used = mask({ ...oldUsed, ...newUsage }, Object.keys(hard));
    const dirty =
      quota.status?.hard === undefined ||
      quota.status?.used === undefined ||
      !equals(hard, fromApi(quota.status.hard)) ||
      !equals(used, oldUsed);
    if (!dirty) return;
    await this.ctx.client.updateStatus<ResourceQuota>(Resources.resourcequotas, { ...quota, status: { hard: toApi(hard), used: toApi(used) } });
  }

  /** replenishQuota queues the namespace's quotas that limit something gr's evaluator measures. */
  private replenishQuota(gr: GroupResource, namespace: string): void {
    const evaluator = this.registry.get(gr);
    if (!evaluator) return;
    for (const q of this.quotas.lister.list(namespace)) {
      if (evaluator.matchingResources(Object.keys(q.status?.hard ?? {})).length > 0) this.queue.add(keyOf(q));
    }
  }

  /** enqueueAll queues every quota for a full recount. */
  private enqueueAll(): void {
    for (const q of this.quotas.lister.list()) this.queue.add(keyOf(q));
  }

  /**
   * monitorCountedResources gives each count/<resource>[.<group>] the quota limits an object count
   * evaluator and a monitor, and waits for its cache, as upstream's monitors for all resources do.
   */
  private async monitorCountedResources(quota: ResourceQuota): Promise<void> {
    for (const name of Object.keys(quota.spec?.hard ?? {})) {
      const def = countedResource(name);
      if (!def) continue;
      const gr = { group: def.group, resource: def.resource };
      if (isIgnoredResource(gr)) continue;
      await this.monitor.monitorLate(def);
      if (!this.registry.get(gr)) this.registry.add(newObjectCountEvaluator(gr, this.monitor.listerFor(gr)));
    }
  }
}

/** countedResource finds the served, namespaced resource a "count/<resource>[.<group>]" name counts. */
function countedResource(name: string): ResourceDefinition | undefined {
  if (!name.startsWith('count/')) return undefined;
  const rest = name.slice('count/'.length);
  const dot = rest.indexOf('.');
  const resource = dot < 0 ? rest : rest.slice(0, dot);
  const group = dot < 0 ? '' : rest.slice(dot + 1);
  return allResources.find((d) => d.namespaced && d.group === group && d.resource === resource && d.preferred !== false);
}
