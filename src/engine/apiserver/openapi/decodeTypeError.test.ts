import { describe, expect, it } from 'vitest';
import { decodeErrorMessage, decodeTypeError, jsonDecodeError } from './decodeTypeError';

const deployment = { group: 'apps', version: 'v1', kind: 'Deployment' };
const container = (c: object) => ({ spec: { template: { spec: { containers: [{ name: 'c', ...c }] } } } });

describe('decodeTypeError', () => {
  it('wraps the Go error as transformDecodeError does (v1.32)', () => {
    expect(decodeTypeError({ spec: { replicas: '3' } }, deployment)).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
  });

  it.each([
    ['a number label value', { metadata: { labels: { version: 1.5 } } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string'],
    ['a number env value (list indexes are not in the path)', container({ env: [{ name: 'PORT', value: 8080 }] }), 'json: cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string'],
    ['a string command', container({ command: 'sleep 10' }), 'json: cannot unmarshal string into Go struct field Container.spec.template.spec.containers.command of type []string'],
    ['a string containerPort', container({ ports: [{ containerPort: '80' }] }), 'json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32'],
    ['a named Go string type', { spec: { template: { spec: { restartPolicy: 1 } } } }, 'json: cannot unmarshal number into Go struct field PodSpec.spec.template.spec.restartPolicy of type v1.RestartPolicy'],
    ['an element of a named-type list', container({ securityContext: { capabilities: { add: [1] } } }), 'json: cannot unmarshal number into Go struct field Capabilities.spec.template.spec.containers.securityContext.capabilities.add of type v1.Capability'],
    ['an int64 field', { spec: { template: { spec: { securityContext: { runAsUser: 'root' } } } } }, 'json: cannot unmarshal string into Go struct field PodSecurityContext.spec.template.spec.securityContext.runAsUser of type int64'],
    ['a struct given a string', { spec: 'web' }, 'json: cannot unmarshal string into Go struct field Deployment.spec of type v1.DeploymentSpec'],
    ['a list given an object', { spec: { template: { spec: { containers: { name: 'c' } } } } }, 'json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container'],
    ['a named map given a string', container({ resources: { limits: '1' } }), 'json: cannot unmarshal string into Go struct field ResourceRequirements.spec.template.spec.containers.resources.limits of type v1.ResourceList'],
    ['a fraction in an int32', { spec: { replicas: 1.5 } }, 'json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['an int32 overflow', { spec: { replicas: 3000000000 } }, 'json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32'],
    ['a bool in a string field', { metadata: { name: true } }, 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string'],
    ['an IntOrString given a bool', { spec: { strategy: { rollingUpdate: { maxSurge: true } } } }, 'json: cannot unmarshal bool into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32'],
    ['a Quantity with a bad format', container({ resources: { limits: { memory: '500MB' } } }), "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"],
    ['a Quantity with a bad suffix', container({ resources: { requests: { memory: '5mi' } } }), "unable to parse quantity's suffix"],
    ['a Time given a number', { metadata: { creationTimestamp: 5 } }, 'json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string'],
    ['a Time out of range', { metadata: { creationTimestamp: '2024-13-01T00:00:00Z' } }, 'parsing time "2024-13-01T00:00:00Z": month out of range'],
  ])('reports %s', (_, obj, want) => {
    expect(jsonDecodeError(obj, 'io.k8s.api.apps.v1.Deployment')).toBe(want);
  });

  it('reports the first type error in document order', () => {
    expect(jsonDecodeError({ spec: { paused: 'yes', replicas: 'x' } }, 'io.k8s.api.apps.v1.Deployment')).toBe(
      'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
    );
  });

  it('lets an UnmarshalJSON error win over an earlier type error, since it stops decoding', () => {
    const obj = { spec: { replicas: 'x', strategy: { rollingUpdate: { maxSurge: [] } } } };
    expect(jsonDecodeError(obj, 'io.k8s.api.apps.v1.Deployment')).toBe(
      'json: cannot unmarshal array into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32',
    );
  });

  it.each([
    ['null anywhere', { metadata: { creationTimestamp: null, labels: null }, spec: { replicas: null, template: null } }],
    ['IntOrString as a number or a string', { spec: { strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } } } }],
    ['Quantity as a number or a string', container({ resources: { limits: { cpu: 0.5, memory: '128Mi' }, requests: { cpu: '100m', memory: 1e9 } } })],
    ['Time in RFC 3339, with or without a fraction', { metadata: { creationTimestamp: '2024-05-01T10:00:00.123+02:00' } }],
    ['an int64 above the int32 range', { spec: { template: { spec: { activeDeadlineSeconds: 5000000000 } } } }],
  ])('accepts %s', (_, obj) => {
    expect(decodeTypeError(obj, deployment)).toBeUndefined();
  });

  it('decodes Secret data as base64', () => {
    const secret = { group: '', version: 'v1', kind: 'Secret' };
    expect(decodeTypeError({ data: { password: 'aHVudGVyMg==' }, stringData: { plain: 'hunter2' } }, secret)).toBeUndefined();
    expect(decodeTypeError({ data: { password: 'hunter2' } }, secret)).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4',
    );
    expect(decodeTypeError({ data: { password: 42 } }, secret)).toBe(
      'Secret in version "v1" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.data of type []uint8',
    );
  });

  it('parses MicroTime with its six-digit layout', () => {
    const event = { group: 'events.k8s.io', version: 'v1', kind: 'Event' };
    expect(decodeTypeError({ eventTime: '2024-01-01T00:00:00.000000Z' }, event)).toBeUndefined();
    expect(decodeTypeError({ eventTime: '2024-01-01T00:00:00Z' }, event)).toBe(
      'Event in version "v1" cannot be handled as a Event: parsing time "2024-01-01T00:00:00Z" as "2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000"',
    );
  });

  it('uses the Go package of the kind for a top-level type error', () => {
    expect(jsonDecodeError([], 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler')).toBe(
      'json: cannot unmarshal array into Go value of type v2.HorizontalPodAutoscaler',
    );
  });

  it('builds the create/update wrapper for any base error', () => {
    expect(decodeErrorMessage(deployment, 'strict decoding error: unknown field "spec.replicass"')).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"',
    );
  });
});
