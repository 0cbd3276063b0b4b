import type { ConfigMap, Container, Pod, Secret } from 'kubernetes-types/core/v1';
import { decodeBase64 } from '../api/base64';
import { Resources } from '../apiserver/registry/resources';
import type { ApiClient } from '../client/apiClient';
import { Informer } from '../client/informer';
import type { ConfigKind, ConfigObjects } from './programs/containerEnv';

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
    if (v.configMap) refs.add(`ConfigMap/${v.configMap.name ?? ''}`);
    if (v.secret) refs.add(`Secret/${v.secret.secretName ?? ''}`);
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

interface ObjectWatch {
  informer: Informer<ConfigMap | Secret>;
  pods: Set<string>;
}

/**
 * ConfigObjectWatches is what the kubelet knows of the ConfigMaps and Secrets its pods mount and
 * their containers' environments read. Like the kubelet's watch-based managers (the default
 * configMapAndSecretChangeDetectionStrategy), it watches each object on its own (a metadata.name
 * field selector), from the first pod that references it to the last: the node never lists every
 * Secret of the cluster.
 */
export class ConfigObjectWatches {
  private readonly watches = new Map<string, ObjectWatch>();
  private readonly podRefs = new Map<string, string[]>();

  constructor(private readonly client: ApiClient) {}

  /** register opens the watches a pod needs (once per pod). */
  register(pod: Pod): void {
    const uid = pod.metadata?.uid ?? '';
    if (this.podRefs.has(uid)) return;
    const namespace = pod.metadata?.namespace ?? '';
    const keys: string[] = [];
    for (const ref of configReferences(pod)) {
      const [kind, name] = ref.split('/') as [ConfigKind, string];
      const key = `${namespace}/${ref}`;
      keys.push(key);
      let watch = this.watches.get(key);
      if (!watch) {
        const resource = kind === 'ConfigMap' ? Resources.configmaps : Resources.secrets;
        const informer = new Informer<ConfigMap | Secret>(this.client, resource, { namespace, fieldSelector: `metadata.name=${name}` });
        watch = { informer, pods: new Set() };
        this.watches.set(key, watch);
        // A failed list is retried by nothing else: the lookups stay unknown and the container waits.
        void informer.start().catch(() => undefined);
      }
      watch.pods.add(uid);
    }
    // Most pods reference nothing: they cost the kubelet no entry here.
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

  /** objects reads the watched objects of one namespace: undefined until a watch has listed its object. */
  objects(namespace: string): ConfigObjects {
    return (kind, name) => {
      const watch = this.watches.get(`${namespace}/${kind}/${name}`);
      if (!watch?.informer.hasSynced) return undefined;
      const obj = watch.informer.lister.get(namespace, name);
      return obj ? configData(kind, obj) : null;
    };
  }

  stop(): void {
    for (const watch of this.watches.values()) watch.informer.stop();
    this.watches.clear();
    this.podRefs.clear();
  }
}
