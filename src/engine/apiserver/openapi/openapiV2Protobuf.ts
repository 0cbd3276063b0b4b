import { Writer } from '../request/protobuf/wire';
import { openApiV2Document } from './openapiV2';

// /openapi/v2 as kube-openapi serves it to kubectl: the Swagger 2.0 document converted to gnostic's
// OpenAPI v2 protobuf (github.com/google/gnostic-models openapiv2/OpenAPIv2.proto, proto3), as
// kube-openapi's ToProtoBinary does. Vendor extensions, defaults and enums are gnostic Any values
// holding YAML text; JSON is YAML, so they are written as JSON. Keys the tables below do not know
// throw: the served document is static, so a test encoding it catches any new key.

type Json = Record<string, unknown>;
type Encode = (w: Writer, value: unknown) => void;
type Table = Record<string, Encode>;

/** OpenApiV2ProtobufContentType is the Content-Type kube-openapi answers the protobuf document with. */
export const OpenApiV2ProtobufContentType = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

function str(field: number): Encode {
  return (w, v) => (v === '' ? undefined : w.string(field, String(v)));
}
function strs(field: number): Encode {
  return (w, v) => (v as string[]).forEach((s) => w.string(field, s));
}
// proto3 leaves false and zero scalars off the wire.
function bool(field: number): Encode {
  return (w, v) => (v ? w.bool(field, true) : undefined);
}
function int(field: number): Encode {
  return (w, v) => (v === 0 ? undefined : w.int64(field, Number(v)));
}
function double(field: number): Encode {
  return (w, v) => (v === 0 ? undefined : w.double(field, Number(v)));
}
function msg(field: number, encode: (v: unknown) => Writer): Encode {
  return (w, v) => w.message(field, encode(v));
}
function msgs(field: number, encode: (v: unknown) => Writer): Encode {
  return (w, v) => (v as unknown[]).forEach((x) => w.message(field, encode(x)));
}
function any(field: number): Encode {
  return msg(field, anyValue);
}
function anys(field: number): Encode {
  return msgs(field, anyValue);
}

/** anyValue is gnostic's Any {value = 1 (unused), yaml = 2}. */
function anyValue(v: unknown): Writer {
  return new Writer().string(2, JSON.stringify(v));
}

/** encodeObject writes the known keys of obj; "x-" keys become NamedAny vendor extensions. */
function encodeObject(obj: Json, table: Table, vendorField: number | undefined, what: string): Writer {
  const w = new Writer();
  for (const [key, value] of Object.entries(obj)) {
    if (value === undefined) continue;
    if (key.startsWith('x-') && vendorField !== undefined) {
      w.message(vendorField, new Writer().string(1, key).message(2, anyValue(value)));
      continue;
    }
    const entry = table[key];
    if (!entry) throw new Error(`openapi v2 protobuf: no field for ${what}.${key}`);
    entry(w, value);
  }
  return w;
}

/** namedMap writes a map as a message of repeated Named* {name = 1, value = 2} entries at field 1. */
function namedMap(encode: (v: unknown) => Writer): (v: unknown) => Writer {
  return (v) => {
    const w = new Writer();
    for (const [name, value] of Object.entries(v as Json)) w.message(1, new Writer().string(1, name).message(2, encode(value)));
    return w;
  };
}

const schemaTable: Table = {
  $ref: str(1),
  format: str(2),
  title: str(3),
  description: str(4),
  default: any(5),
  multipleOf: double(6),
  maximum: double(7),
  exclusiveMaximum: bool(8),
  minimum: double(9),
  exclusiveMinimum: bool(10),
  maxLength: int(11),
  minLength: int(12),
  pattern: str(13),
  maxItems: int(14),
  minItems: int(15),
  uniqueItems: bool(16),
  maxProperties: int(17),
  minProperties: int(18),
  required: strs(19),
  enum: anys(20),
  // AdditionalPropertiesItem is a oneof {schema = 1, boolean = 2}.
  additionalProperties: msg(21, (v) => (typeof v === 'boolean' ? new Writer().bool(2, v) : new Writer().message(1, schema(v)))),
  // TypeItem {repeated string value = 1}: "type" may be one name or a list.
  type: msg(22, typeItem),
  // ItemsItem {repeated Schema schema = 1}: one schema or a tuple of them.
  items: msg(23, (v) => {
    const w = new Writer();
    for (const s of Array.isArray(v) ? v : [v]) w.message(1, schema(s));
    return w;
  }),
  allOf: msgs(24, schema),
  properties: msg(25, namedMap(schema)),
  discriminator: str(26),
  readOnly: bool(27),
  example: any(30),
};

function typeItem(v: unknown): Writer {
  const w = new Writer();
  for (const t of Array.isArray(v) ? v : [v]) w.string(1, String(t));
  return w;
}

function schema(v: unknown): Writer {
  return encodeObject(v as Json, schemaTable, 31, 'Schema');
}

// Header and path parameters share one numbering; query and formData ones insert allowEmptyValue
// at 5 and shift the rest by one.
function subSchemaTable(allowEmpty: boolean): Table {
  const o = allowEmpty ? 1 : 0;
  const t: Table = {
    required: bool(1),
    in: str(2),
    description: str(3),
    name: str(4),
    type: str(5 + o),
    format: str(6 + o),
    collectionFormat: str(8 + o),
    default: any(9 + o),
    maximum: double(10 + o),
    exclusiveMaximum: bool(11 + o),
    minimum: double(12 + o),
    exclusiveMinimum: bool(13 + o),
    maxLength: int(14 + o),
    minLength: int(15 + o),
    pattern: str(16 + o),
    maxItems: int(17 + o),
    minItems: int(18 + o),
    uniqueItems: bool(19 + o),
    enum: anys(20 + o),
    multipleOf: double(21 + o),
  };
  if (allowEmpty) t.allowEmptyValue = bool(5);
  return t;
}

