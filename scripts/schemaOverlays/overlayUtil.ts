import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';

/** property returns a definition's property schema, failing the generation when an overlay names a missing one. */
export function property(defs: Map<string, StoredSchema>, definition: string, field: string): StoredSchema {
  const schema = defs.get(definition)?.properties?.[field];
  if (!schema) throw new Error(`overlay names ${definition}.${field}, which the schemas do not have`);
  return schema;
}
