import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './requestInfo';

describe('parseRequestInfo', () => {
  it.each([
    ['/api/v1/namespaces/default/pods/web/status', { group: '', version: 'v1', namespace: 'default', resource: 'pods', name: 'web', subresource: 'status' }],
    ['/apis/apps/v1/deployments', { group: 'apps', version: 'v1', namespace: '', resource: 'deployments', name: '', subresource: '' }],
    ['/api/v1/namespaces/team', { namespace: '', resource: 'namespaces', name: 'team', subresource: '' }],
    ['/api/v1/namespaces/team/finalize', { namespace: '', resource: 'namespaces', name: 'team', subresource: 'finalize' }],
    ['/api/v1/namespaces/team/status', { namespace: '', resource: 'namespaces', name: 'team', subresource: 'status' }],
    ['/api/v1/namespaces/team/configmaps', { namespace: 'team', resource: 'configmaps', name: '', subresource: '' }],
  ])('%s', (path, want) => {
    expect(parseRequestInfo(path)).toMatchObject({ isResourceRequest: true, ...want });
  });

  it('treats /version and /openapi/v3 as non-resource paths', () => {
    expect(parseRequestInfo('/version').isResourceRequest).toBe(false);
    expect(parseRequestInfo('/openapi/v3').isResourceRequest).toBe(false);
  });
});
