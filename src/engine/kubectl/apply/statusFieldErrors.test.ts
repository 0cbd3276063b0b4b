import { describe, expect, it } from 'vitest';
import { failure } from '../../apiserver/errors';
import { statusFieldErrors } from './statusFieldErrors';

describe('statusFieldErrors', () => {
  it('takes the causes of an Invalid error', () => {
    const s = failure(422, 'Invalid', '…', { kind: 'Deployment', name: 'web', causes: [{ reason: 'FieldValueInvalid', field: 'spec.replicas', message: 'Invalid value: -1: must be greater than or equal to 0' }] });
    expect(statusFieldErrors(s)).toEqual([{ path: 'spec.replicas', message: 'spec.replicas: Invalid value: -1: must be greater than or equal to 0' }]);
  });

  it('lists the fields of a strict decoding error', () => {
    const s = failure(400, 'BadRequest', 'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "metadata.labelz", unknown field "spec.template.spec.containers[0].imagee"');
    expect(statusFieldErrors(s).map((e) => e.path)).toEqual(['metadata.labelz', 'spec.template.spec.containers[0].imagee']);
  });

  it('finds the field of a JSON type error', () => {
    const s = failure(400, 'BadRequest', 'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32');
    expect(statusFieldErrors(s)).toEqual([{ path: 'spec.replicas', message: 'json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32' }]);
  });

  it('names no field for errors about the whole object', () => {
    expect(statusFieldErrors(failure(409, 'AlreadyExists', 'configmaps "x" already exists'))).toEqual([]);
  });
});
