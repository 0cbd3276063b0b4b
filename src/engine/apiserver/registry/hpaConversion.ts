import type { HorizontalPodAutoscaler as HPAv1 } from 'kubernetes-types/autoscaling/v1';
import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler as HPAv2,
  HorizontalPodAutoscalerBehavior,
  HorizontalPodAutoscalerCondition,
  HPAScalingRules,
  MetricIdentifier,
  MetricSpec,
  MetricStatus,
  MetricTarget,
  MetricValueStatus,
} from 'kubernetes-types/autoscaling/v2';
import type { KubeObject } from '../../api/object';

// Conversion between autoscaling/v1 and the autoscaling/v2 storage form, as
// pkg/apis/autoscaling/v1/conversion.go (v1.32) does it: v1 has only targetCPUUtilizationPercentage,
// and keeps every other metric, the behavior, current metrics and conditions in annotations.

/** The round-trip annotations of autoscaling/v1 (pkg/apis/autoscaling/annotations.go). */
export const HPAAnnotations = {
  MetricSpecs: 'autoscaling.alpha.kubernetes.io/metrics',
  MetricStatuses: 'autoscaling.alpha.kubernetes.io/current-metrics',
  BehaviorSpecs: 'autoscaling.alpha.kubernetes.io/behavior',
  Conditions: 'autoscaling.alpha.kubernetes.io/conditions',
} as const;

/** DefaultCPUUtilization is the target a v1 HPA without one gets (autoscaling.DefaultCPUUtilization). */
export const DefaultCPUUtilization = 80;

type Json = Record<string, unknown>;

// compact drops undefined members so JSON keeps Go's field order without omitted fields.
function compact(o: Json): Json {
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}

// The annotations hold untyped JSON: these give its pieces their v2 types.
const metricId = (name: unknown, selector: unknown) => compact({ name, selector }) as unknown as MetricIdentifier;
const objectRef = (v: unknown) => v as CrossVersionObjectReference;
const target = (t: Json) => compact(t) as unknown as MetricTarget;
const current = (t: Json) => compact(t) as unknown as MetricValueStatus;

function isCPUUtilization(m: MetricSpec): boolean {
  return m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.target?.averageUtilization !== undefined;
}

// v1 MetricSpec is the v2beta1 shape (autoscaling/v1 types.go), in Go field order.
function metricSpecToV1(m: MetricSpec): Json {
  const out: Json = { type: m.type };
  if (m.object) {
    out.object = compact({
      target: m.object.describedObject,
      metricName: m.object.metric?.name,
      targetValue: m.object.target?.value ?? '0',
      selector: m.object.metric?.selector,
      averageValue: m.object.target?.averageValue,
    });
  }
  if (m.pods) {
    out.pods = compact({ metricName: m.pods.metric?.name, targetAverageValue: m.pods.target?.averageValue ?? '0', selector: m.pods.metric?.selector });
  }
  if (m.resource) {
    out.resource = compact({
      name: m.resource.name,
      targetAverageUtilization: m.resource.target?.averageUtilization,
      targetAverageValue: m.resource.target?.averageValue,
    });
  }
  if (m.containerResource) {
    out.containerResource = compact({
      name: m.containerResource.name,
      targetAverageUtilization: m.containerResource.target?.averageUtilization,
      targetAverageValue: m.containerResource.target?.averageValue,
      container: m.containerResource.container,
    });
  }
  if (m.external) {
    out.external = compact({
      metricName: m.external.metric?.name,
      metricSelector: m.external.metric?.selector,
      targetValue: m.external.target?.value,
      targetAverageValue: m.external.target?.averageValue,
    });
  }
  return out;
}

function metricSpecFromV1(m: Json): MetricSpec {
  const out = { type: m.type } as MetricSpec;
  const o = m.object as Json | undefined;
  if (o) {
    out.object = {
      describedObject: objectRef(o.target),
      metric: metricId(o.metricName, o.selector),
      target: target({ type: o.averageValue === undefined ? 'Value' : 'AverageValue', value: o.targetValue, averageValue: o.averageValue }),
    };
  }
  const p = m.pods as Json | undefined;
  if (p) {
    out.pods = {
      metric: metricId(p.metricName, p.selector),
      target: target({ type: 'AverageValue', averageValue: p.targetAverageValue }),
    };
  }
  for (const key of ['resource', 'containerResource'] as const) {
    const r = m[key] as Json | undefined;
    if (!r) continue;
    const tgt = target({
      type: r.targetAverageUtilization === undefined ? 'AverageValue' : 'Utilization',
      averageUtilization: r.targetAverageUtilization,
      averageValue: r.targetAverageValue,
    });
    (out as unknown as Json)[key] = compact({ name: r.name, container: r.container, target: tgt });
  }
  const e = m.external as Json | undefined;
  if (e) {
    out.external = {
      metric: metricId(e.metricName, e.metricSelector),
      target: target({ type: e.targetValue !== undefined ? 'Value' : 'AverageValue', value: e.targetValue, averageValue: e.targetAverageValue }),
    };
  }
  return out;
}

