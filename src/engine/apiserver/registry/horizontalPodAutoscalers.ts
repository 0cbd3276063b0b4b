import type { HorizontalPodAutoscaler as HPAv1 } from 'kubernetes-types/autoscaling/v1';
import type { HorizontalPodAutoscaler, HorizontalPodAutoscalerSpec, HPAScalingRules } from 'kubernetes-types/autoscaling/v2';
import type { KubeObject, StoredObject } from '../../api/object';
import { DefaultCPUUtilization, hpaV1ToV2, hpaV2ToV1 } from './hpaConversion';
import {
  validateHorizontalPodAutoscaler,
  validateHorizontalPodAutoscalerStatusUpdate,
  validateHorizontalPodAutoscalerUpdate,
} from './hpaValidation';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { keepSpec, keepStatus, resetStatus } from './strategyHelpers';

// HorizontalPodAutoscaler as pkg/apis/autoscaling/v2/defaults.go and
// pkg/registry/autoscaling/horizontalpodautoscaler/strategy.go of v1.32 define it. One storage
// (autoscaling/v2) serves both versions; autoscaling/v1 converts on the way in and out.

function defaultScaleUpRules(): HPAScalingRules {
  return {
    stabilizationWindowSeconds: 0,
    selectPolicy: 'Max',
    policies: [
      { type: 'Pods', value: 4, periodSeconds: 15 },
      { type: 'Percent', value: 100, periodSeconds: 15 },
    ],
  };
}

// The scale-down window stays unset: the controller's --horizontal-pod-autoscaler-downscale-stabilization flag fills it.
function defaultScaleDownRules(): HPAScalingRules {
  return { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] };
}

function withDefaults(from: HPAScalingRules | undefined, defaults: HPAScalingRules): HPAScalingRules {
  if (!from) return defaults;
  if (from.selectPolicy !== undefined) defaults.selectPolicy = from.selectPolicy;
  if (from.stabilizationWindowSeconds !== undefined) defaults.stabilizationWindowSeconds = from.stabilizationWindowSeconds;
  if (from.policies !== undefined) defaults.policies = from.policies;
  return defaults;
}

/** setDefaultsHorizontalPodAutoscaler is the autoscaling/v2 SetDefaults_HorizontalPodAutoscaler. */
export function setDefaultsHorizontalPodAutoscaler(hpa: HorizontalPodAutoscaler): void {
  const spec = (hpa.spec ??= {} as HorizontalPodAutoscalerSpec);
  spec.minReplicas ??= 1;
  if (!spec.metrics?.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DefaultCPUUtilization } } }];
  }
  if (spec.behavior) {
    spec.behavior.scaleUp = withDefaults(spec.behavior.scaleUp, defaultScaleUpRules());
    spec.behavior.scaleDown = withDefaults(spec.behavior.scaleDown, defaultScaleDownRules());
  }
}

/** setDefaultsHorizontalPodAutoscalerV1 is the autoscaling/v1 SetDefaults_HorizontalPodAutoscaler (the CPU target comes in conversion). */
export function setDefaultsHorizontalPodAutoscalerV1(hpa: HPAv1): void {
  const spec = (hpa.spec ??= {} as HPAv1['spec'] & object);
  spec.minReplicas ??= 1;
}

const asHPA = (o: KubeObject) => o as unknown as HorizontalPodAutoscaler;

/** horizontalPodAutoscalerV2Strategy is the REST strategy of autoscaling/v2 horizontalpodautoscalers. */
export const horizontalPodAutoscalerV2Strategy: ResourceStrategy = {
  def: Resources.horizontalpodautoscalersV2,
  defaults: (obj) => setDefaultsHorizontalPodAutoscaler(asHPA(obj)),
  // v1.32 sets no metadata.generation on HPAs (HPAGeneration came later).
  prepareForCreate: (obj) => resetStatus(obj, { currentMetrics: null, desiredReplicas: 0 }),
  prepareForUpdate: (obj: KubeObject, old: StoredObject) => keepStatus(obj, old),
  validate: (obj) => validateHorizontalPodAutoscaler(asHPA(obj)),
  validateUpdate: (obj, old) => validateHorizontalPodAutoscalerUpdate(asHPA(obj), asHPA(old)),
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate: (obj, old) => validateHorizontalPodAutoscalerStatusUpdate(asHPA(obj), asHPA(old)),
  },
};

/**
 * horizontalPodAutoscalerV1Strategy serves autoscaling/v1 from the v2 storage. defaults sees the v1
 * object; toStorage converts it and applies the v2 defaults (as decoding from storage does); every
 * other hook sees the storage (v2) form; fromStorage renders v1 for the response.
 */
export const horizontalPodAutoscalerV1Strategy: ResourceStrategy = {
  ...horizontalPodAutoscalerV2Strategy,
  def: Resources.horizontalpodautoscalersV1,
  defaults: (obj) => setDefaultsHorizontalPodAutoscalerV1(obj as unknown as HPAv1),
  toStorage(obj) {
    const v2 = hpaV1ToV2(obj);
    setDefaultsHorizontalPodAutoscaler(asHPA(v2));
    return v2;
  },
  fromStorage: (obj) => hpaV2ToV1(obj) as StoredObject,
};
