import type { Container, Pod } from 'kubernetes-types/core/v1';
import type { ConfigObjects } from './containerEnv';

/** serviceAccountNamespace is the file of the service account volume every pod mounts that names its namespace. */
export const serviceAccountNamespace = '/var/run/secrets/kubernetes.io/serviceaccount/namespace';

const join = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;

/**
 * containerFiles are the files a container sees from its ConfigMap and Secret volume mounts (every
 * key, or the listed items, under the mount path; one key as the file a subPath mounts), plus the
 * service account's namespace file, by absolute path. What the container writes is not kept here.
 */
export function containerFiles(pod: Pod, c: Container, objects?: ConfigObjects): Record<string, string> {
  const files: Record<string, string> = { [serviceAccountNamespace]: pod.metadata?.namespace ?? '' };
  for (const m of c.volumeMounts ?? []) {
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    const source = v?.configMap ? { kind: 'ConfigMap' as const, name: v.configMap.name, items: v.configMap.items } : v?.secret ? { kind: 'Secret' as const, name: v.secret.secretName, items: v.secret.items } : undefined;
    const data = source && objects?.(source.kind, source.name ?? '');
    if (!source || !data) continue;
    const entries: [string, string][] = source.items ? source.items.filter((i) => i.key in data).map((i) => [i.path, data[i.key]]) : Object.entries(data);
    if (m.subPath) {
      const found = entries.find(([path]) => path === m.subPath);
      if (found) files[m.mountPath] = found[1];
      continue;
    }
    for (const [path, content] of entries) files[join(m.mountPath, path)] = content;
  }
  return files;
}

/** listDirectory names the files directly in dir, sorted, as `ls` prints them one per line. */
export function listDirectory(files: Readonly<Record<string, string>>, dir: string): string[] {
  const prefix = join(dir, '');
  const names = new Set<string>();
  for (const path of Object.keys(files)) if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]);
  return [...names].sort();
}
