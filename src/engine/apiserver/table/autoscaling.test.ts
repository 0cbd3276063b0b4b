import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import { describe, expect, it } from 'vitest';
import { formatHPAMetrics, horizontalPodAutoscalerPrinter } from './autoscaling';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' };

describe('horizontalPodAutoscalerPrinter', () => {
  it('prints reference, targets, min/max pods and replicas', () => {
    const hpa: HorizontalPodAutoscaler = {
      metadata,
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 10,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
      status: {
        currentReplicas: 3,
        desiredReplicas: 3,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 45, averageValue: '90m' } } }],
      },
    };
    expect(horizontalPodAutoscalerPrinter.cells(hpa, now)).toEqual(['web', 'Deployment/web', 'cpu: 45%/80%', '1', 10, 3, '60m']);
  });

  it.each([
    ['no metrics', [], [], '<none>'],
    [
      'a utilization target before metrics arrive',
      [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
      [],
      'cpu: <unknown>/50%',
    ],
    [
      'an average value target',
      [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '200Mi' } } }],
      [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '120Mi' } } }],
      'memory: 120Mi/200Mi',
    ],
    [
      'pods and external metrics beyond two',
      [
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
        { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'Value', value: '30' } } },
        { type: 'Object', object: { metric: { name: 'hits' }, describedObject: { kind: 'Ingress', name: 'x' }, target: { type: 'AverageValue', averageValue: '5' } } },
      ],
      [],
      '<unknown>/10, <unknown>/30 + 1 more...',
    ],
  ])('formats %s', (_, specs, statuses, want) => {
    expect(formatHPAMetrics(specs, statuses)).toBe(want);
  });
});
