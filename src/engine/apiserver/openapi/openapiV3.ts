import { contentHash } from './contentHash';
import {
  groupVersionPathSpecs,
  operationDefinitions,
  operationTag,
  PatchContentTypes,
  QueryParamDescriptions,
  servedGroupVersionPaths,
  type Operation,
  type PathSpec,
  type QueryParam,
} from './openapiPaths';
import { referencedDefinitions, schemaDefinitions } from './schemaRegistry';
import type { StoredSchema } from './schemaTypes';

// /openapi/v3 as kube-apiserver v1.32 serves it: an index of group-version documents, each an
// OpenAPI 3.0 document with the schemas of that group-version's kinds under components.schemas.
// Documents are built on first request and kept; callers must not mutate them.

type Json = Record<string, unknown>;

const componentRef = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** v3Schema renders a stored schema; a $ref with siblings is wrapped in allOf, as kube-openapi does. */
export function v3Schema(s: StoredSchema): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(s)) {
    if (key === '$ref' || key === 'x-go-type') continue;
    if (key === 'properties') {
      const props: Json = {};
      for (const [name, p] of Object.entries(value as Record<string, StoredSchema>)) props[name] = v3Schema(p);
      out.properties = props;
    } else if (key === 'items' || key === 'additionalProperties') out[key] = v3Schema(value as StoredSchema);
    else if (key === 'oneOf') out.oneOf = (value as StoredSchema[]).map(v3Schema);
    else out[key] = value;
  }
  if (!s.$ref) return out;
  return Object.keys(out).length === 0 ? componentRef(s.$ref) : { allOf: [componentRef(s.$ref)], ...out };
}

function queryParameter(name: QueryParam): Json {
  const type = name === 'force' ? 'boolean' : 'string';
  return { name, in: 'query', description: QueryParamDescriptions[name], schema: { type, uniqueItems: true } };
}

function operation(o: Operation, tag: string): Json {
  const op: Json = { description: o.description, operationId: o.operationId, tags: [tag] };
  if (o.query.length > 0) op.parameters = o.query.map(queryParameter);
  if (o.body) {
    const types = o.method === 'patch' ? PatchContentTypes : ['*/*'];
    op.requestBody = {
      content: Object.fromEntries(types.map((t) => [t, { schema: componentRef(o.body!) }])),
      required: o.method !== 'delete',
    };
  }
  const schema = { schema: componentRef(o.response) };
  op.responses = { '200': { description: 'OK', content: { 'application/json': schema, 'application/yaml': schema } }, '401': { description: 'Unauthorized' } };
  op['x-kubernetes-action'] = o.action;
  op['x-kubernetes-group-version-kind'] = o.gvk;
  return op;
}

function pathItems(specs: PathSpec[], tag: string): Json {
  const paths: Json = {};
  for (const spec of specs) {
    const item: Json = {};
    for (const o of spec.operations) item[o.method] = operation(o, tag);
    item.parameters = spec.pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      description: QueryParamDescriptions[name],
      schema: { type: 'string', uniqueItems: true },
    }));
    paths[spec.path] = item;
  }
  return paths;
}

interface Built {
  doc: Json;
  hash: string;
}

const built = new Map<string, Built>();

function build(gvPath: string): Built | undefined {
  const cached = built.get(gvPath);
  if (cached) return cached;
  const specs = groupVersionPathSpecs(gvPath);
  if (specs.length === 0) return undefined;
  const schemas: Json = {};
  for (const name of referencedDefinitions(operationDefinitions(specs))) schemas[name] = v3Schema(schemaDefinitions[name]);
  const doc: Json = {
    openapi: '3.0.0',
    info: { title: 'Kubernetes', version: 'unversioned' },
    paths: pathItems(specs, operationTag(gvPath)),
    components: { schemas },
  };
  const result = { doc, hash: contentHash(JSON.stringify(doc)) };
  built.set(gvPath, result);
  return result;
}

/** openApiV3Document returns the document of one group-version path ("api/v1", "apis/apps/v1"). */
export function openApiV3Document(gvPath: string): object | undefined {
  return build(gvPath.replace(/^\/+|\/+$/g, ''))?.doc;
}

let index: Json | undefined;

/** openApiV3Index returns /openapi/v3: every served group-version with a content-hashed URL. */
export function openApiV3Index(): object {
  if (!index) {
    const paths: Json = {};
    for (const gvPath of servedGroupVersionPaths()) {
      paths[gvPath] = { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${build(gvPath)!.hash}` };
    }
    index = { paths };
  }
  return index;
}
