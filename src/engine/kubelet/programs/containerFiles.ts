import type { Container, Pod } from 'kubernetes-types/core/v1';
import { projections } from '../volumeMounts';
import type { ConfigObjects } from './containerEnv';
import type { ProgramContext } from './types';
import { fieldRefValue, type NodeAllocatable, resourceFieldValue } from './downwardAPI';

const join = (dir: string, name: string) => `${dir.replace(/\/+$/, '')}/${name}`;

/**
 * containerFiles are the files a container sees from its volume mounts, by absolute path: the keys
 * of ConfigMaps and Secrets (every key, or the listed items) and downward API items, from plain or
 * projected volumes; one file where a subPath mounts it. The service account token a projected
 * volume would hold is not requested by the simulated kubelet, so that file is absent. What the
 * container writes is not kept here.
 */
export function containerFiles(pod: Pod, c: Container, objects?: ConfigObjects, allocatable?: NodeAllocatable): Record<string, string> {
  const files: Record<string, string> = {};
  for (const m of c.volumeMounts ?? []) {
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    if (!v) continue;
    const entries: [string, string][] = [];
    for (const p of projections(v)) {
      if (p.kind === 'DownwardAPI') {
        for (const item of p.items) {
          const value = item.fieldRef ? fieldRefValue(pod, item.fieldRef.fieldPath) : item.resourceFieldRef && resourceFieldValue(pod, c, item.resourceFieldRef, allocatable);
          if (value !== undefined) entries.push([item.path, value]);
        }
        continue;
      }
      const data = p.kind !== 'ServiceAccountToken' && objects?.(p.kind, p.name);
      if (!data) continue;
      if (!p.items) entries.push(...Object.entries(data));
      else for (const i of p.items) if (i.key in data) entries.push([i.path, data[i.key]]);
    }
    if (m.subPath) {
      const found = entries.find(([path]) => path === m.subPath);
      if (found) files[m.mountPath] = found[1];
      continue;
    }
    for (const [path, content] of entries) files[join(m.mountPath, path)] = content;
  }
  return files;
}

/** containerMounts lists the container's mount paths, and whether containerFiles knows their content. */
export function containerMounts(pod: Pod, c: Container): ProgramContext['mounts'] {
  return (c.volumeMounts ?? []).map((m) => {
    const v = pod.spec?.volumes?.find((x) => x.name === m.name);
    return { path: m.mountPath, volume: m.name, known: !!v && projections(v).length > 0 };
  });
}

/** listDirectory names the files directly in dir, sorted, as `ls` prints them one per line. */
export function listDirectory(files: Readonly<Record<string, string>>, dir: string): string[] {
  const prefix = join(dir, '');
  const names = new Set<string>();
  for (const path of Object.keys(files)) if (path.startsWith(prefix)) names.add(path.slice(prefix.length).split('/')[0]);
  return [...names].sort();
}
