import type { Endpoints, Node, Pod, Service, ServicePort } from 'kubernetes-types/core/v1';
import type { ClusterNetwork, Connection, Lookup } from '../../kubelet/programs/network';
import type { ServerContext } from '../handlers/context';
import { ClusterDNS } from '../../kubelet/config';
import { findObject } from './clusterView';
import { connectionAllowed } from './networkPolicy';
import { connectToPod } from './podNetwork';

const Loopback = '127.0.0.1';
const ClusterSuffix = '.svc.cluster.local';

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
  /** record is CoreDNS's answer for a cluster name: a Service, or a pod a headless Service names by hostname. */
  const record = (fqdn: string): Lookup | undefined => {
    if (!fqdn.endsWith(ClusterSuffix)) return undefined;
    const labels = fqdn.slice(0, -ClusterSuffix.length).split('.');
    if (labels.length === 2) {
      const [name, ns] = labels;
      const svc = findObject<Service>(ctx, 'services', ns, name);
      if (!svc) return undefined;
      if (svc.spec?.type === 'ExternalName') return 'outside';
      if (svc.spec?.clusterIP !== 'None') return { fqdn, addresses: [svc.spec?.clusterIP ?? ''] };
      const eps = findObject<Endpoints>(ctx, 'endpoints', ns, name);
      const addresses = [...new Set((eps?.subsets ?? []).flatMap((ss) => (ss.addresses ?? []).map((a) => a.ip)))].sort();
      return addresses.length ? { fqdn, addresses } : undefined;
    }
    if (labels.length === 3) {
      // web-0.nginx.default: the endpoint of the headless Service nginx whose hostname is web-0 (a StatefulSet's pod).
      const [host, name, ns] = labels;
      const eps = findObject<Endpoints>(ctx, 'endpoints', ns, name);
      const ips = (eps?.subsets ?? []).flatMap((ss) => (ss.addresses ?? []).filter((a) => a.hostname === host).map((a) => a.ip));
      return ips.length ? { fqdn, addresses: ips } : undefined;
    }
    return undefined;
  };
  return {
    dnsServer: ClusterDNS,
    lookup(name: string): Lookup {
      if (name === 'localhost') return { fqdn: 'localhost', addresses: [Loopback] };
      // The pod's search path (ndots:5) is tried first for a relative name, then the name itself.
      const bare = name.replace(/\.$/, '');
      const relative = !name.endsWith('.') && bare.split('.').length <= 5;
      const candidates = relative ? [`${bare}.${namespace}${ClusterSuffix}`, `${bare}${ClusterSuffix}`, `${bare}.cluster.local`, bare] : [bare];
      for (const fqdn of candidates) {
        const r = record(fqdn);
        if (r) return r;
      }
      // A single label or a cluster name nothing answers is no such name; others may be the outside world's.
      return /\.cluster\.local$/.test(bare) || !bare.includes('.') ? 'nxdomain' : 'outside';
    },
    connect(ip, port, request): Connection {
      // The loopback address is the pod's own network namespace: its containers' listeners.
      if (ip === Loopback) return connectToPod(ctx, source, port, request);
      // kube-proxy sends a Service's port to one of its ready endpoints, picked at random.
      const toEndpoint = (svc: Service, sp: ServicePort): Connection => {
        const ns = svc.metadata?.namespace ?? '';
        const ready = readyAddresses(findObject<Endpoints>(ctx, 'endpoints', ns, svc.metadata?.name ?? ''), sp.name ?? '');
        if (ready.length === 0) return { kind: 'refused' };
        const pick = ready[ctx.proxyRng.int(ready.length)];
        const pod = pick.pod ? findObject<Pod>(ctx, 'pods', ns, pick.pod) : undefined;
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
