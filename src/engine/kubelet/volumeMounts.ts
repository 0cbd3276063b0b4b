import type { DownwardAPIVolumeFile, KeyToPath, Pod, Volume } from 'kubernetes-types/core/v1';
import type { ConfigKind, ConfigObjects } from './programs/containerEnv';

// Setting up a pod's ConfigMap, Secret, downward API and projected volumes, as the kubelet's volume
// manager does before it creates the sandbox (pkg/volume/configmap, secret, downwardapi and
// projected, v1.32). Other volume types mount at once.

/** Projection is one source of a volume's files: a ConfigMap or Secret, or downward API items. */
export type Projection =
  | { kind: ConfigKind; name: string; items?: KeyToPath[]; optional?: boolean }
  | { kind: 'DownwardAPI'; items: DownwardAPIVolumeFile[] }
  | { kind: 'ServiceAccountToken'; path: string };

/** projections lists where a volume's files come from: its own source, or each source of a projected volume. */
export function projections(v: Volume): Projection[] {
  if (v.configMap) return [{ kind: 'ConfigMap', name: v.configMap.name ?? '', items: v.configMap.items, optional: v.configMap.optional }];
  if (v.secret) return [{ kind: 'Secret', name: v.secret.secretName ?? '', items: v.secret.items, optional: v.secret.optional }];
  if (v.downwardAPI) return [{ kind: 'DownwardAPI', items: v.downwardAPI.items ?? [] }];
  const out: Projection[] = [];
  for (const s of v.projected?.sources ?? []) {
    if (s.configMap) out.push({ kind: 'ConfigMap', name: s.configMap.name ?? '', items: s.configMap.items, optional: s.configMap.optional });
    else if (s.secret) out.push({ kind: 'Secret', name: s.secret.name ?? '', items: s.secret.items, optional: s.secret.optional });
    else if (s.downwardAPI) out.push({ kind: 'DownwardAPI', items: s.downwardAPI.items ?? [] });
    else if (s.serviceAccountToken) out.push({ kind: 'ServiceAccountToken', path: s.serviceAccountToken.path });
  }
  return out;
}

/** MountResult says whether the pod's volumes are set up, and the FailedMount messages of those that are not. */
export interface MountResult {
  /** waiting says a referenced object is not known yet: the kubelet tries again shortly. */
  waiting?: boolean;
  errors: string[];
}

function setUp(p: Projection, objects: ConfigObjects): string | undefined | 'waiting' {
  if (p.kind !== 'ConfigMap' && p.kind !== 'Secret') return undefined;
  const data = objects(p.kind, p.name);
  if (data === undefined) return 'waiting';
  // An optional object that is missing mounts as an empty directory, and so do its missing keys.
  if (data === null) return p.optional ? undefined : `${p.kind.toLowerCase()} "${p.name}" not found`;
  if (p.optional) return undefined;
  const missing = p.items?.find((i) => !(i.key in data));
  if (!missing) return undefined;
  return p.kind === 'ConfigMap' ? `configmap references non-existent config key: ${missing.key}` : `references non-existent secret key: ${missing.key}`;
}

/** mountVolumes sets up a pod's volumes from what the node knows of the objects they project. */
export function mountVolumes(pod: Pod, objects: ConfigObjects): MountResult {
  const errors: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const failed: string[] = [];
    for (const p of projections(v)) {
      const r = setUp(p, objects);
      if (r === 'waiting') return { waiting: true, errors };
      if (r) failed.push(r);
    }
    // A projected volume reports its sources' errors together (utilerrors.NewAggregate).
    if (failed.length) errors.push(`MountVolume.SetUp failed for volume "${v.name}" : ${failed.length === 1 ? failed[0] : `[${failed.join(', ')}]`}`);
  }
  return { errors };
}

/** mountRetryMs is the volume manager's back-off after the nth failed set-up: 500ms doubling to 2m2s. */
export function mountRetryMs(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 122_000);
}
