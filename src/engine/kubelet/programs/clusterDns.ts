import type { Service } from 'kubernetes-types/core/v1';
import type { ConfigObjects } from './containerEnv';
import type { NodeAllocatable } from './downwardAPI';
import type { ClusterNetwork } from './network';

// Cluster DNS as a container's lookups see it: a Service's name resolves from when the Service
// exists. Names outside the cluster domain are taken to resolve at once (no resolver is simulated).

/** ServiceLookup finds when a Service was created (simulated ms): null when it does not exist, undefined while not known yet. */
export type ServiceLookup = (namespace: string, name: string) => number | null | undefined;

/** WritableLayers keeps the files exec'd commands write in each container run (a new attempt starts clean, as a restarted container does). */
export interface WritableLayers {
  files(podUid: string, container: string, attempt: number): ReadonlyMap<string, string | undefined> | undefined;
  write(podUid: string, container: string, attempt: number, path: string, content: string | undefined): void;
}

/** ClusterView is what a container's program may read of the cluster beyond its pod. */
export interface ClusterView {
  objects?: ConfigObjects;
  /** services answers lookups; without it every name resolves at once. */
  services?: ServiceLookup;
  /** serviceIP is a Service's cluster IP, which its DNS name resolves to (a log's nslookup prints it). */
  serviceIP?: (namespace: string, name: string) => string | undefined;
  /** startMs is when the run began (simulated ms). */
  startMs?: number;
  /** allocatable is the node's, read for limits a container leaves unset. */
  allocatable?: NodeAllocatable;
  /** servicesFor lists a namespace's Services and the default namespace's, whose environment variables containers get. */
  servicesFor?: (namespace: string) => Service[];
  /** writable is the containers' writable layers: what commands run by exec wrote, by pod uid, container and attempt. */
  writable?: WritableLayers;
  /** network is the cluster's network at this moment, for a command exec runs. */
  network?: ClusterNetwork;
}

/**
 * serviceOfName maps a DNS name to the Service it names, as the pod's search path does: "db" in the
 * pod's namespace, "db.team.svc" and "db.team.svc.cluster.local" in team. Other names ("db.team",
 * "example.com") are taken for names outside the cluster.
 */
export function serviceOfName(name: string, podNamespace: string): { namespace: string; name: string } | undefined {
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.length === 1 && labels[0]) return { namespace: podNamespace, name: labels[0] };
  const [service, namespace, svc, ...rest] = labels;
  if (svc === 'svc' && (rest.length === 0 || rest.join('.') === 'cluster.local')) return { namespace, name: service };
  return undefined;
}

/** resolver says when each name resolves for a pod of podNamespace, from what view knows of Services. */
export function resolver(view: ClusterView | undefined, podNamespace: string): (name: string) => number {
  return (name) => {
    const services = view?.services;
    const target = services && serviceOfName(name, podNamespace);
    if (!target) return -Infinity;
    return services(target.namespace, target.name) ?? Infinity;
  };
}

/** serviceAddress is what a Service's DNS name resolves to: its FQDN and cluster IP; undefined for other names, and headless or unknown Services. */
export function serviceAddress(view: ClusterView | undefined, podNamespace: string): (name: string) => { fqdn: string; ip: string } | undefined {
  return (name) => {
    const target = serviceOfName(name, podNamespace);
    const ip = target && view?.serviceIP?.(target.namespace, target.name);
    return ip && ip !== 'None' ? { fqdn: `${target.name}.${target.namespace}.svc.cluster.local`, ip } : undefined;
  };
}
