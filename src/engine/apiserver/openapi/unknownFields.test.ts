import { describe, expect, it } from 'vitest';
import { MaxStrictErrors, strictDecodingError, unknownFieldWarning, unknownFields } from './unknownFields';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
const pod = { group: '', version: 'v1', kind: 'Pod' };

function deploymentWith(extra: { metadata?: object; spec?: object; container?: object }): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: null, ...extra.metadata },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ports: [{ containerPort: 80 }], ...extra.container }] },
      },
      ...extra.spec,
    },
  };
}

describe('unknownFields', () => {
  it('accepts a valid Deployment', () => {
    expect(unknownFields(deploymentWith({}), deployment)).toEqual([]);
  });

  it.each([
    ['a misspelled spec field', { spec: { replicass: 3 } }, ['spec.replicass']],
    ['a misspelled metadata field', { metadata: { labelz: {} } }, ['metadata.labelz']],
    ['a container field, with the list index', { container: { imagee: 'x' } }, ['spec.template.spec.containers[0].imagee']],
    ['a field in a nested list', { container: { ports: [{ containerPort: 80 }, { containerPort: 81, protocl: 'TCP' }] } }, ['spec.template.spec.containers[0].ports[1].protocl']],
    ['a differently-cased field (decoding is case-sensitive)', { spec: { Replicas: 3 } }, ['spec.Replicas']],
    ['apiVersion inside a nested object', { spec: { template: { apiVersion: 'v1', spec: { containers: [] } } } }, ['spec.template.apiVersion']],
  ])('reports %s', (_, extra, want) => {
    expect(unknownFields(deploymentWith(extra), deployment)).toEqual(want);
  });

  it('reports every unknown field in document order and skips what is under an unknown key', () => {
    const obj = deploymentWith({ metadata: { labelz: { nested: { deeper: 1 } } }, spec: { replicass: 3 }, container: { imagee: 'x' } });
    // deploymentWith puts extra spec fields after the template.
    expect(unknownFields(obj, deployment)).toEqual(['metadata.labelz', 'spec.template.spec.containers[0].imagee', 'spec.replicass']);
  });

  it('takes any key in a map field', () => {
    const obj = deploymentWith({ metadata: { annotations: { 'example.com/anything': 'x' } }, container: { resources: { limits: { cpu: '1', 'example.com/gpu': 1 } } } });
    expect(unknownFields(obj, deployment)).toEqual([]);
  });

  it('treats RawExtension and FieldsV1 as opaque', () => {
    const revision = { apiVersion: 'apps/v1', kind: 'ControllerRevision', revision: 1, data: { anything: { goes: true } } };
    expect(unknownFields(revision, { group: 'apps', version: 'v1', kind: 'ControllerRevision' })).toEqual([]);
    const managed = { metadata: { managedFields: [{ manager: 'kubectl', fieldsV1: { 'f:spec': { 'f:replicas': {} } }, bogus: 1 }] } };
    expect(unknownFields(managed, pod)).toEqual(['metadata.managedFields[0].bogus']);
  });

  it.each([
    ['PodSpec.resources (v1.32)', { spec: { resources: { limits: { cpu: '1' } }, containers: [] } }],
    ['Volume.image (v1.31)', { spec: { containers: [], volumes: [{ name: 'v', image: { reference: 'busybox', pullPolicy: 'Always' } }] } }],
    ['PodResourceClaim.resourceClaimName (v1.31)', { spec: { containers: [], resourceClaims: [{ name: 'gpu', resourceClaimName: 'c' }] } }],
    ['PodSecurityContext.supplementalGroupsPolicy (v1.31)', { spec: { containers: [], securityContext: { supplementalGroupsPolicy: 'Strict' } } }],
  ])('accepts %s', (_, obj) => {
    expect(unknownFields(obj, pod)).toEqual([]);
  });

  it('rejects PodResourceClaim.source, removed in v1.31', () => {
    const obj = { spec: { containers: [], resourceClaims: [{ name: 'gpu', source: { resourceClaimName: 'c' } }] } };
    expect(unknownFields(obj, pod)).toEqual(['spec.resourceClaims[0].source']);
  });

  it('checks list kinds and the subresource kinds', () => {
    const list = { apiVersion: 'apps/v1', kind: 'DeploymentList', items: [{ spec: { replicass: 1 } }], metadata: {} };
    expect(unknownFields(list, { ...deployment, kind: 'DeploymentList' })).toEqual(['items[0].spec.replicass']);
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', spec: { replicas: 1, replica: 2 } };
    expect(unknownFields(scale, { group: 'autoscaling', version: 'v1', kind: 'Scale' })).toEqual(['spec.replica']);
  });

  it('keeps at most MaxStrictErrors paths', () => {
    const spec: Record<string, number> = {};
    for (let i = 0; i < 150; i++) spec[`f${i}`] = i;
    expect(unknownFields({ spec }, deployment)).toHaveLength(MaxStrictErrors);
  });

  it('knows nothing about kinds it does not serve', () => {
    expect(unknownFields({ spec: { x: 1 } }, { group: 'example.com', version: 'v1', kind: 'Widget' })).toEqual([]);
  });
});

describe('strictDecodingError', () => {
  it('renders runtime.strictDecodingError (v1.32)', () => {
    expect(strictDecodingError(['spec.replicass', 'spec.template.spec.containers[0].imagee'])).toBe(
      'strict decoding error: unknown field "spec.replicass", unknown field "spec.template.spec.containers[0].imagee"',
    );
  });

  it('renders the Warn-mode warning', () => {
    expect(unknownFieldWarning('metadata.labelz')).toBe('unknown field "metadata.labelz"');
  });
});
