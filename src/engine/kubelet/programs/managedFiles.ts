import type { Pod } from 'kubernetes-types/core/v1';
import { ClusterDNS } from '../config';

/**
 * managedFiles are the files the kubelet writes into every container (kubelet_pods.go): the
 * Kubernetes-managed /etc/hosts (with the pod's own name, its subdomain's FQDN when it has one, and
 * its hostAliases), /etc/hostname, and /etc/resolv.conf as the pod's dnsPolicy makes it.
 */
export function managedFiles(pod: Pod): Record<string, string> {
  const spec = pod.spec;
  const hostname = spec?.hostname || pod.metadata?.name || '';
  const ns = pod.metadata?.namespace ?? 'default';
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter(Boolean);
  if (ips.length === 0 && pod.status?.podIP) ips.push(pod.status.podIP);
  let hosts = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const domain = spec?.subdomain ? `${spec.subdomain}.${ns}.svc.cluster.local` : '';
  for (const ip of ips) hosts += domain ? `${ip}\t${hostname}.${domain}\t${hostname}\n` : `${ip}\t${hostname}\n`;
  if (spec?.hostAliases?.length) {
    hosts += '\n# Entries added by HostAliases.\n';
    for (const a of spec.hostAliases) hosts += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return { '/etc/hosts': hosts, '/etc/hostname': `${hostname}\n`, '/etc/resolv.conf': resolvConf(pod) };
}

/** resolvConf is /etc/resolv.conf for the pod's dnsPolicy and dnsConfig (pkg/kubelet/network/dns). */
function resolvConf(pod: Pod): string {
  const spec = pod.spec;
  const ns = pod.metadata?.namespace ?? 'default';
  const policy = spec?.dnsPolicy ?? 'ClusterFirst';
  // A host-network pod uses the node's DNS unless its policy says ClusterFirstWithHostNet.
  const cluster = policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !spec?.hostNetwork);
  let servers: string[] = [];
  let searches: string[] = [];
  let options: string[] = [];
  if (cluster) {
    servers = [ClusterDNS];
    searches = [`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
    options = ['ndots:5'];
  } else if (policy !== 'None') {
    // The kind node's own resolver: the Docker network's gateway.
    servers = ['172.18.0.1'];
  }
  const config = spec?.dnsConfig;
  servers = [...new Set([...servers, ...(config?.nameservers ?? [])])];
  searches = [...new Set([...searches, ...(config?.searches ?? [])])];
  for (const o of config?.options ?? []) {
    const text = o.value !== undefined ? `${o.name}:${o.value}` : (o.name ?? '');
    options = [...options.filter((x) => x.split(':')[0] !== o.name), text];
  }
  return `${searches.length ? `search ${searches.join(' ')}\n` : ''}${servers.map((s) => `nameserver ${s}\n`).join('')}${options.length ? `options ${options.join(' ')}\n` : ''}`;
}
