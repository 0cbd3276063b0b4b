import type { ConfigMap, Secret, Service } from 'kubernetes-types/core/v1';
import type { ClusterView } from '../../kubelet/programs/clusterDns';
import { referencedResources, referencedView } from '../../kubelet/referencedObjects';
import type { ServerContext } from '../handlers/context';

/**
 * storeClusterView reads what a container's simulated process may depend on (its ConfigMaps,
 * Secrets, the Services it looks up and those whose variables its environment holds) from the
 * store, as the kubelet reads them from its watches and its Service lister.
 */
export function storeClusterView(ctx: ServerContext, namespace: string): ClusterView {
  const view = referencedView((kind, ns, name) => {
    const s = ctx.strategies.lookup('', 'v1', referencedResources[kind].resource)!;
    return (ctx.registry.tryGet(s, ns, name) as unknown as ConfigMap | Secret | Service | undefined) ?? null;
  }, namespace);
  const servicesFor = (ns: string) => [...ctx.store.list('core/services', ns), ...(ns === 'default' ? [] : ctx.store.list('core/services', 'default'))] as unknown as Service[];
  return { ...view, servicesFor };
}
