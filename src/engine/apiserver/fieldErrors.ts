import type { Status } from 'kubernetes-types/meta/v1';
import { ApiError, failure, StatusReason } from './errors';
import { groupKind } from '../api/groupVersion';

// Field errors mirror k8s.io/apimachinery/pkg/util/validation/field/errors.go (v1.32).

/** FieldErrorType pairs each field.ErrorType with its cause reason and its text. */
export const FieldErrorType = {
  NotFound: { reason: 'FieldValueNotFound', text: 'Not found' },
  Required: { reason: 'FieldValueRequired', text: 'Required value' },
  Duplicate: { reason: 'FieldValueDuplicate', text: 'Duplicate value' },
  Invalid: { reason: 'FieldValueInvalid', text: 'Invalid value' },
  NotSupported: { reason: 'FieldValueNotSupported', text: 'Unsupported value' },
  Forbidden: { reason: 'FieldValueForbidden', text: 'Forbidden' },
  TooLong: { reason: 'FieldValueTooLong', text: 'Too long' },
  TooMany: { reason: 'FieldValueTooMany', text: 'Too many' },
  Internal: { reason: 'InternalError', text: 'Internal error' },
  TypeInvalid: { reason: 'FieldValueTypeInvalid', text: 'Invalid value' },
} as const;
export type FieldErrorType = (typeof FieldErrorType)[keyof typeof FieldErrorType];

/** omitValue marks a field error whose bad value is not printed (field.OmitValueType). */
export const omitValue: unique symbol = Symbol('omitValue');

/** FieldError is one field.Error: a path, a type, the bad value and a detail. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  badValue: unknown;
  detail: string;
}

/** errorBody renders a field error without its path, as field.Error.ErrorBody does. */
export function errorBody(e: FieldError): string {
  let s: string;
  const t = e.type;
  if (
    t === FieldErrorType.Required ||
    t === FieldErrorType.Forbidden ||
    t === FieldErrorType.TooLong ||
    t === FieldErrorType.Internal ||
    e.badValue === omitValue
  ) {
    s = t.text;
  } else {
    s = `${t.text}: ${formatBadValue(e.badValue)}`;
  }
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** formatFieldError renders "path: body", as field.Error.Error does. */
export function formatFieldError(e: FieldError): string {
  return `${e.field}: ${errorBody(e)}`;
}

/** GoValue is a bad value already rendered the way Go's %#v prints it (maps, structs): printed verbatim. */
export class GoValue {
  constructor(readonly text: string) {}
}

// Go prints strings with %q, simple scalars with %v and anything else with %#v; the last is
// approximated with JSON unless the caller rendered it as a GoValue.
function formatBadValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  // field.Error turns a nil value or nil pointer into the string "null", which %q then quotes.
  if (v === null || v === undefined) return '"null"';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

function mk(type: FieldErrorType, field: string, badValue: unknown, detail: string): FieldError {
  return { type, field, badValue, detail };
}

export const fieldError = {
  required: (field: string, detail = '') => mk(FieldErrorType.Required, field, '', detail),
  invalid: (field: string, value: unknown, detail: string) => mk(FieldErrorType.Invalid, field, value, detail),
  notFound: (field: string, value: unknown) => mk(FieldErrorType.NotFound, field, value, ''),
  duplicate: (field: string, value: unknown) => mk(FieldErrorType.Duplicate, field, value, ''),
  forbidden: (field: string, detail: string) => mk(FieldErrorType.Forbidden, field, '', detail),
  tooLong: (field: string, value: unknown, maxLength: number) =>
    mk(FieldErrorType.TooLong, field, value, maxLength >= 0 ? `may not be more than ${maxLength} bytes` : 'value is too long'),
  tooMany: (field: string, actual: number, max: number) =>
    mk(FieldErrorType.TooMany, field, actual, `must have at most ${max} items`),
  typeInvalid: (field: string, value: unknown, detail: string) => mk(FieldErrorType.TypeInvalid, field, value, detail),
  internal: (field: string, detail: string) => mk(FieldErrorType.Internal, field, '', detail),
  notSupported: (field: string, value: unknown, valid: readonly string[]) =>
    mk(
      FieldErrorType.NotSupported,
      field,
      value,
      valid.length > 0 ? `supported values: ${valid.map((v) => JSON.stringify(v)).join(', ')}` : '',
    ),
};

/** newInvalid builds the 422 Invalid Status of errors.NewInvalid: aggregated message, one cause per error. */
export function newInvalid(gk: { group: string; kind: string }, name: string, errs: FieldError[]): ApiError {
  const messages = [...new Set(errs.map(formatFieldError))];
  const aggregate = messages.length === 0 ? '' : messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`;
  const message = aggregate ? `${groupKind(gk)} "${name}" is invalid: ${aggregate}` : `${groupKind(gk)} "${name}" is invalid`;
  const status: Status = failure(422, StatusReason.Invalid, message, {
    name,
    group: gk.group || undefined,
    kind: gk.kind,
    causes: errs.map((e) => ({ reason: e.type.reason, message: errorBody(e), field: e.field })),
  });
  return new ApiError(status);
}