const nonBodyFields: Record<string, [number, Table, number]> = {
  header: [1, subSchemaTable(false), 22],
  formData: [2, subSchemaTable(true), 23],
  query: [3, subSchemaTable(true), 23],
  path: [4, subSchemaTable(false), 22],
};

const bodyParameterTable: Table = { description: str(1), name: str(2), in: str(3), required: bool(4), schema: msg(5, schema) };

/** parametersItem is a oneof {Parameter parameter = 1, JsonReference json_reference = 2}. */
function parametersItem(v: unknown): Writer {
  const p = v as Json;
  if (typeof p.$ref === 'string') return new Writer().message(2, jsonReference(p));
  // Parameter is a oneof {BodyParameter = 1, NonBodyParameter = 2}.
  if (p.in === 'body') return new Writer().message(1, new Writer().message(1, encodeObject(p, bodyParameterTable, 6, 'BodyParameter')));
  const kind = nonBodyFields[String(p.in)];
  if (!kind) throw new Error(`openapi v2 protobuf: parameter in ${String(p.in)}`);
  const [field, table, vendor] = kind;
  const nonBody = new Writer().message(field, encodeObject(p, table, vendor, `${String(p.in)} parameter`));
  return new Writer().message(1, new Writer().message(2, nonBody));
}

function jsonReference(p: Json): Writer {
  return encodeObject(p, { $ref: str(1), description: str(2) }, undefined, 'JsonReference');
}

const responseTable: Table = {
  description: str(1),
  // SchemaItem is a oneof {Schema schema = 1, FileSchema file_schema = 2}.
  schema: msg(2, (v) => new Writer().message(1, schema(v))),
};

/** responses is Responses {NamedResponseValue response_code = 1, vendor_extension = 2}. */
function responses(v: unknown): Writer {
  const w = new Writer();
  for (const [code, value] of Object.entries(v as Json)) {
    if (code.startsWith('x-')) {
      w.message(2, new Writer().string(1, code).message(2, anyValue(value)));
      continue;
    }
    const r = value as Json;
    // ResponseValue is a oneof {Response response = 1, JsonReference json_reference = 2}.
    const rv = typeof r.$ref === 'string' ? new Writer().message(2, jsonReference(r)) : new Writer().message(1, encodeObject(r, responseTable, 5, 'Response'));
    w.message(1, new Writer().string(1, code).message(2, rv));
  }
  return w;
}

const operationTable: Table = {
  tags: strs(1),
  summary: str(2),
  description: str(3),
  operationId: str(5),
  produces: strs(6),
  consumes: strs(7),
  parameters: msgs(8, parametersItem),
  responses: msg(9, responses),
  schemes: strs(10),
  deprecated: bool(11),
};

const operation = (v: unknown) => encodeObject(v as Json, operationTable, 13, 'Operation');

const pathItemTable: Table = {
  $ref: str(1),
  get: msg(2, operation),
  put: msg(3, operation),
  post: msg(4, operation),
  delete: msg(5, operation),
  options: msg(6, operation),
  head: msg(7, operation),
  patch: msg(8, operation),
  parameters: msgs(9, parametersItem),
};

/** paths is Paths {vendor_extension = 1, NamedPathItem path = 2}. */
function paths(v: unknown): Writer {
  const w = new Writer();
  for (const [path, item] of Object.entries(v as Json)) {
    if (path.startsWith('x-')) w.message(1, new Writer().string(1, path).message(2, anyValue(item)));
    else w.message(2, new Writer().string(1, path).message(2, encodeObject(item as Json, pathItemTable, 10, 'PathItem')));
  }
  return w;
}

const documentTable: Table = {
  swagger: str(1),
  info: msg(2, (v) => encodeObject(v as Json, { title: str(1), version: str(2), description: str(3), termsOfService: str(4) }, 7, 'Info')),
  host: str(3),
  basePath: str(4),
  schemes: strs(5),
  consumes: strs(6),
  produces: strs(7),
  paths: msg(8, paths),
  definitions: msg(9, namedMap(schema)),
};

/** encodeOpenApiV2 encodes a Swagger 2.0 document as gnostic's openapi.v2.Document. */
export function encodeOpenApiV2(doc: object): Uint8Array {
  return encodeObject(doc as Json, documentTable, 16, 'Document').finish().slice();
}

let encoded: Uint8Array | undefined;

/** openApiV2Protobuf returns the served document in protobuf, encoded on first use and kept. */
export function openApiV2Protobuf(): Uint8Array {
  encoded ??= encodeOpenApiV2(openApiV2Document());
  return encoded;
}

/**
 * openApiV2Format picks the encoding of /openapi/v2 for an Accept header as kube-openapi does: the
 * first clause (by q, then specificity) naming JSON or the protobuf type wins; undefined when none
 * does (a 406).
 */
export function openApiV2Format(accept: string | undefined): 'json' | 'protobuf' | undefined {
  const clauses = (accept || '*/*')
    .split(',')
    .map((c, i) => {
      const [type, ...params] = c.split(';').map((s) => s.trim().toLowerCase());
      const q = params.find((p) => p.startsWith('q='));
      return { type, q: q ? Number(q.slice(2)) : 1, wildcards: (type.match(/\*/g) ?? []).length, i };
    })
    .filter((c) => c.q > 0)
    .sort((a, b) => b.q - a.q || a.wildcards - b.wildcards || a.i - b.i);
  for (const { type } of clauses) {
    if (type === 'application/json' || type === 'application/*' || type === '*/*') return 'json';
    if (type === 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf' || type === 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf') {
      return 'protobuf';
    }
  }
  return undefined;
}
