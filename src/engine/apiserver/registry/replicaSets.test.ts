import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { replicaSetStrategy } from './replicaSets';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const rs = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
  };
  mutate(spec);
  return { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-1' }, spec };
};

describe('replicaset strategy', () => {
  it('defaults replicas to 1 and starts with status.replicas 0 at generation 1', () => {
    const { obj, errors } = simulateCreate(replicaSetStrategy, rs());
    expect(errors).toEqual([]);
    expect((obj.spec as any).replicas).toBe(1);
    expect(obj.status).toEqual({ replicas: 0 });
    expect(obj.metadata?.generation).toBe(1);
  });

  it.each([
    ['a missing selector', (s: any) => delete s.selector, ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`']],
    // Upstream reuses the Deployment wording here.
    ['an empty selector', (s: any) => (s.selector = { matchLabels: {} }), ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment']],
    ['negative minReadySeconds', (s: any) => (s.minReadySeconds = -2), ['spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0']],
    ['template without labels', (s: any) => delete s.template.metadata.labels, ['spec.template.metadata.labels: Invalid value: map[string]string(nil): `selector` does not match template `labels`']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(replicaSetStrategy, rs(mutate)).errors).toEqual(want);
  });

  it('forbids a selector change and counts generations on spec changes only', () => {
    const old = stored(simulateCreate(replicaSetStrategy, rs()).obj);
    const scaled = structuredClone(old) as any;
    scaled.spec.replicas = 4;
    const up = simulateUpdate(replicaSetStrategy, scaled, old);
    expect(up.errors).toEqual([]);
    expect(up.obj.metadata?.generation).toBe(2);
    const moved = structuredClone(old) as any;
    moved.spec.selector = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'x', operator: 'DoesNotExist' }] };
    expect(simulateUpdate(replicaSetStrategy, moved, old).errors).toEqual([
      'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement{v1.LabelSelectorRequirement{Key:"x", Operator:"DoesNotExist", Values:[]string(nil)}}}: field is immutable',
    ]);
  });

  it('selects on status.replicas', () => {
    expect(replicaSetStrategy.fieldSelectors!['status.replicas']({ metadata: {}, status: { replicas: 3 } })).toBe('3');
  });
});
