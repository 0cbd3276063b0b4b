import type { ApiRequest, ApiResponse } from '../../client/transport';
import { openApiV2Document } from './openapiV2';
import { openApiV3Document, openApiV3Index } from './openapiV3';

/**
 * serveOpenApi answers /openapi/v2 (JSON only: a protobuf request gets JSON, as servers without
 * the protobuf encoder do... kubectl accepts it) and /openapi/v3[/<group-version path>].
 */
export function serveOpenApi(req: ApiRequest, path: string): ApiResponse | undefined {
  if (req.method !== 'GET') return undefined;
  if (path === '/openapi/v2') return { status: 200, body: openApiV2Document() };
  if (path === '/openapi/v3' || path === '/openapi/v3/') return { status: 200, body: openApiV3Index() };
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiV3Document(path.slice('/openapi/v3/'.length));
    return doc ? { status: 200, body: doc } : undefined;
  }
  return undefined;
}
