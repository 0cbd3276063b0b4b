import type { ConfigMap, Container, Pod, Secret, Service } from 'kubernetes-types/core/v1';
import { decodeBase64 } from '../api/base64';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { Informer, type RetryAfter } from '../client/informer';
import { parseTime } from '../sim/clock';
import { serviceOfName, type ServiceLookup } from './programs/clusterDns';
import type { ConfigKind, ConfigObjects } from './programs/containerEnv';
import { containerProgram } from './programs/program';
import { projections } from './volumeMounts';

/** configData is what a container's environment reads of an object: a ConfigMap's data, a Secret's decoded. */
export function configData(kind: ConfigKind, obj: ConfigMap | Secret): Record<string, string> {
  if (kind === 'ConfigMap') return { ...(obj as ConfigMap).data };
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((obj as Secret).data ?? {})) out[k] = decodeBase64(v) ?? '';
  return out;
}

/** configReferences lists the ConfigMaps and Secrets a pod's volumes and container environments read, as "Kind/name". */
export function configReferences(pod: Pod): Set<string> {
  const refs = new Set<string>();
  for (const v of pod.spec?.volumes ?? []) {
    for (const p of projections(v)) if (p.kind === 'ConfigMap' || p.kind === 'Secret') refs.add(`${p.kind}/${p.name}`);
  }
  const containers: Container[] = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
  for (const c of containers) {
    for (const from of c.envFrom ?? []) {
      if (from.configMapRef) refs.add(`ConfigMap/${from.configMapRef.name ?? ''}`);
      if (from.secretRef) refs.add(`Secret/${from.secretRef.name ?? ''}`);
    }
    for (const e of c.env ?? []) {
      if (e.valueFrom?.configMapKeyRef) refs.add(`ConfigMap/${e.valueFrom.configMapKeyRef.name ?? ''}`);
      if (e.valueFrom?.secretKeyRef) refs.add(`Secret/${e.valueFrom.secretKeyRef.name ?? ''}`);
    }
  }
  return refs;
}

const lookupCommand = /\b(nslookup|host)\b/;

/** awaitedServices lists the Services a pod's scripts wait for (`until nslookup …`), as "namespace/Service/name". */
export function awaitedServices(pod: Pod): Set<string> {
  const out = new Set<string>();
  const namespace = pod.metadata?.namespace ?? '';
  for (const c of [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])]) {
    // Only a command that looks names up can wait for one: most pods are not parsed at all.
    if (!lookupCommand.test([...(c.command ?? []), ...(c.args ?? [])].join(' '))) continue;
    for (const name of containerProgram(pod, c).awaits ?? []) {
      const target = serviceOfName(name, namespace);
      if (target) out.add(`${target.namespace}/Service/${target.name}`);
    }
  }
  return out;
}

/** ReferencedKind is a kind of object pods refer to by name. */
export type ReferencedKind = ConfigKind | 'Service';

/** referencedResources are where each referenced kind is served. */
export const referencedResources = { ConfigMap: Resources.configmaps, Secret: Resources.secrets, Service: Resources.services };

/** ObjectFinder finds a referenced object: null when it does not exist, undefined while it is not known yet. */
export type ObjectFinder = (kind: ReferencedKind, namespace: string, name: string) => ConfigMap | Secret | Service | null | undefined;

/** ReferencedView is what a container reads of the objects its pod refers to. */
export interface ReferencedView {
  objects: ConfigObjects;
  services: ServiceLookup;
  serviceIP: (namespace: string, name: string) => string | undefined;
}

/** referencedView reads, through find, the ConfigMaps and Secrets of a pod's namespace and when Services appeared. */
export function referencedView(find: ObjectFinder, namespace: string): ReferencedView {
  return {
    objects: (kind, name) => {
      const obj = find(kind, namespace, name) as ConfigMap | Secret | null | undefined;
      return obj ? configData(kind, obj) : obj;
    },
    services: (ns, name) => {
      const svc = find('Service', ns, name);
      return svc ? parseTime(svc.metadata?.creationTimestamp ?? '') : svc;
    },
    serviceIP: (ns, name) => (find('Service', ns, name) as Service | null | undefined)?.spec?.clusterIP,
  };
}

interface ObjectWatch {
  key: string;
  informer: Informer<ConfigMap | Secret | Service>;
  pods: Set<string>;
}

/**
 * ReferencedObjectWatches is what the kubelet knows of the objects its pods refer to: the
 * ConfigMaps and Secrets they mount and their environments read, as the kubelet's watch-based
 * managers (the default configMapAndSecretChangeDetectionStrategy) know them, and the Services their
 * scripts wait for in DNS, standing in for what CoreDNS would answer. Each object is watched on its
 * own (a metadata.name field selector), from the first pod that refers to it to the last: the node
 * never lists every Secret of the cluster.
 */
export class ReferencedObjectWatches {
  private readonly watches = new Map<string, ObjectWatch>();
  private readonly podRefs = new Map<string, string[]>();

  constructor(
    private readonly client: ApiClient,
    private readonly retryAfter: RetryAfter,
  ) {}

  /** register opens the watches a pod needs (once per pod). */
  register(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.podRefs.has(uid)) return;
    const namespace = pod.metadata?.namespace ?? '';
    const keys: string[] = [];
    for (const key of [...[...configReferences(pod)].map((ref) => `${namespace}/${ref}`), ...awaitedServices(pod)]) {
      let watch = this.watches.get(key);
      if (!watch) {
        const [ns, kind, name] = key.split('/') as [string, ReferencedKind, string];
        const informer = new Informer<ConfigMap | Secret | Service>(this.client, referencedResources[kind], { namespace: ns, fieldSelector: `metadata.name=${name}` }, this.retryAfter);
        watch = { key, informer, pods: new Set() };
        this.watches.set(key, watch);
        // A failed list is retried with back-off; until it lists, the lookups stay unknown and the container waits.
        void informer.start().catch(() => undefined);
      }
      // Every pod of a namespace mounts its kube-root-ca.crt: the pods share the watch's key string.
      keys.push(watch.key);
      watch.pods.add(uid);
    }
    // A pod that references nothing (not even its namespace's kube-root-ca.crt) costs no entry here.
    if (keys.length) this.podRefs.set(uid, keys);
  }

  /** unregister closes the watches no other pod of the node needs. */
  unregister(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    for (const key of this.podRefs.get(uid) ?? []) {
      const watch = this.watches.get(key);
      if (!watch) continue;
      watch.pods.delete(uid);
      if (watch.pods.size === 0) {
        watch.informer.stop();
        this.watches.delete(key);
      }
    }
    this.podRefs.delete(uid);
  }

  /** view reads the watched objects for a pod of namespace: undefined until a watch has listed its object. */
  view(namespace: string): ReferencedView {
    return referencedView(this.find, namespace);
  }

  private readonly find: ObjectFinder = (kind, namespace, name) => {
    const watch = this.watches.get(`${namespace}/${kind}/${name}`);
    if (!watch?.informer.hasSynced) return undefined;
    return watch.informer.lister.get(namespace, name) ?? null;
  };

  stop(): void {
    for (const watch of this.watches.values()) watch.informer.stop();
    this.watches.clear();
    this.podRefs.clear();
  }
}
