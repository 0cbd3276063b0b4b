import type { NonResourceAttributes, ResourceAttributes, SubjectAccessReviewSpec } from 'kubernetes-types/authorization/v1';
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { type FieldError, fieldError, GoValue } from '../fieldErrors';
import { goObjectMeta, goQuote } from '../registry/goValue';

// Validation of the access reviews, pkg/apis/authorization/validation (v1.32); the authorizer
// answers them (reviews.ts).

/** AccessReviewKind says which of the three access reviews is validated. */
export type AccessReviewKind = 'SelfSubjectAccessReview' | 'SubjectAccessReview' | 'LocalSubjectAccessReview';

/** validateAccessReview returns the field errors of an access review, as its REST Create finds them. */
export function validateAccessReview(kind: AccessReviewKind, meta: ObjectMeta, spec: SubjectAccessReviewSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(fieldError.invalid('spec.nonResourceAttributes', goNonResourceAttributes(spec.nonResourceAttributes), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(fieldError.invalid('spec.resourceAttributes', null, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  if (kind !== 'SelfSubjectAccessReview' && !spec.user && !spec.groups?.length) {
    errs.push(fieldError.invalid('spec.user', spec.user ?? '', 'at least one of user or group must be specified'));
  }
  errs.push(...validateResourceAttributes(spec.resourceAttributes));
  // Only the namespace, for a local review, may be set: the review is not an object that is kept.
  const { managedFields: _, creationTimestamp, ...rest } = meta;
  const local = kind === 'LocalSubjectAccessReview';
  const set = Object.values(local ? { ...rest, namespace: undefined } : rest).some(isSet);
  if (set || creationTimestamp) errs.push(fieldError.invalid('metadata', goObjectMeta(meta), local ? 'must be empty except for namespace' : 'must be empty'));
  if (local) {
    if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== (meta.namespace ?? '')) {
      errs.push(fieldError.invalid('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
    }
    if (spec.nonResourceAttributes) {
      errs.push(fieldError.invalid('spec.nonResourceAttributes', goNonResourceAttributes(spec.nonResourceAttributes), 'disallowed on this kind of request'));
    }
  }
  return errs;
}

interface SelectorAttributes {
  rawSelector?: string;
  requirements?: { key?: string; operator?: string; values?: string[] }[];
}

function validateResourceAttributes(attrs: ResourceAttributes | undefined): FieldError[] {
  if (!attrs) return [];
  const withSelectors = attrs as ResourceAttributes & { fieldSelector?: SelectorAttributes; labelSelector?: SelectorAttributes };
  return [
    ...validateSelectorAttributes(withSelectors.fieldSelector, 'spec.resourceAttributes.fieldSelector'),
    ...validateSelectorAttributes(withSelectors.labelSelector, 'spec.resourceAttributes.labelSelector'),
  ];
}

// validateFieldSelectorAttributes / validateLabelSelectorAttributes; unknown operators are allowed
// (AllowUnknownOperatorInRequirement), so that newer clients can still be answered.
function validateSelectorAttributes(sel: SelectorAttributes | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs: FieldError[] = [];
  const requirements = sel.requirements ?? [];
  if (sel.rawSelector && requirements.length > 0) errs.push(fieldError.invalid(`${path}.rawSelector`, sel.rawSelector, 'may not specified at the same time as requirements'));
  if (!sel.rawSelector && requirements.length === 0) errs.push(fieldError.required(`${path}.requirements`, `when ${path} is specified, requirements or rawSelector is required`));
  requirements.forEach((r, i) => {
    const at = `${path}.requirements[${i}]`;
    const values = r.values ?? [];
    if ((r.operator === 'In' || r.operator === 'NotIn') && values.length === 0) {
      errs.push(fieldError.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    }
    if ((r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0) {
      errs.push(fieldError.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }
  });
  return errs;
}

function goNonResourceAttributes(a: NonResourceAttributes): GoValue {
  return new GoValue(`authorization.NonResourceAttributes{Path:${goQuote(a.path ?? '')}, Verb:${goQuote(a.verb ?? '')}}`);
}

// Semantic.DeepEqual with the zero ObjectMeta: nil and empty maps and slices are equal.
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  return typeof v !== 'object' || Object.keys(v).length > 0;
}
