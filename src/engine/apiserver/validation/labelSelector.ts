import type { LabelSelector, LabelSelectorRequirement } from 'kubernetes-types/meta/v1';
import { fieldError, type FieldError } from '../fieldErrors';
import { isQualifiedName, isValidLabelValue } from './names';

// Label and selector validation of k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go (v1.32).

/** LabelSelectorValidationOptions mirrors metav1validation.LabelSelectorValidationOptions. */
export interface LabelSelectorValidationOptions {
  /** allowInvalidLabelValueInSelector skips the value format check (kept for old stored objects). */
  allowInvalidLabelValueInSelector?: boolean;
}

/** validateLabelName checks one label key. */
export function validateLabelName(name: string, path: string): FieldError[] {
  return isQualifiedName(name).map((msg) => fieldError.invalid(path, name, msg));
}

/** validateLabels checks every key and value of a label map; errors point at the map itself. */
export function validateLabels(labels: Record<string, string> | undefined | null, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!labels) return errs;
  for (const k of Object.keys(labels)) {
    errs.push(...validateLabelName(k, path));
    const v = labels[k];
    for (const msg of isValidLabelValue(typeof v === 'string' ? v : String(v))) errs.push(fieldError.invalid(path, v, msg));
  }
  return errs;
}

/** validateLabelSelectorRequirement checks one matchExpressions entry. */
export function validateLabelSelectorRequirement(
  sr: LabelSelectorRequirement,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  const errs: FieldError[] = [];
  const values = sr.values ?? [];
  switch (sr.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) {
        errs.push(fieldError.required(`${path}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
      }
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errs.push(fieldError.forbidden(`${path}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      }
      break;
    default:
      errs.push(fieldError.invalid(`${path}.operator`, sr.operator ?? '', 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(sr.key ?? '', `${path}.key`));
  if (!opts.allowInvalidLabelValueInSelector) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(fieldError.invalid(`${path}.values[${i}]`, v, msg));
    });
  }
  return errs;
}

/** validateLabelSelector checks a metav1.LabelSelector (nil is valid; emptiness is the caller's rule). */
export function validateLabelSelector(
  sel: LabelSelector | undefined | null,
  path: string,
  opts: LabelSelectorValidationOptions = {},
): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    errs.push(...validateLabelSelectorRequirement(expr, `${path}.matchExpressions[${i}]`, opts));
  });
  return errs;
}
