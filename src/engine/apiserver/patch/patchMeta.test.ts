import { describe, expect, it } from 'vitest';
import { fieldPatchMeta } from './patchMeta';

// Expected tags from k8s.io/api v0.32 types.go and apimachinery meta/v1 ObjectMeta.
describe('fieldPatchMeta', () => {
  it.each([
    { group: 'apps', kind: 'Deployment', path: 'spec.template.spec.containers', want: { strategy: 'merge', mergeKey: 'name' } },
    { group: 'apps', kind: 'StatefulSet', path: 'spec.template.spec.initContainers.env', want: { strategy: 'merge', mergeKey: 'name' } },
    { group: 'batch', kind: 'CronJob', path: 'spec.jobTemplate.spec.template.spec.volumes', want: { strategy: 'merge', mergeKey: 'name' } },
    { group: '', kind: 'Pod', path: 'spec.ephemeralContainers.volumeMounts', want: { strategy: 'merge', mergeKey: 'mountPath' } },
    { group: '', kind: 'Pod', path: 'spec.containers.ports', want: { strategy: 'merge', mergeKey: 'containerPort' } },
    { group: '', kind: 'Pod', path: 'spec.hostAliases', want: { strategy: 'merge', mergeKey: 'ip' } },
    { group: '', kind: 'Pod', path: 'spec.topologySpreadConstraints', want: { strategy: 'merge', mergeKey: 'topologyKey' } },
    { group: '', kind: 'Pod', path: 'status.conditions', want: { strategy: 'merge', mergeKey: 'type' } },
    { group: '', kind: 'Service', path: 'spec.ports', want: { strategy: 'merge', mergeKey: 'port' } },
    { group: '', kind: 'Node', path: 'status.addresses', want: { strategy: 'merge', mergeKey: 'type' } },
    { group: '', kind: 'ConfigMap', path: 'metadata.ownerReferences', want: { strategy: 'merge', mergeKey: 'uid' } },
    { group: 'apps', kind: 'DaemonSet', path: 'spec.template.metadata.finalizers', want: { strategy: 'merge' } },
    { group: 'policy', kind: 'PodDisruptionBudget', path: 'spec.selector', want: { strategy: 'replace' } },
  ])('$kind $path', ({ group, kind, path, want }) => {
    expect(fieldPatchMeta({ group, kind }, path)).toMatchObject(want);
  });

  it.each([
    { group: '', kind: 'Pod', path: 'spec.tolerations' },
    { group: '', kind: 'Node', path: 'spec.taints' },
    { group: '', kind: 'Pod', path: 'status.containerStatuses' },
    { group: '', kind: 'Pod', path: 'spec.containers.args' },
    { group: '', kind: 'Pod', path: 'spec.constructor' },
  ])('$kind $path has no strategy', ({ group, kind, path }) => {
    expect(fieldPatchMeta({ group, kind }, path)?.strategy).toBeUndefined();
  });
});
