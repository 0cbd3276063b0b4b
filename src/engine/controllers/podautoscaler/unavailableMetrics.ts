import type { MetricSpec } from 'kubernetes-types/autoscaling/v2';

// This cluster serves no metrics APIs, as a cluster without metrics-server or a metrics adapter:
// every metric an HPA names fails the way pkg/controller/podautoscaler (v1.32) reports it when
// metrics.k8s.io, custom.metrics.k8s.io and external.metrics.k8s.io are not there.

const resourceMetricsApi = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const customMetricsApi = 'unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered';

/** MetricFailure is one unreadable metric: the condition/event reason, the error, and the error computeReplicasForMetric wraps it in. */
export interface MetricFailure {
  reason: string;
  err: string;
  wrapped: string;
}

/** selectorText renders a metric selector's matchLabels as Go's %+v of a labels.Selector does (requirements in a list). */
function selectorText(selector: { matchLabels?: Record<string, string> } | undefined): string {
  const labels = Object.entries(selector?.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : 1));
  return `[${labels.map(([k, v]) => `${k}=${v}`).join(' ')}]`;
}

/** resourceError is computeStatusForResourceMetricGeneric's error for a resource the metrics API cannot give. */
function resourceError(name: string, target: { averageValue?: unknown } | undefined): string {
  const what = target?.averageValue !== undefined ? 'usage' : 'utilization';
  return `failed to get ${name} ${what}: unable to get metrics for resource ${name}: ${resourceMetricsApi}`;
}

/** unavailableMetric is how reading spec fails in this cluster. */
export function unavailableMetric(spec: MetricSpec, namespace: string): MetricFailure {
  switch (spec.type) {
    case 'Resource': {
      const err = resourceError(spec.resource!.name, spec.resource!.target);
      return { reason: 'FailedGetResourceMetric', err, wrapped: `failed to get ${spec.resource!.name} resource metric value: ${err}` };
    }
    case 'ContainerResource': {
      const err = resourceError(spec.containerResource!.name, spec.containerResource!.target);
      return { reason: 'FailedGetContainerResourceMetric', err, wrapped: `failed to get ${spec.containerResource!.container} container metric value: ${err}` };
    }
    case 'Pods': {
      const err = `unable to get metric ${spec.pods!.metric.name}: ${customMetricsApi}`;
      return { reason: 'FailedGetPodsMetric', err, wrapped: `failed to get pods metric value: ${err}` };
    }
    case 'Object': {
      const o = spec.object!;
      // Upstream's format string puts the error after the object's name (its arguments are in that order).
      const err = `unable to get metric ${o.metric.name}: ${o.describedObject.kind} on ${namespace} ${o.describedObject.name}/${customMetricsApi}`;
      return { reason: 'FailedGetObjectMetric', err, wrapped: `failed to get object metric value: ${err}` };
    }
    case 'External': {
      const m = spec.external!.metric;
      const api = `unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${m.name}.external.metrics.k8s.io)`;
      const err = `unable to get external metric ${namespace}/${m.name}/${selectorText(m.selector)}: ${api}`;
      return { reason: 'FailedGetExternalMetric', err, wrapped: `failed to get external metric value: ${err}` };
    }
    default: {
      const err = `unknown metric source type "${spec.type}"`;
      return { reason: 'InvalidMetricSourceType', err, wrapped: err };
    }
  }
}
