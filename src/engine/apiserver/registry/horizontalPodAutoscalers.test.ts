import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { HPAAnnotations } from './hpaConversion';
import { horizontalPodAutoscalerV1Strategy, horizontalPodAutoscalerV2Strategy } from './horizontalPodAutoscalers';
import { simulateCreate, stored } from './strategyTesting';

const v2 = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5 };
  mutate(spec);
  return { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec };
};

// What `kubectl autoscale deployment web --max=5 --cpu-percent=50` sends (autoscaling/v1).
const v1 = (): KubeObject => ({
  apiVersion: 'autoscaling/v1',
  kind: 'HorizontalPodAutoscaler',
  metadata: { name: 'web' },
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 50 },
});

const cpu = (n: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: n } } });

describe('autoscaling/v2 defaults', () => {
  it('defaults minReplicas and an 80% CPU target, and no behavior when none is given', () => {
    const { obj, errors } = simulateCreate(horizontalPodAutoscalerV2Strategy, v2());
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ ...(v2().spec as object), minReplicas: 1, metrics: [cpu(80)] });
    expect(obj.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
    expect(obj.metadata?.generation).toBeUndefined();
  });

  it('fills every unset scaling rule once behavior is present', () => {
    const { obj } = simulateCreate(horizontalPodAutoscalerV2Strategy, v2((s) => (s.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } })));
    expect((obj.spec as any).behavior).toEqual({
      scaleUp: {
        stabilizationWindowSeconds: 0,
        selectPolicy: 'Max',
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 15 },
          { type: 'Percent', value: 100, periodSeconds: 15 },
        ],
      },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
  });
});

describe('autoscaling validation', () => {
  it.each([
    ['maxReplicas 0', (s: any) => (s.maxReplicas = 0), ['spec.maxReplicas: Invalid value: 0: must be greater than 0', 'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`']],
    ['minReplicas 0', (s: any) => (s.minReplicas = 0), ['spec.minReplicas: Invalid value: 0: must be greater than or equal to 1', 'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas']],
    ['a missing target kind', (s: any) => delete s.scaleTargetRef.kind, ['spec.scaleTargetRef.kind: Required value']],
    ['a utilization of 0', (s: any) => (s.metrics = [cpu(0)]), ['spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0']],
    ['a metric of an unknown type', (s: any) => (s.metrics = [{ type: 'Magic' }]), ['spec.metrics[0].type: Unsupported value: "Magic": supported values: "ContainerResource", "External", "Object", "Pods", "Resource"']],
    ['a Pods metric without a source', (s: any) => (s.metrics = [{ type: 'Pods' }]), ['spec.metrics[0].pods: Required value: must populate information for the given metric source']],
    ['a scaling policy period too long', (s: any) => (s.behavior = { scaleUp: { policies: [{ type: 'Pods', value: 1, periodSeconds: 3600 }] } }), ['spec.behavior.scaleUp.policies[0].periodSeconds: Invalid value: 3600: must be less than or equal to 1800']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(horizontalPodAutoscalerV2Strategy, v2(mutate)).errors).toEqual(want);
  });
});

describe('autoscaling/v1 served from v2 storage', () => {
  const toStorage = (o: KubeObject) => {
    const s = horizontalPodAutoscalerV1Strategy;
    const obj = structuredClone(o);
    s.defaults!(obj);
    return s.toStorage!(obj);
  };

  it('turns targetCPUUtilizationPercentage into a CPU Utilization metric', () => {
    const stored2 = toStorage(v1());
    expect(stored2.apiVersion).toBe('autoscaling/v2');
    expect((stored2.spec as any).metrics).toEqual([cpu(50)]);
    expect((stored2.spec as any).minReplicas).toBe(1);
  });

  it('gives a v1 HPA without a target the implicit 80% CPU', () => {
    const o = v1();
    delete (o.spec as any).targetCPUUtilizationPercentage;
    expect((toStorage(o).spec as any).metrics).toEqual([cpu(80)]);
  });

  it('renders v2 storage as v1, with other metrics and behavior in annotations', () => {
    const { obj } = simulateCreate(
      horizontalPodAutoscalerV2Strategy,
      v2((s) => {
        s.metrics = [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }, cpu(60)];
        s.behavior = { scaleDown: { stabilizationWindowSeconds: 300 } };
      }),
    );
    const out = horizontalPodAutoscalerV1Strategy.fromStorage!(stored({ ...obj, status: { currentReplicas: 2, desiredReplicas: 3, currentMetrics: [] } }));
    expect(out.apiVersion).toBe('autoscaling/v1');
    expect(out.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 });
    expect(out.status).toEqual({ currentReplicas: 2, desiredReplicas: 3 });
    expect(out.metadata.annotations).toEqual({
      [HPAAnnotations.MetricSpecs]: '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]',
      [HPAAnnotations.BehaviorSpecs]:
        '{"ScaleUp":{"StabilizationWindowSeconds":0,"SelectPolicy":"Max","Policies":[{"Type":"Pods","Value":4,"PeriodSeconds":15},{"Type":"Percent","Value":100,"PeriodSeconds":15}]},"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
    });
  });

  it('round-trips v2 -> v1 -> v2 without loss', () => {
    const { obj } = simulateCreate(
      horizontalPodAutoscalerV2Strategy,
      v2((s) => {
        s.metrics = [cpu(70), { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } }];
        s.behavior = { scaleUp: { selectPolicy: 'Disabled' } };
      }),
    );
    const back = toStorage(horizontalPodAutoscalerV1Strategy.fromStorage!(stored(obj)));
    // v1 keeps the CPU target in its own field, so it comes back after the annotated metrics.
    expect((back.spec as any).metrics).toEqual([(obj.spec as any).metrics[1], (obj.spec as any).metrics[0]]);
    expect((back.spec as any).behavior).toEqual((obj.spec as any).behavior);
    expect(back.metadata?.annotations).toBeUndefined();
  });
});
