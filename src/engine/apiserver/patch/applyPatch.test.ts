import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors';
import { applyPatch, GenericInvalidMessage, parsePatchType } from './applyPatch';

const gvk = { group: 'apps', version: 'v1', kind: 'Deployment' };
const deployment = Object.freeze({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: Object.freeze({ name: 'web' }),
  spec: Object.freeze({ replicas: 1, template: Object.freeze({ spec: Object.freeze({ containers: Object.freeze([Object.freeze({ name: 'nginx', image: 'nginx:1.24' })]) }) }) }),
});

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('applyPatch', () => {
  it.each([
    { type: 'application/json-patch+json', body: [{ op: 'replace', path: '/spec/replicas', value: 3 }] },
    { type: 'application/merge-patch+json', body: { spec: { replicas: 3 } } },
    { type: 'application/strategic-merge-patch+json; charset=utf-8', body: { spec: { replicas: 3 } } },
  ])('$type sets replicas', ({ type, body }) => {
    expect((applyPatch(type, deployment, body, gvk) as { spec: { replicas: number } }).spec.replicas).toBe(3);
  });

  it('a strategic merge patch merges containers by name for the kind', () => {
    const body = { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } } };
    const out = applyPatch('application/strategic-merge-patch+json', deployment, body, gvk) as typeof deployment;
    expect(out.spec.template.spec.containers).toEqual([{ name: 'nginx', image: 'nginx:1.25' }]);
  });

  it('an unknown media type is 415 with the v1.32 list of accepted types', () => {
    const err = apiError(() => applyPatch('application/json', deployment, {}, gvk));
    expect(err.status).toMatchObject({
      code: 415,
      reason: 'UnsupportedMediaType',
      message:
        'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('media types match exactly, as upstream', () => {
    expect(() => parsePatchType('Application/Merge-Patch+JSON')).toThrow(ApiError);
    expect(parsePatchType('application/merge-patch+json;charset=utf-8')).toBe('application/merge-patch+json');
  });

  it('a malformed JSON patch body is 400 BadRequest with the decoder message', () => {
    const err = apiError(() => applyPatch('application/json-patch+json', deployment, { op: 'add' }, gvk));
    expect(err.status).toMatchObject({ code: 400, reason: 'BadRequest', message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' });
  });

  it('a failing JSON patch is the generic 422, whose message hides the cause', () => {
    const err = apiError(() => applyPatch('application/json-patch+json', deployment, [{ op: 'test', path: '/spec/replicas', value: 5 }], gvk));
    expect(err.status).toMatchObject({ code: 422, reason: 'Invalid', message: GenericInvalidMessage, details: {} });
  });

  it('more than 10000 JSON patch operations is 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    const err = apiError(() => applyPatch('application/json-patch+json', deployment, ops, gvk));
    expect(err.status).toMatchObject({
      code: 413,
      reason: 'RequestEntityTooLarge',
      message: 'Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001',
    });
  });

  it('a null merge patch is 400 "Invalid JSON Patch"', () => {
    expect(apiError(() => applyPatch('application/merge-patch+json', deployment, null, gvk)).status).toMatchObject({ code: 400, message: 'Invalid JSON Patch' });
  });

  it('a strategic merge patch error that is not a Status is a 500 without a reason', () => {
    const body = { spec: { template: { spec: { containers: [{ image: 'x' }] } } } };
    const err = apiError(() => applyPatch('application/strategic-merge-patch+json', deployment, body, gvk));
    expect(err.status).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'map: map[image:x] does not contain declared merge key: name',
      code: 500,
    });
  });

  it('a patch whose result is not an object fails to decode, 422', () => {
    const err = apiError(() => applyPatch('application/merge-patch+json', deployment, [1], gvk));
    expect(err.code).toBe(422);
    expect(err.message).toMatch(/^ "" is invalid: patch: Invalid value: "\[1\]": couldn't get version\/kind; json parse error: json: cannot unmarshal array/);
  });

  it('server-side apply is not handled here', () => {
    expect(apiError(() => applyPatch('application/apply-patch+yaml', deployment, {}, gvk)).status).toMatchObject({
      code: 500,
      message: 'application/apply-patch+yaml: unimplemented patch type',
    });
  });
});