function metricStatusToV1(m: MetricStatus): Json {
  const out: Json = { type: m.type };
  if (m.object) {
    out.object = compact({
      target: m.object.describedObject,
      metricName: m.object.metric?.name,
      currentValue: m.object.current?.value ?? '0',
      selector: m.object.metric?.selector,
      averageValue: m.object.current?.averageValue,
    });
  }
  if (m.pods) {
    out.pods = compact({ metricName: m.pods.metric?.name, currentAverageValue: m.pods.current?.averageValue ?? '0', selector: m.pods.metric?.selector });
  }
  if (m.resource) {
    out.resource = compact({
      name: m.resource.name,
      currentAverageUtilization: m.resource.current?.averageUtilization,
      currentAverageValue: m.resource.current?.averageValue ?? '0',
    });
  }
  if (m.containerResource) {
    out.containerResource = compact({
      name: m.containerResource.name,
      currentAverageUtilization: m.containerResource.current?.averageUtilization,
      currentAverageValue: m.containerResource.current?.averageValue ?? '0',
      container: m.containerResource.container,
    });
  }
  if (m.external) {
    out.external = compact({
      metricName: m.external.metric?.name,
      metricSelector: m.external.metric?.selector,
      currentValue: m.external.current?.value ?? '0',
      currentAverageValue: m.external.current?.averageValue,
    });
  }
  return out;
}

function metricStatusFromV1(m: Json): MetricStatus {
  const out = { type: m.type } as MetricStatus;
  const o = m.object as Json | undefined;
  if (o) {
    out.object = {
      describedObject: objectRef(o.target),
      metric: metricId(o.metricName, o.selector),
      current: current({ value: o.currentValue, averageValue: o.averageValue }),
    };
  }
  const p = m.pods as Json | undefined;
  if (p) out.pods = { metric: metricId(p.metricName, p.selector), current: { averageValue: p.currentAverageValue as string } };
  for (const key of ['resource', 'containerResource'] as const) {
    const r = m[key] as Json | undefined;
    if (!r) continue;
    const cur = current({ averageUtilization: r.currentAverageUtilization, averageValue: r.currentAverageValue });
    (out as unknown as Json)[key] = compact({ name: r.name, container: r.container, current: cur });
  }
  const e = m.external as Json | undefined;
  if (e) {
    out.external = {
      metric: metricId(e.metricName, e.metricSelector),
      current: current({ value: e.currentValue, averageValue: e.currentAverageValue }),
    };
  }
  return out;
}

// The behavior annotation is json.Marshal of the internal type, which has no json tags: Go field
// names, and null for nil pointers.
function rulesToInternalJson(r: HPAScalingRules | undefined): Json | null {
  if (!r) return null;
  return {
    StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
    SelectPolicy: r.selectPolicy ?? null,
    Policies: r.policies ? r.policies.map((p) => ({ Type: p.type, Value: p.value, PeriodSeconds: p.periodSeconds })) : null,
  };
}

function rulesFromInternalJson(r: unknown): HPAScalingRules | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const j = r as Json;
  const policies = Array.isArray(j.Policies)
    ? (j.Policies as Json[]).map((p) => ({ type: p.Type as string, value: p.Value as number, periodSeconds: p.PeriodSeconds as number }))
    : undefined;
  return compact({
    stabilizationWindowSeconds: j.StabilizationWindowSeconds ?? undefined,
    selectPolicy: j.SelectPolicy ?? undefined,
    policies,
  }) as HPAScalingRules;
}

function parseAnnotation<T>(value: string | undefined): T | undefined {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    // An unparsable round-trip annotation is ignored, as the Go conversion ignores Unmarshal errors.
    return undefined;
  }
}

function withoutRoundTripAnnotations(a: Record<string, string> | undefined): Record<string, string> | undefined {
  if (!a) return a;
  const keys = Object.values(HPAAnnotations) as string[];
  if (!keys.some((k) => k in a)) return a;
  const out = { ...a };
  for (const k of keys) delete out[k];
  // An empty map is omitted from JSON, as Go's omitempty does.
  return Object.keys(out).length > 0 ? out : undefined;
}

