/**
 * generateSchemas writes src/engine/apiserver/openapi/schemas.generated.json (and its copy without
 * descriptions, schemas.structure.generated.json): the OpenAPI v3 schemas of
 * every kind the engine serves. ts-json-schema-generator reads them off the npm package kubernetes-types
 * (v1.30 types with the API doc comments); the overlays in scripts/schemaOverlays/ then add what those
 * TypeScript types cannot say (Go integer widths and named types, patch and list markers) and bring
 * them to v1.32. Run with `npm run gen:schemas`.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import ts from 'typescript';
import {
  createFormatter,
  createParser,
  createProgram,
  DEFAULT_CONFIG,
  SchemaGenerator,
  type CompletedConfig,
  type Schema,
} from 'ts-json-schema-generator';
import { allResources } from '../src/engine/apiserver/registry/resources';
import type { GroupVersionKind } from '../src/engine/api/groupVersion';
import { schemaStructure } from '../src/engine/apiserver/openapi/schemaStructure';
import { DefinitionNames, type GeneratedSchemas, type StoredSchema } from '../src/engine/apiserver/openapi/schemaTypes';
import { applyV132Overlay } from './schemaOverlays/v132Fields';
import { applyAuthorizationOverlay } from './schemaOverlays/authorizationFields';
import { applyGoTypes } from './schemaOverlays/goTypes';
import { applyListMarkers } from './schemaOverlays/listMarkers';

const outFile = 'src/engine/apiserver/openapi/schemas.generated.json';
/** structureFile is the same without descriptions: what the engine loads at start. */
const structureFile = 'src/engine/apiserver/openapi/schemas.structure.generated.json';
/** patchBody is the request body schema the served PATCH operations name. */
const patchBody = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const typesDir = 'node_modules/kubernetes-types';

