import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import type { GeneratedSchemas } from '../src/engine/apiserver/openapi/schemaTypes';
import { allResources } from '../src/engine/apiserver/registry/resources';
import { manifestSchema } from '../src/engine/kubectl/schema/manifestSchema';

/** ManifestSchemaModule is the import the YAML editor reads its JSON Schema from. */
export const ManifestSchemaModule = 'virtual:kubernetes-manifest-schema';
const resolvedId = `\0${ManifestSchemaModule}`;
const generatedFile = fileURLToPath(new URL('../src/engine/apiserver/openapi/schemas.generated.json', import.meta.url));

/**
 * manifestSchemaPlugin builds the editor's JSON Schema of manifests at build time (and on each dev
 * server load) from the OpenAPI definitions the engine serves, which `npm run gen:schemas`
 * generates from kubernetes-types: nothing generated for the editor is committed.
 */
export function manifestSchemaPlugin(): Plugin {
  return {
    name: 'kubernetes-manifest-schema',
    resolveId: (id) => (id === ManifestSchemaModule ? resolvedId : undefined),
    load(id) {
      if (id !== resolvedId) return undefined;
      this.addWatchFile(generatedFile);
      const generated = JSON.parse(readFileSync(generatedFile, 'utf8')) as GeneratedSchemas;
      const schema = manifestSchema(generated, allResources.filter((r) => r.verbs.includes('create')));
      // JSON.parse of a string literal parses faster than the same object as a JS literal.
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(schema))});`;
    },
  };
}
