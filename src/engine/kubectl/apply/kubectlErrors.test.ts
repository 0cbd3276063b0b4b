import { describe, expect, it } from 'vitest';
import { failure } from '../../apiserver/errors';
import { addSourceToErr, errorMessage } from './kubectlErrors';

const invalid = (causes: { field: string; message: string }[]) =>
  failure(422, 'Invalid', 'ignored: kubectl prints the causes', { kind: 'Service', name: 'big', causes: causes.map((c) => ({ reason: 'FieldValueInvalid', ...c })) });

describe('errorMessage', () => {
  it('prints one Invalid cause on the line, several as a list (MultilineError), duplicates once', () => {
    expect(errorMessage({ status: invalid([{ field: 'spec.ports[0].port', message: 'Invalid value: 70000' }]) })).toBe(
      'The Service "big" is invalid: spec.ports[0].port: Invalid value: 70000',
    );
    const two = invalid([
      { field: 'spec.ports[0].port', message: 'Invalid value: 70000' },
      { field: 'spec.ports[0].targetPort', message: 'Invalid value: 70000' },
      { field: 'spec.ports[0].port', message: 'Invalid value: 70000' },
    ]);
    expect(errorMessage({ status: two })).toBe('The Service "big" is invalid: \n* spec.ports[0].port: Invalid value: 70000\n* spec.ports[0].targetPort: Invalid value: 70000');
  });

  it('prints other Status errors with their reason, and client errors with "error: "', () => {
    const notFound = addSourceToErr('creating', 'STDIN', { status: failure(404, 'NotFound', 'namespaces "nope" not found') });
    expect(errorMessage(notFound)).toBe('Error from server (NotFound): error when creating "STDIN": namespaces "nope" not found');
    expect(errorMessage({ status: failure(500, '', 'boom') })).toBe('Error from server: boom');
    expect(errorMessage({ message: 'no objects passed to apply' })).toBe('error: no objects passed to apply');
  });
});
