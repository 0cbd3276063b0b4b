import type {
  CrossVersionObjectReference,
  HorizontalPodAutoscaler,
  HorizontalPodAutoscalerBehavior,
  HPAScalingRules,
  MetricIdentifier,
  MetricSpec,
  MetricTarget,
} from 'kubernetes-types/autoscaling/v2';
import { fieldError, GoValue, type FieldError } from '../fieldErrors';
import { isDNS1123Label, isQualifiedName, isValidPathSegmentName, nameIsDNSSubdomain } from '../validation/names';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { parseQuantity } from '../validation/quantity';
import { goQuote } from './goValue';

// HorizontalPodAutoscaler validation of pkg/apis/autoscaling/validation/validation.go (v1.32),
// applied to the autoscaling/v2 (storage) form whichever version a client used.

/** MaxPeriodSeconds bounds the period of a scaling policy in spec.behavior. */
export const MaxPeriodSeconds = 1800;
/** MaxStabilizationWindowSeconds bounds the stabilization window of a scaling rule. */
export const MaxStabilizationWindowSeconds = 3600;

const metricSourceTypes = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const selectPolicies = ['Disabled', 'Max', 'Min'];
const scalingPolicyTypes = ['Percent', 'Pods'];

/** validateCrossVersionObjectReference checks scaleTargetRef and Object metrics' describedObject. */
export function validateCrossVersionObjectReference(ref: CrossVersionObjectReference | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['kind', 'name'] as const) {
    const v = ref?.[f] ?? '';
    if (v === '') errs.push(fieldError.required(`${path}.${f}`));
    else for (const msg of isValidPathSegmentName(v)) errs.push(fieldError.invalid(`${path}.${f}`, v, msg));
  }
  return errs;
}

// A *resource.Quantity bad value prints as the Go struct (Quantity.String has a pointer receiver).
function goQuantity(q: string | number): GoValue {
  const s = String(q);
  const n = parseQuantity(s);
  const value = n !== undefined && Number.isInteger(n) ? n : 0;
  return new GoValue(`resource.Quantity{i:resource.int64Amount{value:${value}, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:${goQuote(s)}, Format:"DecimalSI"}`);
}

function validateMetricTarget(mt: MetricTarget | undefined, path: string): FieldError[] {
  const t = mt ?? ({} as MetricTarget);
  const errs: FieldError[] = [];
  if (!t.type) errs.push(fieldError.required(`${path}.type`, 'must specify a metric target type'));
  if (t.type !== 'Utilization' && t.type !== 'Value' && t.type !== 'AverageValue') {
    errs.push(fieldError.invalid(`${path}.type`, t.type ?? '', 'must be either Utilization, Value, or AverageValue'));
  }
  for (const f of ['value', 'averageValue'] as const) {
    const q = t[f];
    if (q !== undefined && !((parseQuantity(q) ?? 0) > 0)) errs.push(fieldError.invalid(`${path}.${f}`, goQuantity(q), 'must be positive'));
  }
  if (t.averageUtilization !== undefined && t.averageUtilization < 1) {
    errs.push(fieldError.invalid(`${path}.averageUtilization`, t.averageUtilization, 'must be greater than 0'));
  }
  return errs;
}

function validateMetricIdentifier(id: MetricIdentifier | undefined, path: string): FieldError[] {
  const name = id?.name ?? '';
  if (name === '') return [fieldError.required(`${path}.name`, 'must specify a metric name')];
  return isValidPathSegmentName(name).map((msg) => fieldError.invalid(`${path}.name`, name, msg));
}

function validateResourceName(name: string | undefined, path: string): FieldError[] {
  if (!name) return [fieldError.required(`${path}.name`, 'must specify a resource name')];
  return isQualifiedName(name).map((msg) => fieldError.invalid(`${path}.name`, name, msg));
}

