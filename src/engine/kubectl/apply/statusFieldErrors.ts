import type { Status } from 'kubernetes-types/meta/v1';

/** FieldError is one field a server error names, with what to say about it. */
export interface FieldError {
  /** path is a field path from the object's root: "spec.template.spec.containers[0].image". */
  path: string;
  message: string;
}

// strict decoding error: unknown field "spec.foo", duplicate field "metadata.name"
const strictField = /(unknown|duplicate) field "([^"]+)"/g;
// json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32
const decodeField = /Go struct field [A-Za-z0-9_]+\.(\S+) of type/;

/**
 * statusFieldErrors lists the fields a failure Status names: the causes of an Invalid (422) error,
 * the unknown or duplicate fields of a strict decoding error, the field a JSON type error stops at,
 * or metadata.namespace when the namespace does not exist. Other failures name no field.
 */
export function statusFieldErrors(status: Status): FieldError[] {
  const message = status.message ?? '';
  if (status.reason === 'Invalid') {
    return (status.details?.causes ?? [])
      .filter((c) => c.field)
      .map((c) => ({ path: c.field!, message: `${c.field}: ${c.message ?? ''}` }));
  }
  const strict = [...message.matchAll(strictField)].map((m) => ({ path: m[2], message: `${m[1]} field "${m[2]}"` }));
  if (strict.length > 0) return strict;
  const decode = decodeField.exec(message);
  if (decode) return [{ path: decode[1], message: message.slice(message.indexOf('json: ')) }];
  // Creating an object in a namespace that does not exist: namespaces "x" not found.
  if (status.reason === 'NotFound' && status.details?.kind === 'namespaces') return [{ path: 'metadata.namespace', message }];
  return [];
}
