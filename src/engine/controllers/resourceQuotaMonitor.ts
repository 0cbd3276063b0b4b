import type { KubeObject } from '../api/object';
import type { ResourceDefinition } from '../apiserver/registry/resourceDefinition';
import type { Informer } from '../client/informer';
import type { InformerFactory } from '../client/informerFactory';
import type { GroupResource, ListFuncByNamespace } from '../quota/evaluator';
import { requiresReplenishment } from '../quota/updateFilter';

// The QuotaMonitor of pkg/controller/resourcequota/resource_quota_monitor.go (v1.32): an informer
// per quota'd resource whose deletes, and the updates the update filter picks, ask the controller to
// recount the namespace's quotas. Upstream monitors every resource discovery lists; here the core
// evaluators' resources are monitored from the start and others once a quota counts them.

/** ReplenishmentFunc is told that usage of gr in namespace may have gone down. */
export type ReplenishmentFunc = (gr: GroupResource, namespace: string) => void;

const grKey = (gr: GroupResource) => `${gr.group}/${gr.resource}`;

/** QuotaMonitor watches the resources quota counts. */
export class QuotaMonitor {
  private readonly monitors = new Map<string, Informer<KubeObject>>();
  private readonly starting = new Map<string, Promise<void>>();

  constructor(
    private readonly informers: InformerFactory,
    private readonly replenish: ReplenishmentFunc,
    private readonly now: () => number,
  ) {}

  /** monitor watches def; call it before the informers start. */
  monitor(def: ResourceDefinition): void {
    const gr = { group: def.group, resource: def.resource };
    if (this.monitors.has(grKey(gr))) return;
    const informer = this.informers.for<KubeObject>(def);
    const replenish = (obj: KubeObject) => this.replenish(gr, obj.metadata?.namespace ?? '');
    informer.addEventHandler({
      onUpdate: (oldObj, newObj) => {
        if (requiresReplenishment(gr, oldObj, newObj, this.now())) replenish(newObj);
      },
      onDelete: replenish,
    });
    this.monitors.set(grKey(gr), informer);
  }

  /** monitorLate watches def once the informers run, and resolves when its cache holds the initial list. */
  async monitorLate(def: ResourceDefinition): Promise<void> {
    const key = grKey({ group: def.group, resource: def.resource });
    if (!this.monitors.has(key)) {
      this.monitor(def);
      const informer = this.monitors.get(key)!;
      if (!informer.hasSynced) this.starting.set(key, informer.start());
    }
    await this.starting.get(key);
  }

  /** listerFor lists gr's objects in a namespace from the monitor's cache. */
  listerFor(gr: GroupResource): ListFuncByNamespace {
    return (namespace) => this.monitors.get(grKey(gr))?.lister.list(namespace) ?? [];
  }
}
