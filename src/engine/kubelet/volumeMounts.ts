import type { KeyToPath, Pod } from 'kubernetes-types/core/v1';
import type { ConfigKind, ConfigObjects } from './programs/containerEnv';

// Setting up a pod's ConfigMap and Secret volumes, as the kubelet's volume manager does before it
// creates the sandbox (pkg/volume/configmap and pkg/volume/secret, v1.32). Other volume types
// mount at once.

/** MountResult says whether the pod's volumes are set up, and the FailedMount messages of those that are not. */
export interface MountResult {
  /** waiting says a referenced object is not known yet: the kubelet tries again shortly. */
  waiting?: boolean;
  errors: string[];
}

function setUp(volume: string, kind: ConfigKind, name: string, optional: boolean | undefined, items: KeyToPath[] | undefined, objects: ConfigObjects): string | undefined | 'waiting' {
  const data = objects(kind, name);
  if (data === undefined) return 'waiting';
  let reason: string | undefined;
  // An optional object that is missing mounts as an empty directory, and so do its missing keys.
  if (data === null) reason = optional ? undefined : `${kind.toLowerCase()} "${name}" not found`;
  else if (!optional) {
    const missing = items?.find((i) => !(i.key in data));
    if (missing) reason = kind === 'ConfigMap' ? `configmap references non-existent config key: ${missing.key}` : `references non-existent secret key: ${missing.key}`;
  }
  return reason && `MountVolume.SetUp failed for volume "${volume}" : ${reason}`;
}

/** mountVolumes sets up a pod's ConfigMap and Secret volumes from what the node knows of those objects. */
export function mountVolumes(pod: Pod, objects: ConfigObjects): MountResult {
  const errors: string[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    let r: string | undefined | 'waiting';
    if (v.configMap) r = setUp(v.name, 'ConfigMap', v.configMap.name ?? '', v.configMap.optional, v.configMap.items, objects);
    else if (v.secret) r = setUp(v.name, 'Secret', v.secret.secretName ?? '', v.secret.optional, v.secret.items, objects);
    if (r === 'waiting') return { waiting: true, errors };
    if (r) errors.push(r);
  }
  return { errors };
}

/** mountRetryMs is the volume manager's back-off after the nth failed set-up: 500ms doubling to 2m2s. */
export function mountRetryMs(failures: number): number {
  return Math.min(500 * 2 ** Math.max(0, failures - 1), 122_000);
}
