import type { GroupVersionKind } from '../../api/groupVersion';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import { allResources } from '../registry/resources';
import { definitionNameForKind } from './schemaRegistry';
import { DefinitionNames } from './schemaTypes';

// The operations the OpenAPI documents list, one model for v2 and v3. Upstream lists every verb and
// parameter; these are the ones clients read: kubectl explain finds a resource's kind from the
// x-kubernetes-group-version-kind of its list/get operations, and kubectl's field validation check
// (cli-runtime query_param_verifier_v3.go) looks for a fieldValidation query parameter on PATCH.

/** QueryParam names a query parameter the mutating operations accept. */
export type QueryParam = 'dryRun' | 'fieldManager' | 'fieldValidation' | 'force';

/** Operation is one API operation. */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  operationId: string;
  description: string;
  /** action is x-kubernetes-action ("list", "post", "get", "put", "patch", "delete"). */
  action: string;
  gvk: GroupVersionKind;
  /** response and body are definition names. */
  response: string;
  body?: string;
  query: QueryParam[];
}

/** PathSpec is one URL path with its operations. */
export interface PathSpec {
  path: string;
  pathParams: ('namespace' | 'name')[];
  operations: Operation[];
}

/** GroupVersionPath is "api/v1" or "apis/<group>/<version>", the key of the /openapi/v3 index. */
export function groupVersionPath(gv: { group: string; version: string }): string {
  return gv.group === '' ? `api/${gv.version}` : `apis/${gv.group}/${gv.version}`;
}

/** servedGroupVersionPaths lists the group-version paths of every served resource, sorted. */
export function servedGroupVersionPaths(): string[] {
  return [...new Set(allResources.map(groupVersionPath))].sort();
}

/** operationTag renders the tag upstream gives a group-version's operations ("core_v1", "rbacAuthorization_v1"). */
export function operationTag(gvPath: string): string {
  const [, group, version] = gvPath.startsWith('api/') ? ['', 'core', gvPath.slice(4)] : gvPath.split('/');
  const camel = group.replace(/\.k8s\.io$/, '').replace(/\.(\w)/g, (_, c: string) => c.toUpperCase());
  return `${camel}_${version}`;
}

const patchDefinition = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';
const writeParams: QueryParam[] = ['dryRun', 'fieldManager', 'fieldValidation'];

/** operationIdPrefix renders the group-version part of upstream operation ids ("RbacAuthorizationV1"). */
function operationIdPrefix(gv: { group: string; version: string }): string {
  const group = gv.group === '' ? 'core' : gv.group.replace(/\.k8s\.io$/, '');
  const camel = group.split('.').map((p) => p[0].toUpperCase() + p.slice(1)).join('');
  return camel + gv.version[0].toUpperCase() + gv.version.slice(1);
}

function resourcePaths(r: ResourceDefinition): PathSpec[] {
  const gvk = { group: r.group, version: r.version, kind: r.kind };
  const kindDef = definitionNameForKind(gvk);
  if (!kindDef) return [];
  const listDef = definitionNameForKind({ ...gvk, kind: `${r.kind}List` });
  const base = `/${groupVersionPath(r)}`;
  const collection = r.namespaced ? `${base}/namespaces/{namespace}/${r.resource}` : `${base}/${r.resource}`;
  const scope: PathSpec['pathParams'] = r.namespaced ? ['namespace'] : [];
  const id = (verb: string, suffix = '') => `${verb}${operationIdPrefix(r)}${r.namespaced ? 'Namespaced' : ''}${r.kind}${suffix}`;
  const op = (o: Omit<Operation, 'gvk' | 'query'> & Partial<Pick<Operation, 'gvk' | 'query'>>): Operation => ({ gvk, query: [], ...o });
  const has = (verb: string) => r.verbs.some((v) => v === verb);
  const paths: PathSpec[] = [];

  const collectionOps: Operation[] = [];
  if (has('list') && listDef) {
    collectionOps.push(op({ method: 'get', operationId: id('list'), description: `list or watch objects of kind ${r.kind}`, action: 'list', response: listDef }));
  }
  if (has('create')) {
    collectionOps.push(op({ method: 'post', operationId: id('create'), description: `create ${article(r.kind)} ${r.kind}`, action: 'post', response: kindDef, body: kindDef, query: writeParams }));
  }
  paths.push({ path: collection, pathParams: scope, operations: collectionOps });
  if (r.namespaced && has('list') && listDef) {
    const allNamespaces = `list${operationIdPrefix(r)}${r.kind}ForAllNamespaces`;
    paths.push({ path: `${base}/${r.resource}`, pathParams: [], operations: [op({ method: 'get', operationId: allNamespaces, description: `list or watch objects of kind ${r.kind}`, action: 'list', response: listDef })] });
  }

  const itemOps: Operation[] = [];
  const item = `${collection}/{name}`;
  const itemParams: PathSpec['pathParams'] = [...scope, 'name'];
  if (has('get')) itemOps.push(op({ method: 'get', operationId: id('read'), description: `read the specified ${r.kind}`, action: 'get', response: kindDef }));
  if (has('update')) itemOps.push(op({ method: 'put', operationId: id('replace'), description: `replace the specified ${r.kind}`, action: 'put', response: kindDef, body: kindDef, query: writeParams }));
  if (has('patch')) itemOps.push(op({ method: 'patch', operationId: id('patch'), description: `partially update the specified ${r.kind}`, action: 'patch', response: kindDef, body: patchDefinition, query: [...writeParams, 'force'] }));
  if (has('delete')) itemOps.push(op({ method: 'delete', operationId: id('delete'), description: `delete ${article(r.kind)} ${r.kind}`, action: 'delete', response: DefinitionNames.Status, body: DefinitionNames.DeleteOptions, query: ['dryRun'] }));
  if (itemOps.length > 0) paths.push({ path: item, pathParams: itemParams, operations: itemOps });

  for (const sub of r.subresources ?? []) {
    const spec = subresourcePath(sub, r, kindDef, id);
    if (spec) paths.push({ path: `${item}/${sub}`, pathParams: itemParams, operations: spec });
  }
  return paths;
}

