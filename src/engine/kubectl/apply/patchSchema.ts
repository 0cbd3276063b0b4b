import type { GroupVersionKind } from '../../api/groupVersion';

// kubectl apply reads the patch strategies and merge keys of built-in kinds from the server's
// OpenAPI v3 document of the kind's group-version (strategicpatch.PatchMetaFromOpenAPIV3): the
// x-kubernetes-patch-strategy and x-kubernetes-patch-merge-key extensions of each property.

/** FieldPatchMeta is one field's strategic merge patch metadata and the schema of its value. */
export interface FieldPatchMeta {
  /** strategies is x-kubernetes-patch-strategy split on commas: "merge", "replace", "retainKeys". */
  strategies: string[];
  mergeKey: string;
  schema: PatchSchema;
}

/** PatchSchema answers strategic merge patch lookups for one object or list type. */
export interface PatchSchema {
  /** field returns a property's metadata, or undefined for a field the type does not have. */
  field(name: string): FieldPatchMeta | undefined;
  /** items returns the element schema of a list type. */
  items(): PatchSchema;
}

type OpenApiSchema = {
  $ref?: string;
  allOf?: OpenApiSchema[];
  properties?: Record<string, OpenApiSchema>;
  additionalProperties?: OpenApiSchema | boolean;
  items?: OpenApiSchema;
  'x-kubernetes-patch-strategy'?: string;
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-group-version-kind'?: GroupVersionKind[];
};

/** OpenApiV3Document is the part of a group-version's /openapi/v3 document patch lookups read. */
export interface OpenApiV3Document {
  components?: { schemas?: Record<string, OpenApiSchema> };
}

/** emptyPatchSchema knows no fields: maps merge key by key and lists are replaced whole. */
export const emptyPatchSchema: PatchSchema = {
  field: () => undefined,
  items: () => emptyPatchSchema,
};

class OpenApiPatchSchema implements PatchSchema {
  constructor(
    private readonly schemas: Record<string, OpenApiSchema>,
    private readonly schema: OpenApiSchema,
  ) {}

  field(name: string): FieldPatchMeta | undefined {
    const s = this.resolve(this.schema);
    const prop = s.properties?.[name] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined);
    if (!prop) return undefined;
    const strategy = prop['x-kubernetes-patch-strategy'];
    return {
      strategies: strategy ? strategy.split(',') : [],
      mergeKey: prop['x-kubernetes-patch-merge-key'] ?? '',
      schema: new OpenApiPatchSchema(this.schemas, prop),
    };
  }

  items(): PatchSchema {
    const items = this.resolve(this.schema).items;
    return items ? new OpenApiPatchSchema(this.schemas, items) : emptyPatchSchema;
  }

  // resolve follows $ref, and the allOf: [{$ref}] kube-openapi writes for a $ref with siblings.
  private resolve(s: OpenApiSchema): OpenApiSchema {
    for (let depth = 0; depth < 8; depth++) {
      const ref = s.$ref ?? (s.allOf?.length === 1 ? s.allOf[0].$ref : undefined);
      const target = ref ? this.schemas[ref.replace('#/components/schemas/', '')] : undefined;
      if (!target) return s;
      s = target;
    }
    return s;
  }
}

/** patchSchemaFor finds the schema of gvk in its group-version's OpenAPI v3 document. */
export function patchSchemaFor(doc: OpenApiV3Document, gvk: GroupVersionKind): PatchSchema {
  const schemas = doc.components?.schemas ?? {};
  for (const s of Object.values(schemas)) {
    const kinds = s['x-kubernetes-group-version-kind'] ?? [];
    if (kinds.some((k) => k.group === gvk.group && k.version === gvk.version && k.kind === gvk.kind)) {
      return new OpenApiPatchSchema(schemas, s);
    }
  }
  return emptyPatchSchema;
}
