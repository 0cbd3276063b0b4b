// The JSON Schema of manifests, built at build time by scripts/manifestSchemaPlugin.ts.
declare module 'virtual:kubernetes-manifest-schema' {
  import type { JSONSchema } from 'monaco-yaml';
  const schema: JSONSchema;
  export default schema;
}