function subresourcePath(sub: string, r: ResourceDefinition, kindDef: string, id: (verb: string, suffix?: string) => string): Operation[] | undefined {
  const readWrite = (gvk: GroupVersionKind, def: string, suffix: string, what: string): Operation[] => [
    { method: 'get', operationId: id('read', suffix), description: `read ${what} of the specified ${r.kind}`, action: 'get', gvk, response: def, query: [] },
    { method: 'put', operationId: id('replace', suffix), description: `replace ${what} of the specified ${r.kind}`, action: 'put', gvk, response: def, body: def, query: writeParams },
    { method: 'patch', operationId: id('patch', suffix), description: `partially update ${what} of the specified ${r.kind}`, action: 'patch', gvk, response: def, body: patchDefinition, query: [...writeParams, 'force'] },
  ];
  const create = (gvk: GroupVersionKind, def: string, suffix: string, what: string): Operation[] => [
    { method: 'post', operationId: id('create', suffix), description: `create ${what} of ${article(r.kind)} ${r.kind}`, action: 'post', gvk, response: def, body: def, query: writeParams },
  ];
  switch (sub) {
    case 'status':
      return readWrite({ group: r.group, version: r.version, kind: r.kind }, kindDef, 'Status', 'status');
    case 'scale':
      return readWrite({ group: 'autoscaling', version: 'v1', kind: 'Scale' }, 'io.k8s.api.autoscaling.v1.Scale', 'Scale', 'scale');
    case 'eviction':
      return create({ group: 'policy', version: 'v1', kind: 'Eviction' }, 'io.k8s.api.policy.v1.Eviction', 'Eviction', 'eviction');
    case 'binding':
      return create({ group: '', version: 'v1', kind: 'Binding' }, 'io.k8s.api.core.v1.Binding', 'Binding', 'binding');
    case 'token':
      return create({ group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, 'io.k8s.api.authentication.v1.TokenRequest', 'Token', 'token');
    default:
      return undefined;
  }
}

function article(kind: string): string {
  return /^[AEIOU]/.test(kind) ? 'an' : 'a';
}

/** groupVersionPathSpecs returns the paths of every resource served under a group-version path. */
export function groupVersionPathSpecs(gvPath: string): PathSpec[] {
  return allResources.filter((r) => groupVersionPath(r) === gvPath).flatMap(resourcePaths);
}

/** operationDefinitions returns the definitions a set of paths names as responses and bodies. */
export function operationDefinitions(paths: PathSpec[]): string[] {
  return paths.flatMap((p) => p.operations.flatMap((o) => (o.body ? [o.response, o.body] : [o.response])));
}

/** QueryParamDescriptions are short forms of upstream's parameter docs. */
export const QueryParamDescriptions: Record<QueryParam | 'namespace' | 'name', string> = {
  dryRun: 'When present, indicates that modifications should not be persisted. Valid values are: - All: all dry run stages will be processed',
  fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes.',
  fieldValidation: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore, - Warn (the default), - Strict.',
  force: 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people.',
  namespace: 'object name and auth scope, such as for teams and projects',
  name: 'name of the resource',
};

/** PatchContentTypes are the patch media types kube-apiserver accepts. */
export const PatchContentTypes = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