/** definitionPrefix maps a kubernetes-types module to the package prefix of upstream definition names. */
function definitionPrefix(module: string): string {
  if (module === 'meta/v1') return 'io.k8s.apimachinery.pkg.apis.meta.v1.';
  if (module === 'runtime') return 'io.k8s.apimachinery.pkg.runtime.';
  if (module === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource.';
  return `io.k8s.api.${module.replace('/', '.')}.`;
}

/** moduleOfGroup maps an API group to its kubernetes-types folder ("networking.k8s.io" → "networking"). */
function moduleOf(gv: { group: string; version: string }): string {
  return `${gv.group === '' ? 'core' : gv.group.split('.')[0]}/${gv.version}`;
}

/** rootKinds lists the kinds documents and decoding start from, with their GVKs. */
function rootKinds(): Map<string, GroupVersionKind[]> {
  const roots = new Map<string, GroupVersionKind[]>();
  const add = (name: string, gvk: GroupVersionKind) => roots.set(name, [...(roots.get(name) ?? []), gvk]);
  const servedGroupVersions = new Map<string, GroupVersionKind>();
  for (const r of allResources) {
    const prefix = definitionPrefix(moduleOf(r));
    add(prefix + r.kind, { group: r.group, version: r.version, kind: r.kind });
    if (r.verbs.includes('list')) add(`${prefix}${r.kind}List`, { group: r.group, version: r.version, kind: `${r.kind}List` });
    servedGroupVersions.set(`${r.group}/${r.version}`, { group: r.group, version: r.version, kind: 'DeleteOptions' });
  }
  // Subresource bodies and the meta kinds every group serves.
  add('io.k8s.api.autoscaling.v1.Scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' });
  add('io.k8s.api.policy.v1.Eviction', { group: 'policy', version: 'v1', kind: 'Eviction' });
  add('io.k8s.api.authentication.v1.TokenRequest', { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' });
  add(DefinitionNames.Status, { group: '', version: 'v1', kind: 'Status' });
  for (const gvk of servedGroupVersions.values()) add(DefinitionNames.DeleteOptions, gvk);
  return roots;
}

/** generatedModules runs ts-json-schema-generator once per module and keeps each module's own types. */
function generatedModules(modules: string[]): Map<string, unknown> {
  const config: CompletedConfig = {
    ...DEFAULT_CONFIG,
    path: `${typesDir}/{${modules.join(',')}}.d.ts`,
    skipTypeCheck: true,
    topRef: true,
    expose: 'export',
  };
  const program = createProgram(config);
  const generator = new SchemaGenerator(program, createParser(program, config), createFormatter(config), config);
  const definitions = new Map<string, unknown>();
  for (const module of modules) {
    const file = program.getSourceFiles().find((f) => f.fileName.endsWith(`${typesDir}/${module}.d.ts`));
    if (!file) throw new Error(`kubernetes-types has no ${module}.d.ts`);
    const declarations = file.statements.filter(
      (s): s is ts.InterfaceDeclaration | ts.TypeAliasDeclaration =>
        ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s),
    );
    // Names a module imports resolve to the module they come from; the rest are its own.
    const owners = new Map<string, string>(declarations.map((d) => [d.name.text, module]));
    for (const s of file.statements) {
      if (!ts.isImportDeclaration(s) || !s.importClause?.namedBindings) continue;
      const from = (s.moduleSpecifier as ts.StringLiteral).text.replace(/^\.\.\//, '');
      const bindings = s.importClause.namedBindings;
      if (ts.isNamedImports(bindings)) for (const el of bindings.elements) owners.set(el.name.text, from);
    }
    const schema: Schema = generator.createSchemaFromNodes(declarations);
    for (const d of declarations) {
      const own = schema.definitions?.[d.name.text];
      if (own) definitions.set(definitionPrefix(module) + d.name.text, convert(own, (n) => definitionPrefix(owners.get(n) ?? module) + n));
    }
  }
  return definitions;
}

type Json = Record<string, unknown>;

/** convert turns a ts-json-schema-generator schema into the stored OpenAPI v3 form. */
function convert(raw: unknown, qualify: (name: string) => string): StoredSchema {
  const s = raw as Json;
  const out: StoredSchema = {};
  if (typeof s.description === 'string') out.description = s.description;
  if (typeof s.$ref === 'string') return { $ref: qualify(s.$ref.replace('#/definitions/', '')), ...out };
  const type = s.type;
  if (Array.isArray(type)) {
    // kubernetes-types writes IntOrString fields as `number | string`.
    if (type.join() === 'number,string') return { $ref: DefinitionNames.IntOrString, ...out };
    throw new Error(`unexpected union type ${JSON.stringify(type)}`);
  }
  switch (type) {
    case 'string':
      return { ...out, type: 'string' };
    case 'boolean':
      return { ...out, type: 'boolean' };
    case 'number':
      // Go int32 unless the goTypes overlay says otherwise: kubernetes-types drops the width.
      return { ...out, type: 'integer', format: 'int32' };
    case 'array':
      return { ...out, type: 'array', items: convert(s.items, qualify) };
    case 'object': {
      const o: StoredSchema = { ...out, type: 'object' };
      if (s.properties) {
        o.properties = {};
        for (const [k, v] of Object.entries(s.properties as Json)) o.properties[k] = convert(v, qualify);
      }
      if (Array.isArray(s.required) && s.required.length > 0) o.required = s.required as string[];
      if (s.additionalProperties && typeof s.additionalProperties === 'object') {
        o.additionalProperties = convert(s.additionalProperties, qualify);
      }
      return o;
    }
    default:
      throw new Error(`unexpected schema ${JSON.stringify(s).slice(0, 200)}`);
  }
}

/** fixScalarDefinitions gives the Go types with custom JSON the shapes kube-openapi gives them (v1.32). */
function fixScalarDefinitions(defs: Map<string, StoredSchema>): void {
  const described = (name: string, s: StoredSchema) => ({ description: defs.get(name)?.description, ...s });
  defs.set(DefinitionNames.Time, described(DefinitionNames.Time, { type: 'string', format: 'date-time' }));
  defs.set(DefinitionNames.MicroTime, described(DefinitionNames.MicroTime, { type: 'string', format: 'date-time' }));
  defs.set(DefinitionNames.Quantity, described(DefinitionNames.Quantity, { oneOf: [{ type: 'string' }, { type: 'number' }] }));
  defs.set(DefinitionNames.RawExtension, described(DefinitionNames.RawExtension, { type: 'object' }));
  defs.set(DefinitionNames.FieldsV1, described(DefinitionNames.FieldsV1, { type: 'object' }));
  // IntOrString has no declaration in kubernetes-types; the text is intstr.IntOrString's doc comment.
  defs.set(DefinitionNames.IntOrString, {
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  });
}

/** reachable collects the definitions the roots refer to, directly or not. */
function reachable(defs: Map<string, StoredSchema>, roots: Iterable<string>): Set<string> {
  const seen = new Set<string>();
  const visit = (s: StoredSchema | undefined): void => {
    if (!s) return;
    if (s.$ref && !seen.has(s.$ref)) {
      seen.add(s.$ref);
      const target = defs.get(s.$ref);
      if (!target) throw new Error(`dangling reference ${s.$ref}`);
      visit(target);
    }
    for (const p of Object.values(s.properties ?? {})) visit(p);
    visit(s.items);
    visit(s.additionalProperties);
  };
  for (const r of roots) visit({ $ref: r });
  return seen;
}

function main(): void {
  const started = performance.now();
  const roots = rootKinds();
  const modules = [...new Set([...allResources.map(moduleOf), 'autoscaling/v1', 'policy/v1', 'meta/v1', 'runtime', 'api/resource'])];
  const defs = generatedModules(modules) as Map<string, StoredSchema>;
  fixScalarDefinitions(defs);
  applyV132Overlay(defs);
  applyAuthorizationOverlay(defs);
  applyGoTypes(defs);
  applyListMarkers(defs);
  for (const [name, gvks] of roots) {
    const def = defs.get(name);
    if (!def) throw new Error(`no schema for served kind ${name}`);
    def['x-kubernetes-group-version-kind'] = gvks;
  }
  const keep = [...reachable(defs, [...roots.keys(), patchBody])].sort();
  const output: GeneratedSchemas = {
    kubernetesVersion: 'v1.32',
    definitions: Object.fromEntries(keep.map((name) => [name, defs.get(name)!])),
  };
  const json = JSON.stringify(output);
  writeFileSync(outFile, json);
  writeFileSync(structureFile, JSON.stringify(schemaStructure(output)));
  const ms = Math.round(performance.now() - started);
  const gz = gzipSync(json).length;
  console.log(`${outFile}: ${keep.length} definitions, ${json.length} bytes (${gz} gzipped), ${ms} ms`);
}

main();