function utilizationOrValue(t: MetricTarget | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (t?.averageUtilization === undefined && t?.averageValue === undefined) {
    errs.push(fieldError.required(`${path}.target.averageUtilization`, 'must set either a target raw value or a target utilization'));
  }
  if (t?.averageUtilization !== undefined && t?.averageValue !== undefined) {
    errs.push(fieldError.forbidden(`${path}.target.averageValue`, 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

type SourceKey = 'object' | 'external' | 'pods' | 'resource' | 'containerResource';

function validateSource(spec: MetricSpec, key: SourceKey, path: string): FieldError[] {
  switch (key) {
    case 'object': {
      const src = spec.object!;
      const errs = [
        ...validateCrossVersionObjectReference(src.describedObject, `${path}.describedObject`),
        ...validateMetricIdentifier(src.metric, `${path}.metric`),
        ...validateMetricTarget(src.target, `${path}.target`),
      ];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errs.push(fieldError.required(`${path}.target.averageValue`, 'must set either a target value or averageValue'));
      }
      return errs;
    }
    case 'external': {
      const src = spec.external!;
      const errs = [...validateMetricIdentifier(src.metric, `${path}.metric`), ...validateMetricTarget(src.target, `${path}.target`)];
      if (src.target?.value === undefined && src.target?.averageValue === undefined) {
        errs.push(fieldError.required(`${path}.target.averageValue`, 'must set either a target value for metric or a per-pod target'));
      }
      if (src.target?.value !== undefined && src.target?.averageValue !== undefined) {
        errs.push(fieldError.forbidden(`${path}.target.value`, 'may not set both a target value for metric and a per-pod target'));
      }
      return errs;
    }
    case 'pods': {
      const src = spec.pods!;
      const errs = [...validateMetricIdentifier(src.metric, `${path}.metric`), ...validateMetricTarget(src.target, `${path}.target`)];
      if (src.target?.averageValue === undefined) {
        errs.push(fieldError.required(`${path}.target.averageValue`, 'must specify a positive target averageValue'));
      }
      return errs;
    }
    case 'resource': {
      const src = spec.resource!;
      return [
        ...validateResourceName(src.name, path),
        ...validateMetricTarget(src.target, `${path}.target`),
        ...utilizationOrValue(src.target, path),
      ];
    }
    case 'containerResource': {
      const src = spec.containerResource!;
      const errs = validateResourceName(src.name, path);
      if (!src.container) errs.push(fieldError.required(`${path}.container`, 'must specify a container'));
      else for (const msg of isDNS1123Label(src.container)) errs.push(fieldError.invalid(`${path}.container`, src.container, msg));
      errs.push(...validateMetricTarget(src.target, `${path}.target`), ...utilizationOrValue(src.target, path));
      return errs;
    }
  }
}

const typeToKey: Record<string, SourceKey> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

function validateMetricSpec(spec: MetricSpec, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = spec.type ?? '';
  if (type === '') errs.push(fieldError.required(`${path}.type`, 'must specify a metric source type'));
  if (!metricSourceTypes.includes(type)) errs.push(fieldError.notSupported(`${path}.type`, type, metricSourceTypes));
  // Only the first source present (in this order) is validated.
  const present = (['object', 'external', 'pods', 'resource', 'containerResource'] as const).filter((k) => spec[k]);
  if (present.length > 0) errs.push(...validateSource(spec, present[0], `${path}.${present[0]}`));
  const expected = typeToKey[type];
  if (expected) {
    if (!spec[expected]) errs.push(fieldError.required(`${path}.${expected}`, 'must populate information for the given metric source'));
  } else {
    errs.push(fieldError.notSupported(`${path}.type`, type, metricSourceTypes));
  }
  if (present.length !== 1) {
    for (const k of present) if (k !== expected) errs.push(fieldError.forbidden(`${path}.${k}`, 'must populate the given metric source only'));
  }
  return errs;
}

function validateScalingRules(rules: HPAScalingRules | undefined, path: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const w = rules.stabilizationWindowSeconds;
  if (w !== undefined && w < 0) errs.push(fieldError.invalid(`${path}.stabilizationWindowSeconds`, w, 'must be greater than or equal to zero'));
  if (w !== undefined && w > MaxStabilizationWindowSeconds) {
    errs.push(fieldError.invalid(`${path}.stabilizationWindowSeconds`, w, `must be less than or equal to ${MaxStabilizationWindowSeconds}`));
  }
  if (rules.selectPolicy !== undefined && !selectPolicies.includes(rules.selectPolicy)) {
    errs.push(fieldError.notSupported(`${path}.selectPolicy`, rules.selectPolicy, selectPolicies));
  }
  const policies = rules.policies ?? [];
  if (policies.length === 0) errs.push(fieldError.required(`${path}.policies`, 'must specify at least one Policy'));
  policies.forEach((p, i) => {
    const pp = `${path}.policies[${i}]`;
    if (!scalingPolicyTypes.includes(p.type)) errs.push(fieldError.notSupported(`${pp}.type`, p.type ?? '', scalingPolicyTypes));
    if (!(p.value > 0)) errs.push(fieldError.invalid(`${pp}.value`, p.value ?? 0, 'must be greater than zero'));
    if (!(p.periodSeconds > 0)) errs.push(fieldError.invalid(`${pp}.periodSeconds`, p.periodSeconds ?? 0, 'must be greater than zero'));
    if (p.periodSeconds > MaxPeriodSeconds) {
      errs.push(fieldError.invalid(`${pp}.periodSeconds`, p.periodSeconds, `must be less than or equal to ${MaxPeriodSeconds}`));
    }
  });
  return errs;
}

function validateBehavior(b: HorizontalPodAutoscalerBehavior | undefined, path: string): FieldError[] {
  if (!b) return [];
  return [...validateScalingRules(b.scaleUp, `${path}.scaleUp`), ...validateScalingRules(b.scaleDown, `${path}.scaleDown`)];
}

/** validateHorizontalPodAutoscalerSpec is validateHorizontalPodAutoscalerSpec (HPAScaleToZero off: minReplicas >= 1). */
export function validateHorizontalPodAutoscalerSpec(hpa: HorizontalPodAutoscaler, path: string): FieldError[] {
  const s = hpa.spec;
  const errs: FieldError[] = [];
  const min = s?.minReplicas;
  if (min !== undefined && min < 1) errs.push(fieldError.invalid(`${path}.minReplicas`, min, 'must be greater than or equal to 1'));
  const max = s?.maxReplicas ?? 0;
  if (max < 1) errs.push(fieldError.invalid(`${path}.maxReplicas`, max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(fieldError.invalid(`${path}.maxReplicas`, max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(s?.scaleTargetRef, `${path}.scaleTargetRef`));
  const metrics = s?.metrics ?? [];
  metrics.forEach((m, i) => errs.push(...validateMetricSpec(m, `${path}.metrics[${i}]`)));
  if (min === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(fieldError.forbidden(`${path}.metrics`, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  errs.push(...validateBehavior(s?.behavior, `${path}.behavior`));
  return errs;
}

/** validateHorizontalPodAutoscaler is ValidateHorizontalPodAutoscaler. */
export function validateHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain), ...validateHorizontalPodAutoscalerSpec(hpa, 'spec')];
}

/** validateHorizontalPodAutoscalerUpdate is ValidateHorizontalPodAutoscalerUpdate. */
export function validateHorizontalPodAutoscalerUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata), ...validateHorizontalPodAutoscalerSpec(hpa, 'spec')];
}

/** validateHorizontalPodAutoscalerStatusUpdate is ValidateHorizontalPodAutoscalerStatusUpdate. */
export function validateHorizontalPodAutoscalerStatusUpdate(hpa: HorizontalPodAutoscaler, old: HorizontalPodAutoscaler): FieldError[] {
  return [
    ...validateObjectMetaUpdate(hpa.metadata, old.metadata),
    ...validateNonnegativeField(hpa.status?.currentReplicas ?? 0, 'status.currentReplicas'),
    ...validateNonnegativeField(hpa.status?.desiredReplicas ?? 0, 'status.desiredReplicas'),
  ];
}
