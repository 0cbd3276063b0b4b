import type { StoredSchema } from '../../src/engine/apiserver/openapi/schemaTypes';

/** property returns a definition's property schema, failing the generation when an overlay names a missing one. */
export function property(defs: Map<string, StoredSchema>, definition: string, field: string): StoredSchema {
  const schema = defs.get(definition)?.properties?.[field];
  if (!schema) throw new Error(`overlay names ${definition}.${field}, which the schemas do not have`);
  return schema;
}

/** addDefinitions adds definitions the types package lacks, failing when one exists already. */
export function addDefinitions(defs: Map<string, StoredSchema>, added: Record<string, StoredSchema>): void {
  for (const [name, def] of Object.entries(added)) {
    if (defs.has(name)) throw new Error(`${name} exists already: drop it from the overlay`);
    defs.set(name, def);
  }
}

/** addFields adds properties to a definition (kept in name order), failing when one exists already. */
export function addFields(defs: Map<string, StoredSchema>, name: string, fields: Record<string, StoredSchema>): StoredSchema {
  const def = defs.get(name);
  if (!def?.properties) throw new Error(`overlay target ${name} missing`);
  for (const [field, schema] of Object.entries(fields)) {
    if (def.properties[field]) throw new Error(`${name}.${field} exists already: drop it from the overlay`);
    def.properties[field] = schema;
  }
  def.properties = Object.fromEntries(Object.entries(def.properties).sort(([a], [b]) => (a < b ? -1 : 1)));
  return def;
}
