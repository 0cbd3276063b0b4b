import type { Namespace, ServiceAccount } from 'kubernetes-types/core/v1';
import { isApiError } from '../apiserver/errors';
import { Resources } from '../apiserver/registry/resources';
import type { Informer } from '../client/informer';
import { WorkQueue } from '../client/workQueue';
import { QueueController, type ControllerContext } from './controller';
import { hasStatusCause, NamespaceTerminatingCause } from './util/podControl';

// The ServiceAccounts controller of pkg/controller/serviceaccount/serviceaccounts_controller.go (v1.32).

/** DefaultServiceAccountName is the ServiceAccount every namespace gets. */
export const DefaultServiceAccountName = 'default';

/**
 * ServiceAccountsController ensures that every active namespace has a "default" ServiceAccount,
 * creating it when a namespace appears and again whenever it is deleted.
 */
export class ServiceAccountsController extends QueueController {
  readonly name = 'serviceaccount-controller';
  protected readonly queue: WorkQueue;
  private readonly namespaces: Informer<Namespace>;
  private readonly serviceAccounts: Informer<ServiceAccount>;

  constructor(private readonly ctx: ControllerContext) {
    super();
    this.queue = new WorkQueue(ctx.sim.timers);
    this.namespaces = ctx.informers.for<Namespace>(Resources.namespaces);
    this.serviceAccounts = ctx.informers.for<ServiceAccount>(Resources.serviceaccounts);
    this.namespaces.addEventHandler({
      onAdd: (ns) => this.queue.add(ns.metadata!.name!),
      onUpdate: (_old, ns) => this.queue.add(ns.metadata!.name!),
    });
    this.serviceAccounts.addEventHandler({
      onDelete: (sa) => {
        if (sa.metadata?.name === DefaultServiceAccountName) this.queue.add(sa.metadata.namespace!);
      },
    });
  }

  /** sync is syncNamespace: create the default ServiceAccount of an active namespace when missing. */
  async sync(name: string): Promise<void> {
    const ns = this.namespaces.lister.get(undefined, name);
    if (!ns || !isNamespaceActive(ns)) return;
    if (this.serviceAccounts.lister.get(name, DefaultServiceAccountName)) return;
    const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: DefaultServiceAccountName, namespace: name } };
    try {
      await this.ctx.client.create(Resources.serviceaccounts, sa);
    } catch (e) {
      if (isApiError(e, 'AlreadyExists') || hasStatusCause(e, NamespaceTerminatingCause)) return;
      throw e;
    }
  }
}

/**
 * isNamespaceActive is status.phase == Active. The API server sets the phase on create; a namespace
 * without one is taken as active unless it is being deleted.
 */
export function isNamespaceActive(ns: Namespace): boolean {
  const phase = ns.status?.phase;
  return phase === 'Active' || (phase === undefined && !ns.metadata?.deletionTimestamp);
}
