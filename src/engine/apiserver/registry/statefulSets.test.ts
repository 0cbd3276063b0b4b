import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { statefulSetStrategy } from './statefulSets';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const sts = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = {
    serviceName: 'web',
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
  };
  mutate(spec);
  return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec };
};

describe('statefulset strategy', () => {
  it('applies the v1.32 defaults', () => {
    const { obj, errors } = simulateCreate(statefulSetStrategy, sts());
    expect(errors).toEqual([]);
    const spec = obj.spec as any;
    expect(spec.podManagementPolicy).toBe('OrderedReady');
    expect(spec.updateStrategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { partition: 0 } });
    expect(spec.persistentVolumeClaimRetentionPolicy).toEqual({ whenDeleted: 'Retain', whenScaled: 'Retain' });
    expect(spec.replicas).toBe(1);
    expect(spec.revisionHistoryLimit).toBe(10);
    expect(spec.volumeClaimTemplates[0]).toEqual({
      metadata: { creationTimestamp: null, name: 'www' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
    expect(obj.status).toEqual({ availableReplicas: 0, replicas: 0 });
  });

  it.each([
    ['an unknown pod management policy', (s: any) => (s.podManagementPolicy = 'Fast'), ['spec.podManagementPolicy: Invalid value: "Fast": must be \'OrderedReady\' or \'Parallel\'']],
    ['a negative partition', (s: any) => (s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }), ['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']],
    ['rollingUpdate with OnDelete', (s: any) => (s.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } }), ["spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:1, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'"]],
    ['an unknown retention policy', (s: any) => (s.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep' }), ['spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"']],
    ['an empty selector', (s: any) => (s.selector = {}), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for statefulset']],
    ['activeDeadlineSeconds', (s: any) => (s.template.spec.activeDeadlineSeconds = 3), ['spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(statefulSetStrategy, sts(mutate)).errors).toEqual(want);
  });

  it('names must be DNS labels', () => {
    const s = sts();
    s.metadata!.name = 'web.v1';
    expect(simulateCreate(statefulSetStrategy, s).errors[0]).toBe('metadata.name: Invalid value: "web.v1": must not contain dots');
  });

  it('allows replicas, template and updateStrategy changes but not serviceName', () => {
    const old = stored(simulateCreate(statefulSetStrategy, sts()).obj);
    const ok = structuredClone(old) as any;
    ok.spec.replicas = 3;
    ok.spec.template.spec.containers[0].image = 'nginx:2';
    expect(simulateUpdate(statefulSetStrategy, ok, old).errors).toEqual([]);
    const bad = structuredClone(old) as any;
    bad.spec.serviceName = 'other';
    expect(simulateUpdate(statefulSetStrategy, bad, old).errors).toEqual([
      "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ]);
  });

  it('drops maxUnavailable, an alpha field in v1.32', () => {
    const { obj } = simulateCreate(statefulSetStrategy, sts((s) => (s.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } })));
    expect((obj.spec as any).updateStrategy.rollingUpdate).toEqual({ partition: 0 });
  });
});
