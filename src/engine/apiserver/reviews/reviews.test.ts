import type { SelfSubjectReview } from 'kubernetes-types/authentication/v1';
import type { LocalSubjectAccessReview, SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview } from 'kubernetes-types/authorization/v1';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../client/apiClient';
import { servedStrategies } from '../../cluster/servedStrategies';
import { Sim } from '../../sim/sim';
import { Resources } from '../registry/resources';
import { ApiServer } from '../server';

const client = () => new ApiClient(new ApiServer(new Sim('reviews', () => Promise.resolve()), { strategies: servedStrategies }));
const sar = (spec: SubjectAccessReview['spec'], metadata?: SubjectAccessReview['metadata']): SubjectAccessReview => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata, spec });
const lsar = (spec: LocalSubjectAccessReview['spec']): LocalSubjectAccessReview => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace: 'default' }, spec });
const ssar = (spec: SelfSubjectAccessReview['spec']): SelfSubjectAccessReview => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec });

describe('review resources (AlwaysAllow)', () => {
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

  it('lists every rule for the caller and names the in-process caller the loopback client', async () => {
    const c = client();
    const rules = await c.create<SelfSubjectRulesReview>(Resources.selfsubjectrulesreviews, { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: 'default' } });
    expect(rules.status).toEqual({ resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false });
    const me = await c.create<SelfSubjectReview>(Resources.selfsubjectreviews, { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
    expect(me.status?.userInfo).toEqual({ username: 'system:apiserver', groups: ['system:authenticated', 'system:masters'] });
  });

  it('allows whatever a SubjectAccessReview asks about someone else, once it names a user or a group', async () => {
    const c = client();
    const got = await c.create(Resources.subjectaccessreviews, sar({ user: 'jane', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }));
    expect(got).toEqual({ ...sar({ user: 'jane', resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }), metadata: { creationTimestamp: null }, status: { allowed: true } });
    // The REST storage names the decoded object's kind, which is empty: the message starts with the group.
    await expect(c.create(Resources.subjectaccessreviews, sar({}))).rejects.toThrow(
      '.authorization.k8s.io "" is invalid: [spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified, spec.user: Invalid value: "": at least one of user or group must be specified]',
    );
    await expect(c.create(Resources.subjectaccessreviews, sar({ groups: ['devs'], nonResourceAttributes: { path: '/healthz', verb: 'get' } }, { name: 'mine' }))).rejects.toThrow(
      'metadata: Invalid value: v1.ObjectMeta{Name:"mine", GenerateName:"", Namespace:"", SelfLink:"", UID:"", ResourceVersion:"", Generation:0, CreationTimestamp:v1.Time{Time:time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC)}, DeletionTimestamp:(*v1.Time)(nil), DeletionGracePeriodSeconds:(*int64)(nil), Labels:map[string]string(nil), Annotations:map[string]string(nil), OwnerReferences:[]v1.OwnerReference(nil), Finalizers:[]string(nil), ManagedFields:[]v1.ManagedFieldsEntry(nil)}: must be empty',
    );
    await expect(
      c.create(Resources.subjectaccessreviews, sar({ user: 'jane', resourceAttributes: { verb: 'list', resource: 'pods', fieldSelector: { rawSelector: 'a=b', requirements: [{ key: 'a', operator: 'In' }] } } as never })),
    ).rejects.toThrow(
      '[spec.resourceAttributes.fieldSelector.rawSelector: Invalid value: "a=b": may not specified at the same time as requirements, spec.resourceAttributes.fieldSelector.requirements[0].values: Required value: must be specified when `operator` is \'In\' or \'NotIn\']',
    );
  });

  it('answers a LocalSubjectAccessReview in its namespace only, about resources only', async () => {
    const c = client();
    const got = await c.create<LocalSubjectAccessReview>(Resources.localsubjectaccessreviews, lsar({ groups: ['devs'], resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods' } }));
    expect(got.metadata).toEqual({ namespace: 'default', creationTimestamp: null });
    expect(got.status).toEqual({ allowed: true });
    await expect(
      c.create(Resources.localsubjectaccessreviews, lsar({ user: 'jane', resourceAttributes: { namespace: 'kube-system', verb: 'get', resource: 'pods' } })),
    ).rejects.toThrow('spec.resourceAttributes.namespace: Invalid value: "kube-system": must match metadata.namespace');
    await expect(c.create(Resources.localsubjectaccessreviews, lsar({ user: 'jane', nonResourceAttributes: { path: '/x', verb: 'get' } }))).rejects.toThrow(
      'spec.nonResourceAttributes: Invalid value: authorization.NonResourceAttributes{Path:"/x", Verb:"get"}: disallowed on this kind of request',
    );
  });
});
