import type { Pod } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { ConfigObjects } from './programs/containerEnv';
import { mountVolumes } from './volumeMounts';

const known: Record<string, Record<string, string>> = { 'ConfigMap/app': { mode: 'fast' }, 'Secret/user': { username: 'admin' } };
const objects: ConfigObjects = (kind, name) => known[`${kind}/${name}`] ?? null;
const podWith = (volumes: NonNullable<Pod['spec']>['volumes']): Pod => ({ metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], volumes } });

describe('mountVolumes', () => {
  it('sets up ConfigMap, Secret, downward API and projected volumes whose objects and keys exist', () => {
    const pod = podWith([
      { name: 'cfg', configMap: { name: 'app' } },
      { name: 'all-in-one', projected: { sources: [{ secret: { name: 'user' } }, { configMap: { name: 'app', items: [{ key: 'mode', path: 'mode' }] } }, { downwardAPI: { items: [] } }] } },
      { name: 'opt', projected: { sources: [{ secret: { name: 'absent', optional: true } }] } },
    ]);
    expect(mountVolumes(pod, objects)).toEqual({ errors: [] });
  });

  it("reports a projected volume's failing sources together, as one FailedMount", () => {
    const pod = podWith([
      { name: 'all-in-one', projected: { sources: [{ secret: { name: 'mysecret' } }, { configMap: { name: 'app', items: [{ key: 'speed', path: 's' }] } }] } },
      { name: 'one', projected: { sources: [{ configMap: { name: 'other' } }] } },
    ]);
    expect(mountVolumes(pod, objects).errors).toEqual([
      'MountVolume.SetUp failed for volume "all-in-one" : [secret "mysecret" not found, configmap references non-existent config key: speed]',
      'MountVolume.SetUp failed for volume "one" : configmap "other" not found',
    ]);
  });

  it('waits while an object is not known to the node yet', () => {
    expect(mountVolumes(podWith([{ name: 'x', projected: { sources: [{ configMap: { name: 'app' } }] } }]), () => undefined)).toEqual({ waiting: true, errors: [] });
  });
});
