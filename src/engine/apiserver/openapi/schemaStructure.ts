import type { GeneratedSchemas } from './schemaTypes';

/**
 * schemaStructure is the generated schemas without their `description` texts: what decoding,
 * validation and patching read. The descriptions (87 of the 100 KB gzip) are only needed to serve
 * /openapi, so the engine loads them when a client first asks for it.
 */
export function schemaStructure(schemas: GeneratedSchemas): GeneratedSchemas {
  return strip(schemas) as GeneratedSchemas;
}

/** strip drops the description annotations of a schema; in a name map (properties, definitions) a field may be called "description". */
function strip(v: unknown, names = false): unknown {
  if (Array.isArray(v)) return v.map((x) => strip(x));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === 'description' && !names) continue;
    out[k] = names ? strip(x) : strip(x, k === 'properties' || k === 'definitions');
  }
  return out;
}
