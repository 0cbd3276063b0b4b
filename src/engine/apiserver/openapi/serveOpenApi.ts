import type { ApiRequest, ApiResponse } from '../../client/transport';
import { openApiV2Document } from './openapiV2';
import { openApiV2Format, openApiV2Protobuf, OpenApiV2ProtobufContentType } from './openapiV2Protobuf';
import { openApiV3Document, openApiV3Index } from './openapiV3';

/**
 * serveOpenApi answers /openapi/v2 (JSON, or gnostic protobuf when Accept asks for it as kubectl's
 * validation does; 406 for neither) and /openapi/v3[/<group-version path>].
 */
export function serveOpenApi(req: ApiRequest, path: string): ApiResponse | undefined {
  if (req.method !== 'GET') return undefined;
  if (path === '/openapi/v2') {
    const format = openApiV2Format(req.accept);
    if (format === 'protobuf') return { status: 200, body: openApiV2Protobuf(), contentType: OpenApiV2ProtobufContentType };
    if (format === undefined) return { status: 406, body: '', contentType: 'text/plain; charset=utf-8' };
    return { status: 200, body: openApiV2Document() };
  }
  if (path === '/openapi/v3' || path === '/openapi/v3/') return { status: 200, body: openApiV3Index() };
  if (path.startsWith('/openapi/v3/')) {
    const doc = openApiV3Document(path.slice('/openapi/v3/'.length));
    return doc ? { status: 200, body: doc } : undefined;
  }
  return undefined;
}
