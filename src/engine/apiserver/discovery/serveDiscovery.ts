import type { ApiRequest, ApiResponse } from '../../client/transport';
import type { ResourceDefinition } from '../registry/resourceDefinition';
import type { RequestInfo } from '../request/requestInfo';
import {
  AggregatedDiscoveryType,
  aggregatedDiscovery,
  apiGroupList,
  apiGroupOf,
  apiResourceList,
  apiVersions,
  wantsAggregated,
} from './discovery';

/** serveDiscovery answers the discovery paths (/api, /apis, /apis/g, /api/v1, /apis/g/v); undefined otherwise. */
export function serveDiscovery(req: ApiRequest, info: RequestInfo, defs: ResourceDefinition[]): ApiResponse | undefined {
  if (req.method !== 'GET') return undefined;
  const path = info.path.replace(/\/+$/, '');
  if (path === '/api' || path === '/apis') {
    if (wantsAggregated(req.accept)) {
      return { status: 200, body: aggregatedDiscovery(defs, path === '/api'), contentType: AggregatedDiscoveryType };
    }
    return { status: 200, body: path === '/api' ? apiVersions() : apiGroupList(defs) };
  }
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'api' && segs.length === 2) {
    const list = apiResourceList(defs, '', segs[1]);
    return list ? { status: 200, body: list } : undefined;
  }
  if (segs[0] === 'apis' && segs.length === 2) {
    const g = apiGroupOf(defs, segs[1]);
    return g ? { status: 200, body: g } : undefined;
  }
  if (segs[0] === 'apis' && segs.length === 3) {
    const list = apiResourceList(defs, segs[1], segs[2]);
    return list ? { status: 200, body: list } : undefined;
  }
  return undefined;
}
