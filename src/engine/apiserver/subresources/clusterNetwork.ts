import type { Endpoints, Node, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import { serviceOfName } from '../../kubelet/programs/clusterDns';
import type { ClusterNetwork, Connection, Lookup } from '../../kubelet/programs/network';
import type { ServerContext } from '../handlers/context';
import { ClusterDNS } from '../../kubelet/config';
import { connectionAllowed } from './networkPolicy';
import { connectToPod } from './podNetwork';

const Loopback = '127.0.0.1';

function get<T>(ctx: ServerContext, resource: string, ns: string, name: string): T | undefined {
  const s = ctx.strategies.lookup('', 'v1', resource)!;
  return ctx.registry.tryGet(s, ns, name) as unknown as T | undefined;
}

function list<T>(ctx: ServerContext, resource: string): T[] {
  return ctx.store.list(`core/${resource}`) as unknown as T[];
}

/** readyAddresses are a Service's ready endpoints: address, port (by the Service port's name) and pod. */
function readyAddresses(eps: Endpoints | undefined, portName: string): { ip: string; port: number; pod?: string }[] {
  const out: { ip: string; port: number; pod?: string }[] = [];
  for (const ss of eps?.subsets ?? []) {
    const port = (ss.ports ?? []).find((p) => (p.name ?? '') === portName);
    if (!port) continue;
    for (const a of ss.addresses ?? []) out.push({ ip: a.ip, port: port.port, pod: a.targetRef?.kind === 'Pod' ? a.targetRef.name : undefined });
  }
  return out;
}

/**
 * storeClusterNetwork is the cluster's network as a pod of namespace sees it now, read from the
 * store: CoreDNS's records for Services (a cluster IP, or a headless Service's ready endpoints) on
 * the pod's search path, and kube-proxy's routing of a cluster IP and port to a ready endpoint
 * picked at random (a Service without one rejects the connection; a port it does not serve goes
 * nowhere); a node's address with a Service's nodePort goes the same way. Pod IPs are reached
 * directly. NetworkPolicies decide what the source pod may reach.
 */
export function storeClusterNetwork(ctx: ServerContext, namespace: string, source: Pod): ClusterNetwork {
  // What the network policies let through from the source pod; a blocked connection goes nowhere.
  const reach = (pod: Pod, port: number, request: Parameters<ClusterNetwork['connect']>[2]): Connection =>
    connectionAllowed(ctx, source, pod, port) ? connectToPod(ctx, pod, port, request) : { kind: 'timeout' };
  const resolveService = (ns: string, name: string): Lookup => {
    const svc = get<Service>(ctx, 'services', ns, name);
    if (!svc) return 'nxdomain';
    const fqdn = `${name}.${ns}.svc.cluster.local`;
    if (svc.spec?.type === 'ExternalName') return 'outside';
    if (svc.spec?.clusterIP !== 'None') return { fqdn, addresses: [svc.spec?.clusterIP ?? ''] };
    const eps = get<Endpoints>(ctx, 'endpoints', ns, name);
    const addresses = [...new Set((eps?.subsets ?? []).flatMap((ss) => (ss.addresses ?? []).map((a) => a.ip)))].sort();
    return addresses.length ? { fqdn, addresses } : 'nxdomain';
  };
  return {
    dnsServer: ClusterDNS,
    lookup(name: string): Lookup {
      if (name === 'localhost') return { fqdn: 'localhost', addresses: [Loopback] };
      const target = serviceOfName(name, namespace);
      if (target) return resolveService(target.namespace, target.name);
      // "db.team" finds the Service db in team through the svc.cluster.local search domain, if there is one.
      const labels = name.replace(/\.$/, '').split('.');
      if (labels.length === 2 && get<Service>(ctx, 'services', labels[1], labels[0])) return resolveService(labels[1], labels[0]);
      return /\.cluster\.local\.?$/.test(name) ? 'nxdomain' : 'outside';
    },
    connect(ip, port, request): Connection {
      // The loopback address is the pod's own network namespace: its containers' listeners.
      if (ip === Loopback) return connectToPod(ctx, source, port, request);
      // kube-proxy sends a Service's port to one of its ready endpoints, picked at random.
      const toEndpoint = (svc: Service, sp: ServicePort): Connection => {
        const ns = svc.metadata?.namespace ?? '';
        const ready = readyAddresses(get<Endpoints>(ctx, 'endpoints', ns, svc.metadata?.name ?? ''), sp.name ?? '');
        if (ready.length === 0) return { kind: 'refused' };
        const pick = ready[ctx.proxyRng.int(ready.length)];
        const pod = pick.pod ? get<Pod>(ctx, 'pods', ns, pick.pod) : undefined;
        return pod ? reach(pod, pick.port, request) : { kind: 'refused' };
      };
      const tcp = (p: ServicePort) => (p.protocol ?? 'TCP') === 'TCP';
      const services = list<Service>(ctx, 'services');
      const svc = services.find((s) => s.spec?.clusterIP === ip || s.spec?.clusterIPs?.includes(ip));
      if (svc) {
        const sp = svc.spec?.ports?.find((p) => p.port === port && tcp(p));
        return sp ? toEndpoint(svc, sp) : { kind: 'timeout' };
      }
      const pod = list<Pod>(ctx, 'pods').find((p) => p.status?.podIP === ip);
      if (pod) return reach(pod, port, request);
      // A node's address: a NodePort of any Service on every node, else nothing listens there for pods.
      if (list<Node>(ctx, 'nodes').some((n) => n.status?.addresses?.some((a) => a.address === ip))) {
        for (const s of services) {
          const sp = s.spec?.ports?.find((p) => p.nodePort === port && tcp(p));
          if (sp) return toEndpoint(s, sp);
        }
        return { kind: 'refused' };
      }
      // Inside the Service and pod ranges an address nothing has goes nowhere; beyond them is the outside world.
      return /^10\.(96|244)\./.test(ip) ? { kind: 'timeout' } : { kind: 'outside' };
    },
  };
}
