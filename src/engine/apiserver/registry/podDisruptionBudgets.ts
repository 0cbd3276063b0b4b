import type { PodDisruptionBudget, PodDisruptionBudgetSpec, PodDisruptionBudgetStatus } from 'kubernetes-types/policy/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { nameIsPathSegment } from '../validation/names';
import { validateNonnegativeField, validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './appsValidation';
import { goStruct } from './goValue';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';
import { bumpGenerationIf, keepSpec, keepStatus, metaOf, resetStatus, semanticDeepEqual } from './strategyHelpers';

// PodDisruptionBudget as pkg/apis/policy/validation/validation.go and
// pkg/registry/policy/poddisruptionbudget/strategy.go of v1.32 define it (policy/v1 has no defaults).

const unhealthyPodEvictionPolicies = ['AlwaysAllow', 'IfHealthyBudget'];

/** validatePodDisruptionBudgetSpec is ValidatePodDisruptionBudgetSpec. */
export function validatePodDisruptionBudgetSpec(spec: PodDisruptionBudgetSpec | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  if (s.minAvailable !== undefined && s.maxUnavailable !== undefined) {
    errs.push(fieldError.invalid(path, goStruct('policy.PodDisruptionBudgetSpec', s), 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable'] as const) {
    const v = s[f];
    if (v === undefined) continue;
    errs.push(...validatePositiveIntOrPercent(v, `${path}.${f}`), ...isNotMoreThan100Percent(v, `${path}.${f}`));
  }
  errs.push(...validateLabelSelector(s.selector, `${path}.selector`));
  const policy = s.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !unhealthyPodEvictionPolicies.includes(policy)) {
    errs.push(fieldError.notSupported(`${path}.unhealthyPodEvictionPolicy`, policy, unhealthyPodEvictionPolicies));
  }
  return errs;
}

/**
 * validatePodDisruptionBudget is ValidatePodDisruptionBudget, which checks only the spec; the
 * generic ObjectMeta check of rest.BeforeCreate follows, and only when the spec passed.
 */
export function validatePodDisruptionBudget(pdb: PodDisruptionBudget): FieldError[] {
  const errs = validatePodDisruptionBudgetSpec(pdb.spec, 'spec');
  return errs.length > 0 ? errs : validateObjectMeta(pdb.metadata, true, nameIsPathSegment);
}

/** validatePodDisruptionBudgetStatus is ValidatePodDisruptionBudgetStatusUpdate for policy/v1. */
export function validatePodDisruptionBudgetStatus(status: PodDisruptionBudgetStatus | undefined, path: string): FieldError[] {
  const s = status ?? ({} as PodDisruptionBudgetStatus);
  return (['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods'] as const).flatMap((f) =>
    validateNonnegativeField(s[f] ?? 0, `${path}.${f}`),
  );
}

const asPDB = (o: KubeObject) => o as unknown as PodDisruptionBudget;

/** podDisruptionBudgetStrategy is the REST strategy of policy/v1 poddisruptionbudgets. */
export const podDisruptionBudgetStrategy: ResourceStrategy = {
  def: Resources.poddisruptionbudgets,
  prepareForCreate(obj) {
    resetStatus(obj, { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 });
    metaOf(obj).generation = 1;
  },
  prepareForUpdate(obj, old) {
    keepStatus(obj, old);
    bumpGenerationIf(obj, old, !semanticDeepEqual(obj.spec, old.spec));
  },
  validate: (obj) => validatePodDisruptionBudget(asPDB(obj)),
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validatePodDisruptionBudgetSpec(asPDB(obj).spec, 'spec')],
  status: {
    prepareForUpdate: keepSpec,
    validateUpdate: (obj, old) => [
      ...validateObjectMetaUpdate(obj.metadata, old.metadata),
      ...validatePodDisruptionBudgetStatus(asPDB(obj).status, 'status'),
    ],
  },
};
