import type { ApiRequest, ApiResponse } from '../../engine/client/transport';
import { failure } from '../../engine/apiserver/errors';

/** routePath is a request's path without query or trailing slashes, as the playground routes match it. */
export function routePath(req: ApiRequest): string {
  return req.path.split('?')[0].replace(/\/+$/, '');
}

/** badRequest is a 400 BadRequest Status response. */
export function badRequest(message: string): ApiResponse {
  return { status: 400, body: failure(400, 'BadRequest', message) };
}

/** methodNotAllowed is the 405 Status a playground path answers to a verb it does not serve. */
export function methodNotAllowed(req: ApiRequest, path: string): ApiResponse {
  return { status: 405, body: failure(405, 'MethodNotAllowed', `${req.method} is not supported on ${path}`) };
}

/**
 * readJsonObject reads a playground request's body (JSON text over HTTP, an object in process);
 * an empty body is {}. Anything but a JSON object is an error response.
 */
export function readJsonObject(req: ApiRequest): { body: Record<string, unknown> } | { error: ApiResponse } {
  let body: unknown;
  try {
    body = typeof req.body === 'string' ? JSON.parse(req.body || '{}') : (req.body ?? {});
  } catch (e) {
    return { error: badRequest(`invalid JSON body: ${(e as Error).message}`) };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: badRequest('the request body must be a JSON object') };
  return { body: body as Record<string, unknown> };
}
