import type { Status } from 'kubernetes-types/meta/v1';
import { errorResponse } from '../../engine/apiserver/server';
import { failure } from '../../engine/apiserver/errors';
import { errorBody, fieldError, formatFieldError, type FieldError } from '../../engine/apiserver/fieldErrors';
import { quantityError } from '../../engine/apiserver/openapi/decodeQuantity';
import { isDNS1123Subdomain } from '../../engine/apiserver/validation/names';
import { parseQuantity } from '../../engine/apiserver/validation/quantity';
import type { NodeRequest, NodeSpec } from '../../engine/cluster/topology';
import type { ApiRequest, ApiResponse } from '../../engine/client/transport';
import { methodNotAllowed, readJsonObject, routePath } from './playgroundRoute';

/** NodesApiPath is where a node is added at run time: a path Kubernetes does not use. */
export const NodesApiPath = '/playground/v1/nodes';

/** NodeAdder starts the kubelet of a new node: a KubeletPool, a Cluster, or a kubelet Worker's proxy. */
export interface NodeAdder {
  /** addNode throws an ApiError (AlreadyExists when the name is taken). */
  addNode(req: NodeRequest): Promise<NodeSpec>;
}

/** NodeRequestAccepted is the 202 body of POST /playground/v1/nodes. */
export interface NodeRequestAccepted {
  kind: 'NodeRequest';
  name: string;
}

const fields = ['name', 'cpu', 'memory', 'pods'] as const;

/**
 * serveNodesApi answers POST /playground/v1/nodes ({"name"?, "cpu"?, "memory"?, "pods"?}): a new
 * virtual kubelet starts, registers its Node and turns Ready like the others. 202 with the node's
 * name; 400 for a bad request, 409 when the name is taken; undefined for any other path.
 */
export async function serveNodesApi(nodes: NodeAdder, req: ApiRequest): Promise<ApiResponse | undefined> {
  const path = routePath(req);
  if (path !== NodesApiPath) return undefined;
  if (req.method !== 'POST') return methodNotAllowed(req, path);
  const read = readJsonObject(req);
  if ('error' in read) return read.error;
  const parsed = parseNodeRequest(read.body);
  if ('status' in parsed) return { status: 400, body: parsed.status };
  try {
    const node = await nodes.addNode(parsed.request);
    const body: NodeRequestAccepted = { kind: 'NodeRequest', name: node.name };
    return { status: 202, body };
  } catch (e) {
    return errorResponse(e);
  }
}

/**
 * parseNodeRequest checks a node request as the API server decodes and validates a Node: strict
 * fields, strings only, an RFC 1123 subdomain for the name and non-negative quantities.
 */
export function parseNodeRequest(body: Record<string, unknown>): { request: NodeRequest } | { status: Status } {
  const unknown = Object.keys(body).find((k) => !(fields as readonly string[]).includes(k));
  // Decoding errors read as the API server's strict decoder and encoding/json word them.
  if (unknown !== undefined) return { status: failure(400, 'BadRequest', `strict decoding error: unknown field "${unknown}"`) };
  const request: NodeRequest = {};
  for (const f of fields) {
    const v = body[f];
    // As encoding/json does, null leaves a field unset.
    if (v === undefined || v === null) continue;
    if (typeof v !== 'string') {
      return { status: failure(400, 'BadRequest', `json: cannot unmarshal ${jsonType(v)} into Go struct field NodeRequest.${f} of type string`) };
    }
    request[f] = v;
  }
  const errs: FieldError[] = [];
  if (request.name !== undefined) for (const msg of isDNS1123Subdomain(request.name)) errs.push(fieldError.invalid('name', request.name, msg));
  for (const f of ['cpu', 'memory', 'pods'] as const) {
    const v = request[f];
    if (v !== undefined) errs.push(...quantityErrors(f, v));
  }
  if (errs.length === 0) return { request };
  const messages = errs.map(formatFieldError);
  const message = `NodeRequest is invalid: ${messages.length === 1 ? messages[0] : `[${messages.join(', ')}]`}`;
  return {
    status: failure(400, 'BadRequest', message, {
      kind: 'NodeRequest',
      name: request.name,
      causes: errs.map((e) => ({ reason: e.type.reason, message: errorBody(e), field: e.field })),
    }),
  };
}

// The checks of a Node's capacity (ValidateResourceQuantityValue, pkg/apis/core/validation, v1.32).
function quantityErrors(field: 'cpu' | 'memory' | 'pods', value: string): FieldError[] {
  const bad = quantityError(value);
  if (bad) return [fieldError.invalid(field, value, bad)];
  const n = parseQuantity(value)!;
  if (n < 0) return [fieldError.invalid(field, value, 'must be greater than or equal to 0')];
  if (field === 'pods' && !Number.isInteger(n)) return [fieldError.invalid(field, value, 'must be an integer')];
  return [];
}

/** jsonType names a JSON value's type as encoding/json's UnmarshalTypeError does. */
function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
