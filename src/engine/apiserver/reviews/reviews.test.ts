import type { SelfSubjectReview } from 'kubernetes-types/authentication/v1';
import type { SelfSubjectAccessReview, SelfSubjectRulesReview } from 'kubernetes-types/authorization/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../client/apiClient';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import { Resources } from '../registry/resources';
import { ApiServer } from '../server';

const client = () => new ApiClient(new ApiServer(new Sim('reviews', () => Promise.resolve()), { strategies: servedStrategies }));
const ssar = (spec: SelfSubjectAccessReview['spec']): SelfSubjectAccessReview => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });

describe('review resources (AlwaysAllow, no authentication)', () => {
  it('allows every access a SelfSubjectAccessReview asks about, and sends the review back unstored', async () => {
    const c = client();
    const got = await c.create(Resources.selfsubjectaccessreviews, ssar({ resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'nodes' } }));
    expect(got).toEqual({ ...ssar({ resourceAttributes: { namespace: 'default', verb: 'delete', resource: 'nodes' } }), metadata: { creationTimestamp: null }, status: { allowed: true } });
    expect((await c.create(Resources.selfsubjectaccessreviews, ssar({ nonResourceAttributes: { path: '/healthz', verb: 'get' } }))).status?.allowed).toBe(true);
    await expect(c.list(Resources.selfsubjectaccessreviews)).rejects.toThrow('list is not supported on resources of kind "selfsubjectaccessreviews.authorization.k8s.io"');
  });

  it('rejects a SelfSubjectAccessReview that asks about nothing, or about both kinds of attributes', async () => {
    const c = client();
    await expect(c.create(Resources.selfsubjectaccessreviews, ssar({}))).rejects.toThrow(
      'spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    );
    await expect(c.create(Resources.selfsubjectaccessreviews, ssar({ resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/', verb: 'get' } }))).rejects.toThrow(
      'cannot be specified in combination with resourceAttributes',
    );
  });

  it('lists every rule for the caller and names the caller system:anonymous', async () => {
    const c = client();
    const rules = await c.create<SelfSubjectRulesReview>(Resources.selfsubjectrulesreviews, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } });
    expect(rules.status).toEqual({ resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false });
    const me = await c.create<SelfSubjectReview>(Resources.selfsubjectreviews, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(me.status?.userInfo).toEqual({ username: 'system:anonymous', groups: ['system:unauthenticated'] });
  });
});
