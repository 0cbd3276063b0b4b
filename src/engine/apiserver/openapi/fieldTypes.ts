import { schemaDefinitions } from './schemaRegistry';
import { DefinitionNames, goPackageOf, shortNameOf, type StoredSchema } from './schemaTypes';

// The schemas compiled into what a Go JSON decoder needs per field: which Go kind receives the
// value and the reflect type string its errors print. Compiled once per definition, on first use.

/** FieldType describes the Go value a JSON field decodes into. */
export type FieldType =
  | { kind: 'struct'; go: string; definition: string; deep: true }
  | { kind: 'array' | 'map'; go: string; elem: FieldType; deep: boolean }
  | { kind: 'int'; go: string; min: number; max: number; deep: false }
  | { kind: 'float' | 'string' | 'bool' | 'bytes'; go: string; deep: false }
  /** Go types with their own UnmarshalJSON: intstr.IntOrString, resource.Quantity, metav1.Time/MicroTime, and
   * runtime.RawExtension/metav1.FieldsV1 (raw), which take any JSON. */
  | { kind: 'intOrString' | 'quantity' | 'raw'; go: string; deep: false }
  | { kind: 'time'; go: string; layout: string; deep: false };

/** StructType is a Go struct: its name as errors print it and its fields by JSON name. */
export interface StructType {
  goName: string;
  fields: Map<string, FieldType>;
}

/** GoTimeLayouts are the layouts metav1.Time and metav1.MicroTime parse with. */
export const GoTimeLayouts = {
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Micro: '2006-01-02T15:04:05.000000Z07:00',
} as const;

const int32Range = { min: -2147483648, max: 2147483647 };
const int64Range = { min: -9223372036854775808, max: 9223372036854775807 };

function refType(ref: string, go: string | undefined): FieldType {
  switch (ref) {
    case DefinitionNames.IntOrString:
      return { kind: 'intOrString', go: 'intstr.IntOrString', deep: false };
    case DefinitionNames.Quantity:
      return { kind: 'quantity', go: 'resource.Quantity', deep: false };
    case DefinitionNames.Time:
      return { kind: 'time', go: 'v1.Time', layout: GoTimeLayouts.RFC3339, deep: false };
    case DefinitionNames.MicroTime:
      return { kind: 'time', go: 'v1.MicroTime', layout: GoTimeLayouts.RFC3339Micro, deep: false };
    case DefinitionNames.RawExtension:
    case DefinitionNames.FieldsV1:
      return { kind: 'raw', go: `${goPackageOf(ref)}.${shortNameOf(ref)}`, deep: false };
    default:
      return { kind: 'struct', go: go ?? `${goPackageOf(ref)}.${shortNameOf(ref)}`, definition: ref, deep: true };
  }
}

/** fieldTypeOf compiles a property schema; goOverride is the element type a named collection implies. */
export function fieldTypeOf(s: StoredSchema, goOverride?: string): FieldType {
  const go = goOverride ?? s['x-go-type'];
  if (s.$ref) return refType(s.$ref, go);
  switch (s.type) {
    case 'array': {
      const elem = fieldTypeOf(s.items ?? {}, go?.startsWith('[]') ? go.slice(2) : undefined);
      return { kind: 'array', go: go ?? `[]${elem.go}`, elem, deep: elem.deep };
    }
    case 'object': {
      if (!s.additionalProperties) return { kind: 'raw', go: go ?? 'map[string]interface {}', deep: false };
      const elemGo = go?.startsWith('map[') ? go.slice(go.indexOf(']') + 1) : undefined;
      const elem = fieldTypeOf(s.additionalProperties, elemGo);
      return { kind: 'map', go: go ?? `map[string]${elem.go}`, elem, deep: elem.deep };
    }
    case 'integer':
      return s.format === 'int64'
        ? { kind: 'int', go: go ?? 'int64', ...int64Range, deep: false }
        : { kind: 'int', go: go ?? 'int32', ...int32Range, deep: false };
    case 'number':
      return { kind: 'float', go: go ?? 'float64', deep: false };
    case 'boolean':
      return { kind: 'bool', go: go ?? 'bool', deep: false };
    case 'string':
      return s.format === 'byte'
        ? { kind: 'bytes', go: go ?? '[]uint8', deep: false }
        : { kind: 'string', go: go ?? 'string', deep: false };
    default:
      return { kind: 'raw', go: go ?? 'interface {}', deep: false };
  }
}

const structs = new Map<string, StructType>();

/** structTypeOf returns the compiled struct of a definition (cached). */
export function structTypeOf(definition: string): StructType {
  let st = structs.get(definition);
  if (!st) {
    const fields = new Map<string, FieldType>();
    const def = schemaDefinitions[definition];
    if (!def) throw new Error(`no schema definition ${definition}`);
    for (const [name, prop] of Object.entries(def.properties ?? {})) fields.set(name, fieldTypeOf(prop));
    st = { goName: shortNameOf(definition), fields };
    structs.set(definition, st);
  }
  return st;
}
