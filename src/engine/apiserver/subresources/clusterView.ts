import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../kubelet/programs/clusterDns';
import { referencedResources, referencedView } from '../../kubelet/referencedObjects';
import type { ServerContext } from '../handlers/context';

/** findObject reads a core/v1 object (pods, services, endpoints, …) through its registry: undefined when there is none. */
export function findObject<T>(ctx: ServerContext, resource: string, namespace: string, name: string): T | undefined {
  const s = ctx.strategies.lookup('', 'v1', resource)!;
  return ctx.registry.tryGet(s, namespace, name) as unknown as T | undefined;
}

/**
 * storeClusterView reads what a container's simulated process may depend on (its ConfigMaps,
 * Secrets, the Services it looks up and those whose variables its environment holds) from the
 * store, as the kubelet reads them from its watches and its Service lister.
 */
export function storeClusterView(ctx: ServerContext, namespace: string): ClusterView {
  const view = referencedView((kind, ns, name) => findObject<ConfigMap | Secret | Service>(ctx, referencedResources[kind].resource, ns, name) ?? null, namespace);
  const servicesFor = (ns: string) => [...ctx.store.list('core/services', ns), ...(ns === 'default' ? [] : ctx.store.list('core/services', 'default'))] as unknown as Service[];
  return { ...view, servicesFor };
}
