import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { ApiRequest } from '../../client/transport';
import { type ApiError, newForbidden } from '../errors';
import type { RequestInfo } from '../request/requestInfo';

/** Attributes are what an authorizer decides on (k8s.io/apiserver authorizer.Attributes). */
export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  /** path is the request path of a non-resource request. */
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}

const writeVerbs: Record<string, string> = { POST: 'create', PUT: 'update', PATCH: 'patch' };

/** requestAttributes are a request's authorization attributes, with the verb RequestInfoFactory gives it. */
export function requestAttributes(req: ApiRequest, info: RequestInfo, user: UserInfo): Attributes {
  const watch = ['true', '1'].includes(String(req.query?.watch ?? ''));
  let verb: string;
  if (!info.isResourceRequest) verb = req.method.toLowerCase();
  else if (req.method === 'GET' || req.method === 'HEAD') verb = watch ? 'watch' : info.name ? 'get' : 'list';
  else if (req.method === 'DELETE') verb = info.name ? 'delete' : 'deletecollection';
  else verb = writeVerbs[req.method] ?? '';
  return {
    user,
    verb,
    resourceRequest: info.isResourceRequest,
    path: info.path,
    apiGroup: info.group,
    apiVersion: info.version,
    // A Namespace is in itself: /api/v1/namespaces/{name} has namespace {name}.
    namespace: info.resource === 'namespaces' && info.name ? info.name : info.namespace,
    resource: info.resource,
    subresource: info.subresource,
    name: info.name,
  };
}

/** forbiddenMessage is responsewriters.forbiddenMessage: who cannot do what, where. */
export function forbiddenMessage(a: Attributes): string {
  const who = `User ${JSON.stringify(a.user.username ?? '')}`;
  if (!a.resourceRequest) return `${who} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `${who} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** newRequestForbidden is the 403 responsewriters.Forbidden writes for a refused request, with the authorizer's reason. */
export function newRequestForbidden(a: Attributes, reason: string): ApiError {
  const message = reason ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a);
  return newForbidden({ group: a.apiGroup, resource: a.resource }, a.name, message);
}
