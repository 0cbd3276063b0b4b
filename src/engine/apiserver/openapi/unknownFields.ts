import type { GroupVersionKind } from '../../api/groupVersion';
import { structTypeOf, type FieldType, type StructType } from './fieldTypes';
import { definitionNameForKind } from './schemaRegistry';

// Strict decoding (fieldValidation=Strict or Warn) as sigs.k8s.io/json's UnmarshalStrict does it for
// kube-apiserver v1.32: every JSON key that matches no field (case-sensitively) is reported with its
// path — struct fields joined by ".", list items as "[i]", map keys as ".key" — and the value under an
// unknown key is not looked into. Values the Go types decode raw (RawExtension, FieldsV1) are opaque.

/** MaxStrictErrors is how many strict errors sigs.k8s.io/json keeps (kubernetes_patch.go saveStrictError). */
export const MaxStrictErrors = 100;

type JsonObject = Record<string, unknown>;

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** unknownFields returns the paths strict decoding of obj as gvk rejects, in document order. */
export function unknownFields(obj: unknown, gvk: GroupVersionKind): string[] {
  const definition = definitionNameForKind(gvk);
  const out: string[] = [];
  if (definition && isObject(obj)) walkStruct(obj, structTypeOf(definition), '', out);
  return out;
}

function walkStruct(obj: JsonObject, st: StructType, path: string, out: string[]): void {
  for (const key in obj) {
    const field = st.fields.get(key);
    if (!field) {
      if (out.length < MaxStrictErrors) out.push(path === '' ? key : `${path}.${key}`);
    } else if (field.deep) {
      // Only values that can hold structs are walked: scalars and string maps cannot hide unknown keys.
      walkValue(obj[key], field, path === '' ? key : `${path}.${key}`, out);
    }
  }
}

function walkValue(value: unknown, type: FieldType, path: string, out: string[]): void {
  switch (type.kind) {
    case 'struct':
      if (isObject(value)) walkStruct(value, structTypeOf(type.definition), path, out);
      return;
    case 'array':
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) walkValue(value[i], type.elem, `${path}[${i}]`, out);
      return;
    case 'map':
      if (isObject(value)) for (const key in value) walkValue(value[key], type.elem, `${path}.${key}`, out);
      return;
    default:
      return;
  }
}

/**
 * strictDecodingError renders runtime.strictDecodingError for unknown fields (apimachinery
 * pkg/runtime/error.go, v1.32): `strict decoding error: unknown field "spec.replicass", unknown field "…"`.
 * On create and update kube-apiserver wraps it with decodeErrorMessage into a 400 BadRequest; with
 * fieldValidation=Warn each `unknown field "…"` becomes a warning instead. (The "json: unknown field"
 * wording is encoding/json's own and never reaches an API client.)
 */
export function strictDecodingError(paths: readonly string[]): string {
  return `strict decoding error: ${paths.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
}

/** unknownFieldWarning is the warning text fieldValidation=Warn adds for one unknown field. */
export function unknownFieldWarning(path: string): string {
  return `unknown field ${JSON.stringify(path)}`;
}