/** hpaV1ToV2 converts an autoscaling/v1 HPA to the autoscaling/v2 storage form (v1 -> internal). */
export function hpaV1ToV2(obj: KubeObject): KubeObject {
  const v1 = obj as unknown as HPAv1;
  const ann = v1.metadata?.annotations ?? {};
  const metrics: MetricSpec[] = [];
  for (const m of parseAnnotation<Json[]>(ann[HPAAnnotations.MetricSpecs]) ?? []) metrics.push(metricSpecFromV1(m));
  const cpu = v1.spec?.targetCPUUtilizationPercentage;
  if (cpu !== undefined) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } });
  // autoscaling/v1 had an implicit 80% CPU default in the controller; conversion makes it explicit.
  if (metrics.length === 0) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DefaultCPUUtilization } } });
  }
  const behaviorJson = parseAnnotation<Json>(ann[HPAAnnotations.BehaviorSpecs]);
  const behavior: HorizontalPodAutoscalerBehavior | undefined =
    behaviorJson && (behaviorJson.ScaleUp || behaviorJson.ScaleDown)
      ? compact({ scaleUp: rulesFromInternalJson(behaviorJson.ScaleUp), scaleDown: rulesFromInternalJson(behaviorJson.ScaleDown) })
      : undefined;
  const st = v1.status;
  let currentMetrics: MetricStatus[] | undefined;
  if (st?.currentCPUUtilizationPercentage !== undefined) {
    currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }];
  }
  const annotatedStatus = parseAnnotation<Json[]>(ann[HPAAnnotations.MetricStatuses]);
  if (annotatedStatus) currentMetrics = annotatedStatus.map(metricStatusFromV1);
  const conditions = parseAnnotation<HorizontalPodAutoscalerCondition[]>(ann[HPAAnnotations.Conditions]);
  const metadata = v1.metadata ? compact({ ...v1.metadata, annotations: withoutRoundTripAnnotations(v1.metadata.annotations) }) : undefined;
  const v2: HPAv2 = compact({
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: compact({
      scaleTargetRef: v1.spec?.scaleTargetRef,
      minReplicas: v1.spec?.minReplicas,
      maxReplicas: v1.spec?.maxReplicas,
      metrics,
      behavior,
    }),
    status: st
      ? compact({
          observedGeneration: st.observedGeneration,
          lastScaleTime: st.lastScaleTime,
          currentReplicas: st.currentReplicas,
          desiredReplicas: st.desiredReplicas,
          currentMetrics,
          conditions,
        })
      : undefined,
  }) as unknown as HPAv2;
  return v2 as unknown as KubeObject;
}

/** hpaV2ToV1 converts a stored autoscaling/v2 HPA to what autoscaling/v1 clients see (internal -> v1). */
export function hpaV2ToV1(obj: KubeObject): KubeObject {
  const v2 = obj as unknown as HPAv2;
  const spec = v2.spec;
  const annotations: Record<string, string> = { ...withoutRoundTripAnnotations(v2.metadata?.annotations) };
  const other = (spec?.metrics ?? []).filter((m) => !isCPUUtilization(m));
  if (other.length > 0) annotations[HPAAnnotations.MetricSpecs] = JSON.stringify(other.map(metricSpecToV1));
  const current = v2.status?.currentMetrics ?? [];
  if (current.length > 0) annotations[HPAAnnotations.MetricStatuses] = JSON.stringify(current.map(metricStatusToV1));
  if (spec?.behavior) {
    annotations[HPAAnnotations.BehaviorSpecs] = JSON.stringify({
      ScaleUp: rulesToInternalJson(spec.behavior.scaleUp),
      ScaleDown: rulesToInternalJson(spec.behavior.scaleDown),
    });
  }
  const conditions = v2.status?.conditions ?? [];
  if (conditions.length > 0) {
    annotations[HPAAnnotations.Conditions] = JSON.stringify(
      conditions.map((c) => compact({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message })),
    );
  }
  // The first CPU Resource metric with a utilization target becomes targetCPUUtilizationPercentage.
  const cpuMetric = spec?.metrics?.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu');
  const cpuStatus = [...current].reverse().find((m) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource.current?.averageUtilization !== undefined);
  const st = v2.status;
  const v1: HPAv1 = compact({
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: v2.metadata ? compact({ ...v2.metadata, annotations: Object.keys(annotations).length ? annotations : undefined }) : undefined,
    spec: compact({
      scaleTargetRef: spec?.scaleTargetRef,
      minReplicas: spec?.minReplicas,
      maxReplicas: spec?.maxReplicas,
      targetCPUUtilizationPercentage: cpuMetric?.resource?.target?.averageUtilization,
    }),
    status: st
      ? compact({
          observedGeneration: st.observedGeneration,
          lastScaleTime: st.lastScaleTime,
          currentReplicas: st.currentReplicas ?? 0,
          desiredReplicas: st.desiredReplicas ?? 0,
          currentCPUUtilizationPercentage: cpuStatus?.resource?.current?.averageUtilization,
        })
      : undefined,
  }) as unknown as HPAv1;
  return v1 as unknown as KubeObject;
}
