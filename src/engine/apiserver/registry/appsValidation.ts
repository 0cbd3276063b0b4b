import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import { matches, selectorFromLabelSelector, type Selector } from '../../api/labels';
import { fieldError, type FieldError } from '../fieldErrors';
import { validateLabelSelector } from '../validation/labelSelector';
import { isQualifiedName, isValidLabelValue, isValidPercent } from '../validation/names';
import { validateNonnegativeField } from '../validation/objectMeta';
import { validatePodTemplateSpec } from '../validation/podSpec';
import { goIntOrString, goLabelSelector, goStringMap } from './goValue';

// Validation shared by the workload controllers' resources and PodDisruptionBudget, from
// pkg/apis/apps/validation/validation.go (v1.32).

/** IntOrPercent is an intstr.IntOrString as JSON carries it. */
export type IntOrPercent = number | string;

/** SelectorMismatchMsg is the detail of a template whose labels the selector does not select. */
export const SelectorMismatchMsg = '`selector` does not match template `labels`';

/** validatePositiveIntOrPercent is ValidatePositiveIntOrPercent: a non-negative int or an "N%" string. */
export function validatePositiveIntOrPercent(v: IntOrPercent, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((msg) => fieldError.invalid(path, goIntOrString(v), msg));
  return validateNonnegativeField(v, path);
}

function percentValue(v: IntOrPercent): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number(v.slice(0, -1));
}

/** getIntOrPercentValue is the number an int or a valid percentage stands for (0 for anything else). */
export function getIntOrPercentValue(v: IntOrPercent | undefined): number {
  if (v === undefined) return 0;
  const p = percentValue(v);
  if (p !== undefined) return p;
  // intstr.IntValue parses a non-percent string with Atoi and yields 0 on failure.
  return typeof v === 'number' ? v : /^[+-]?\d+$/.test(v) ? Number(v) : 0;
}

/** isNotMoreThan100Percent is IsNotMoreThan100Percent. */
export function isNotMoreThan100Percent(v: IntOrPercent, path: string): FieldError[] {
  const p = percentValue(v);
  if (p === undefined || p <= 100) return [];
  return [fieldError.invalid(path, goIntOrString(v), 'must not be greater than 100%')];
}

/**
 * labelSelectorAsSelector is metav1.LabelSelectorAsSelector: undefined when the selector cannot be
 * converted (bad operator, key or value), the "nothing" selector for nil, "everything" for {}.
 */
export function labelSelectorAsSelector(sel: LabelSelector | undefined | null): Selector | undefined {
  if (sel) {
    for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
      if (isQualifiedName(k).length || isValidLabelValue(v).length) return undefined;
    }
    for (const e of sel.matchExpressions ?? []) {
      const n = e.values?.length ?? 0;
      if (isQualifiedName(e.key ?? '').length) return undefined;
      if (e.operator === 'In' || e.operator === 'NotIn') {
        if (n === 0 || e.values!.some((v) => isValidLabelValue(v).length)) return undefined;
      } else if (e.operator === 'Exists' || e.operator === 'DoesNotExist') {
        if (n !== 0) return undefined;
      } else return undefined;
    }
  }
  return selectorFromLabelSelector(sel);
}

/** selectorIsEmpty is labels.Selector.Empty(): true only for the select-everything selector. */
export function selectorIsEmpty(s: Selector): boolean {
  return !s.nothing && s.requirements.length === 0;
}

/** validateControllerSelector checks a required, non-empty spec.selector of a workload (kind names the message). */
export function validateControllerSelector(sel: LabelSelector | undefined, path: string, kind: string): FieldError[] {
  if (!sel) return [fieldError.required(path)];
  const errs = validateLabelSelector(sel, path);
  if (Object.keys(sel.matchLabels ?? {}).length + (sel.matchExpressions?.length ?? 0) === 0) {
    errs.push(fieldError.invalid(path, goLabelSelector(sel), `empty selector is invalid for ${kind}`));
  }
  return errs;
}

/** templateLabelsMismatch reports a template whose labels the selector does not select. */
export function templateLabelsMismatch(selector: Selector, tpl: PodTemplateSpec | undefined, path: string): FieldError[] {
  const labels = tpl?.metadata?.labels;
  return matches(selector, labels) ? [] : [fieldError.invalid(`${path}.metadata.labels`, goStringMap(labels), SelectorMismatchMsg)];
}

/**
 * validatePodTemplateSpecForReplicaSet is ValidatePodTemplateSpecForReplicaSet, used by
 * Deployments and ReplicaSets: labels selected, a valid template, restartPolicy Always and no
 * activeDeadlineSeconds (kind names the Forbidden message; upstream says "ReplicaSet" for both).
 */
export function validatePodTemplateSpecForReplicaSet(
  tpl: PodTemplateSpec | undefined,
  selector: Selector,
  path: string,
): FieldError[] {
  if (!tpl) return [fieldError.required(path)];
  const errs: FieldError[] = [];
  if (!selectorIsEmpty(selector)) errs.push(...templateLabelsMismatch(selector, tpl, path));
  errs.push(...validatePodTemplateSpec(tpl, path));
  errs.push(...restartPolicyAlways(tpl, `${path}.spec`));
  if (tpl.spec?.activeDeadlineSeconds !== undefined && tpl.spec.activeDeadlineSeconds !== null) {
    errs.push(fieldError.forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** restartPolicyAlways reports a template restartPolicy other than Always (path is the pod spec). */
export function restartPolicyAlways(tpl: PodTemplateSpec | undefined, specPath: string): FieldError[] {
  const rp = tpl?.spec?.restartPolicy ?? '';
  return rp === 'Always' ? [] : [fieldError.notSupported(`${specPath}.restartPolicy`, rp, ['Always'])];
}

/** validateOptionalNonnegative checks a pointer field that may be absent. */
export function validateOptionalNonnegative(v: number | undefined | null, path: string): FieldError[] {
  return v === undefined || v === null ? [] : validateNonnegativeField(v, path);
}

/** validateCollisionCountUpdate reports a status.collisionCount that went down. */
export function validateCollisionCountUpdate(next: number | undefined, prev: number | undefined): FieldError[] {
  // apivalidation.IsDecremented: nil after non-nil, or a smaller value.
  const decremented = prev !== undefined && (next === undefined || next < prev);
  return decremented ? [fieldError.invalid('status.collisionCount', next ?? 0, 'cannot be decremented')] : [];
}
