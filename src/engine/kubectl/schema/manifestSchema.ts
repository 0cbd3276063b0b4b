import { apiVersionOf, type GroupVersionKind } from '../../api/groupVersion';
import type { GeneratedSchemas, StoredSchema } from '../../apiserver/openapi/schemaTypes';
import { goTypeEnums } from './goTypeEnums';

// One JSON Schema (draft-07) for a manifest document of any served kind, built from the OpenAPI
// definitions the API server serves (schemas.generated.json, generated from kubernetes-types). It is
// what kubectl's old client-side validation checked against, in the form YAML editors read:
// apiVersion and kind choose the kind's schema (if/then), objects with known fields allow no others,
// and the enums the TypeScript types lost are added back.

/** JsonSchema is the part of draft-07 the manifest schema uses. */
export interface JsonSchema {
  $schema?: string;
  title?: string;
  description?: string;
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  minimum?: number;
  maximum?: number;
  enum?: readonly unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | false;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  if?: JsonSchema;
  then?: JsonSchema;
  $ref?: string;
  definitions?: Record<string, JsonSchema>;
}

const int32 = { minimum: -2147483648, maximum: 2147483647 };

/** manifestSchema builds the JSON Schema of a manifest document whose kind is one of kinds. */
export function manifestSchema(generated: GeneratedSchemas, kinds: readonly GroupVersionKind[]): JsonSchema {
  const definitions: Record<string, JsonSchema> = {};
  const definitionOf = new Map<string, string>();
  for (const [name, stored] of Object.entries(generated.definitions)) {
    definitions[name] = convert(stored);
    for (const gvk of stored['x-kubernetes-group-version-kind'] ?? []) definitionOf.set(gvkKey(gvk), name);
  }
  const served = kinds.filter((gvk) => definitionOf.has(gvkKey(gvk)));
  const versionsOf = new Map<string, string[]>();
  for (const gvk of served) versionsOf.set(gvk.kind, [...(versionsOf.get(gvk.kind) ?? []), apiVersionOf(gvk)]);
  versionsOf.set('List', ['v1']);

  const allOf: JsonSchema[] = [];
  for (const [kind, versions] of versionsOf) {
    allOf.push({ if: { properties: { kind: { const: kind } }, required: ['kind'] }, then: { properties: { apiVersion: { enum: unique(versions) } } } });
  }
  for (const gvk of served) {
    allOf.push({
      if: { properties: { apiVersion: { const: apiVersionOf(gvk) }, kind: { const: gvk.kind } }, required: ['apiVersion', 'kind'] },
      then: { $ref: `#/definitions/${definitionOf.get(gvkKey(gvk))}` },
    });
  }
  // A List's items are manifest documents themselves; kubectl applies them one by one.
  allOf.push({
    if: { properties: { kind: { const: 'List' } }, required: ['kind'] },
    then: { properties: { items: { type: 'array', items: { $ref: '#' } } } },
  });

  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `Kubernetes ${generated.kubernetesVersion} manifest`,
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { ...definitions['io.k8s.api.core.v1.Pod'].properties?.apiVersion, type: 'string', enum: unique(served.map(apiVersionOf)) },
      kind: { ...definitions['io.k8s.api.core.v1.Pod'].properties?.kind, type: 'string', enum: [...versionsOf.keys()].sort() },
    },
    allOf,
    definitions,
  };
}

function gvkKey(gvk: GroupVersionKind): string {
  return `${gvk.group}/${gvk.version}/${gvk.kind}`;
}

function unique(values: string[]): string[] {
  return [...new Set(values)].sort();
}

// convert turns one stored OpenAPI schema into JSON Schema.
function convert(s: StoredSchema): JsonSchema {
  const out: JsonSchema = {};
  if (s.description) out.description = s.description;
  if (s.$ref) return { $ref: `#/definitions/${s.$ref}`, ...out };
  if (s.oneOf) out.anyOf = s.oneOf.map(convert);
  if (s.type) out.type = s.type;
  if (s.type === 'integer' && s.format === 'int32') Object.assign(out, int32);
  if (s.format === 'date-time') out.format = s.format;
  const goType = s['x-go-type'] ?? '';
  const values = s.enum ?? goTypeEnums[goType];
  if (values && s.type === 'string') out.enum = values;
  if (s.properties) {
    out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, convert(v)]));
    if (!s.additionalProperties) out.additionalProperties = false;
  }
  if (s.additionalProperties) out.additionalProperties = convert(s.additionalProperties);
  if (s.required) out.required = s.required;
  if (s.items) {
    out.items = convert(s.items);
    const itemValues = goType.startsWith('[]') ? goTypeEnums[goType.slice(2)] : undefined;
    if (itemValues && out.items.type === 'string') out.items.enum = itemValues;
  }
  return out;
}
