import {
  groupVersionPathSpecs,
  operationTag,
  PatchContentTypes,
  QueryParamDescriptions,
  servedGroupVersionPaths,
  type Operation,
  type PathSpec,
} from './openapiPaths';
import { schemaDefinitions } from './schemaRegistry';
import type { StoredSchema } from './schemaTypes';

// /openapi/v2 as JSON: one Swagger 2.0 document with every served path and definition, named as in
// v3. Swagger has no oneOf, so IntOrString and Quantity are the plain strings kube-openapi's v2
// OpenAPISchemaType gives them. Built on first request and kept; callers must not mutate it.

type Json = Record<string, unknown>;

const definitionRef = (name: string) => `#/definitions/${name}`;

/** v2Schema renders a stored schema; a $ref keeps its siblings, as Swagger 2.0 documents do. */
export function v2Schema(s: StoredSchema): Json {
  const out: Json = {};
  if (s.$ref) out.$ref = definitionRef(s.$ref);
  for (const [key, value] of Object.entries(s)) {
    if (key === '$ref' || key === 'x-go-type') continue;
    if (key === 'properties') {
      const props: Json = {};
      for (const [name, p] of Object.entries(value as Record<string, StoredSchema>)) props[name] = v2Schema(p);
      out.properties = props;
    } else if (key === 'items' || key === 'additionalProperties') out[key] = v2Schema(value as StoredSchema);
    else if (key === 'oneOf') out.type = 'string';
    else out[key] = value;
  }
  return out;
}

function operation(o: Operation, tag: string): Json {
  const parameters: Json[] = o.query.map((name) => ({
    name,
    in: 'query',
    description: QueryParamDescriptions[name],
    type: name === 'force' ? 'boolean' : 'string',
    uniqueItems: true,
  }));
  if (o.body) parameters.push({ name: 'body', in: 'body', required: o.method !== 'delete', schema: { $ref: definitionRef(o.body) } });
  const op: Json = {
    description: o.description,
    consumes: o.method === 'patch' ? PatchContentTypes : ['*/*'],
    produces: ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'],
    schemes: ['https'],
    tags: [tag],
    operationId: o.operationId,
    responses: { '200': { description: 'OK', schema: { $ref: definitionRef(o.response) } }, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': o.action,
    'x-kubernetes-group-version-kind': o.gvk,
  };
  if (parameters.length > 0) op.parameters = parameters;
  return op;
}

function addPaths(paths: Json, specs: PathSpec[], tag: string): void {
  for (const spec of specs) {
    const item: Json = {};
    for (const o of spec.operations) item[o.method] = operation(o, tag);
    item.parameters = spec.pathParams.map((name) => ({
      name,
      in: 'path',
      required: true,
      description: QueryParamDescriptions[name],
      type: 'string',
      uniqueItems: true,
    }));
    paths[spec.path] = item;
  }
}

let document: Json | undefined;

/** openApiV2Document returns the Swagger 2.0 document of every served kind. */
export function openApiV2Document(): object {
  if (!document) {
    const paths: Json = {};
    for (const gvPath of servedGroupVersionPaths()) {
      addPaths(paths, groupVersionPathSpecs(gvPath), operationTag(gvPath));
    }
    const definitions: Json = {};
    for (const [name, s] of Object.entries(schemaDefinitions)) definitions[name] = v2Schema(s);
    document = { swagger: '2.0', info: { title: 'Kubernetes', version: 'unversioned' }, paths, definitions };
  }
  return document;
}
