import type { GroupVersionKind } from '../../api/groupVersion';
import { base64Error } from './decodeBytes';
import { quantityError } from './decodeQuantity';
import { timeParseError } from './decodeTime';
import { structTypeOf, type FieldType, type StructType } from './fieldTypes';
import { definitionNameForKind } from './schemaRegistry';
import { goPackageOf } from './schemaTypes';

// Decoding a request body into the Go types, as sigs.k8s.io/json (Go 1.23 encoding/json) does it for
// kube-apiserver v1.32. A value of the wrong JSON type is an UnmarshalTypeError naming the innermost
// struct and the path of struct fields from the root (list indexes and map keys are not part of it):
// `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
// The decoder records the first such error and goes on; an error from a type's own UnmarshalJSON
// (IntOrString, Quantity, Time) ends decoding at once and wins. null is accepted everywhere.

type JsonObject = Record<string, unknown>;

interface DecodeState {
  /** saved is the first recorded error (decodeState.savedError). */
  saved: string | undefined;
  /** struct and fields are decodeState.errorContext: the innermost struct and the field path. */
  struct: string;
  fields: string[];
}

/** decodeErrorMessage wraps a decode error as create and update report it (apiserver transformDecodeError, v1.32). */
export function decodeErrorMessage(gvk: GroupVersionKind, baseError: string): string {
  return `${gvk.kind} in version ${JSON.stringify(gvk.version)} cannot be handled as a ${gvk.kind}: ${baseError}`;
}

/** decodeTypeError returns the 400 message decoding obj as gvk fails with, or undefined when it decodes. */
export function decodeTypeError(obj: unknown, gvk: GroupVersionKind): string | undefined {
  const definition = definitionNameForKind(gvk);
  if (!definition) return undefined;
  const base = jsonDecodeError(obj, definition);
  return base === undefined ? undefined : decodeErrorMessage(gvk, base);
}

/** jsonDecodeError returns the bare Go decode error of obj into definition's struct, if any. */
export function jsonDecodeError(obj: unknown, definition: string): string | undefined {
  const state: DecodeState = { saved: undefined, struct: '', fields: [] };
  const st = structTypeOf(definition);
  const aborted = decodeValue(obj, { kind: 'struct', go: `${goPackageOf(definition)}.${st.goName}`, definition, deep: true }, state);
  return aborted ?? state.saved;
}

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

function typeError(state: DecodeState, value: string, goType: string): string {
  if (state.fields.length === 0) return `json: cannot unmarshal ${value} into Go value of type ${goType}`;
  return `json: cannot unmarshal ${value} into Go struct field ${state.struct}.${state.fields.join('.')} of type ${goType}`;
}

function save(state: DecodeState, err: string): undefined {
  state.saved ??= err;
  return undefined;
}

/** intValueError describes a number an integer field rejects the way literalStore does ("number 1.5"). */
function intValueError(v: unknown, min: number, max: number): string | undefined {
  if (typeof v !== 'number') return jsonKind(v);
  return Number.isInteger(v) && v >= min && v <= max ? undefined : `number ${String(v)}`;
}

/** decodeValue checks one value; it returns an error only when decoding stops there. */
function decodeValue(v: unknown, t: FieldType, state: DecodeState): string | undefined {
  if (v === null || v === undefined) return undefined;
  switch (t.kind) {
    case 'struct':
      if (typeof v === 'object' && !Array.isArray(v)) return decodeStruct(v as JsonObject, structTypeOf(t.definition), state);
      return save(state, typeError(state, jsonKind(v), t.go));
    case 'array':
      if (!Array.isArray(v)) return save(state, typeError(state, jsonKind(v), t.go));
      for (const item of v) {
        const err = decodeValue(item, t.elem, state);
        if (err !== undefined) return err;
      }
      return undefined;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) return save(state, typeError(state, jsonKind(v), t.go));
      for (const key in v as JsonObject) {
        const err = decodeValue((v as JsonObject)[key], t.elem, state);
        if (err !== undefined) return err;
      }
      return undefined;
    case 'int': {
      const bad = intValueError(v, t.min, t.max);
      return bad === undefined ? undefined : save(state, typeError(state, bad, t.go));
    }
    case 'float':
      return typeof v === 'number' ? undefined : save(state, typeError(state, jsonKind(v), t.go));
    case 'string':
      return typeof v === 'string' ? undefined : save(state, typeError(state, jsonKind(v), t.go));
    case 'bool':
      return typeof v === 'boolean' ? undefined : save(state, typeError(state, jsonKind(v), t.go));
    case 'bytes':
      return decodeBytes(v, t.go, state);
    case 'intOrString': {
      // IntOrString.UnmarshalJSON: a string, or json.Unmarshal into its int32, whose error gets the field context.
      if (typeof v === 'string') return undefined;
      const bad = intValueError(v, -2147483648, 2147483647);
      return bad === undefined ? undefined : typeError(state, bad, 'int32');
    }
    case 'quantity':
      // Quantity.UnmarshalJSON parses the raw JSON text (quotes stripped) with resource.ParseQuantity.
      return quantityError(typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : JSON.stringify(v));
    case 'time':
      // Time.UnmarshalJSON: json.Unmarshal into a string, then time.Parse.
      return typeof v === 'string' ? timeParseError(t.layout, v) : typeError(state, jsonKind(v), 'string');
    case 'raw':
      return undefined;
  }
}

function decodeBytes(v: unknown, goType: string, state: DecodeState): string | undefined {
  if (typeof v === 'string') {
    const err = base64Error(v);
    return err === undefined ? undefined : save(state, err);
  }
  if (Array.isArray(v)) {
    // A JSON array fills a []byte element by element.
    for (const item of v) {
      const bad = intValueError(item, 0, 255);
      if (bad !== undefined && item !== null) return save(state, typeError(state, bad, 'uint8'));
    }
    return undefined;
  }
  return save(state, typeError(state, jsonKind(v), goType));
}

function decodeStruct(obj: JsonObject, st: StructType, state: DecodeState): string | undefined {
  const outer = state.struct;
  const depth = state.fields.length;
  for (const key in obj) {
    const field = st.fields.get(key);
    if (!field) continue;
    state.struct = st.goName;
    state.fields.push(key);
    const err = decodeValue(obj[key], field, state);
    if (err !== undefined) return err;
    state.fields.length = depth;
    state.struct = outer;
  }
  return undefined;
}
