import { describe, expect, it } from 'vitest';
import { applyJsonPatch, decodeJsonPatch } from './jsonPatch';
import { PatchError, PatchErrorKind } from './patchError';

const doc = Object.freeze({
  metadata: Object.freeze({ name: 'p', labels: Object.freeze({ 'app.kubernetes.io/name': 'web', 'a~b': 'x' }) }),
  spec: Object.freeze({ replicas: 1, list: Object.freeze(['a', 'b', 'c']) }),
});

function apply(ops: unknown): unknown {
  return applyJsonPatch(doc, decodeJsonPatch(ops));
}

function failure(ops: unknown): PatchError {
  try {
    apply(ops);
  } catch (e) {
    if (e instanceof PatchError) return e;
    throw e;
  }
  throw new Error('expected a PatchError');
}

describe('applyJsonPatch', () => {
  it.each([
    { name: 'add sets an object member', ops: [{ op: 'add', path: '/spec/paused', value: true }], path: ['spec', 'paused'], want: true },
    { name: 'add with "-" appends to a list', ops: [{ op: 'add', path: '/spec/list/-', value: 'd' }], path: ['spec', 'list'], want: ['a', 'b', 'c', 'd'] },
    { name: 'add at an index inserts', ops: [{ op: 'add', path: '/spec/list/1', value: 'x' }], path: ['spec', 'list'], want: ['a', 'x', 'b', 'c'] },
    { name: 'a negative index counts from the end', ops: [{ op: 'remove', path: '/spec/list/-1' }], path: ['spec', 'list'], want: ['a', 'b'] },
    { name: 'remove deletes a member', ops: [{ op: 'remove', path: '/spec/replicas' }], path: ['spec', 'replicas'], want: undefined },
    { name: 'replace sets a member', ops: [{ op: 'replace', path: '/spec/replicas', value: 3 }], path: ['spec', 'replicas'], want: 3 },
    { name: 'replace of a missing member adds it (json-patch v4)', ops: [{ op: 'replace', path: '/spec/x', value: 1 }], path: ['spec', 'x'], want: 1 },
    { name: '~1 in a pointer is a slash', ops: [{ op: 'replace', path: '/metadata/labels/app.kubernetes.io~1name', value: 'api' }], path: ['metadata', 'labels', 'app.kubernetes.io/name'], want: 'api' },
    { name: '~0 in a pointer is a tilde', ops: [{ op: 'remove', path: '/metadata/labels/a~0b' }], path: ['metadata', 'labels', 'a~b'], want: undefined },
    { name: 'move moves a member', ops: [{ op: 'move', from: '/spec/replicas', path: '/spec/count' }], path: ['spec'], want: { list: ['a', 'b', 'c'], count: 1 } },
    { name: 'copy copies a member', ops: [{ op: 'copy', from: '/spec/list', path: '/spec/copy' }], path: ['spec', 'copy'], want: ['a', 'b', 'c'] },
    { name: 'a passing test changes nothing', ops: [{ op: 'test', path: '/spec/list', value: ['a', 'b', 'c'] }], path: ['spec', 'replicas'], want: 1 },
    { name: 'a test of a missing member against null passes', ops: [{ op: 'test', path: '/spec/nope', value: null }], path: ['spec', 'replicas'], want: 1 },
    { name: 'a null body is no operation', ops: null, path: ['metadata', 'name'], want: 'p' },
  ])('$name', ({ ops, path, want }) => {
    let v = apply(ops);
    for (const p of path) v = (v as Record<string, unknown> | undefined)?.[p];
    expect(v).toEqual(want);
  });

  it('the result is a copy and the input is untouched', () => {
    const value = { deep: true };
    const out = apply([{ op: 'add', path: '/spec/obj', value }]) as { spec: { obj: object; list: string[] } };
    expect(out.spec.obj).toEqual(value);
    expect(out.spec.obj).not.toBe(value);
    expect(out.spec.list).not.toBe(doc.spec.list);
    expect(doc.spec).toEqual({ replicas: 1, list: ['a', 'b', 'c'] });
  });

  it.each([
    { name: 'json patch test op failing returns an error', ops: [{ op: 'test', path: '/spec/replicas', value: 2 }], message: 'testing value /spec/replicas failed: test failed' },
    { name: 'removing a missing member', ops: [{ op: 'remove', path: '/spec/nope' }], message: "error in remove for path: '/spec/nope': Unable to remove nonexistent key: nope: missing value" },
    { name: 'adding under a missing path', ops: [{ op: 'add', path: '/status/phase', value: 'x' }], message: 'add operation does not apply: doc is missing path: "/status/phase": missing value' },
    { name: 'replacing past the end of a list', ops: [{ op: 'replace', path: '/spec/list/5', value: 'x' }], message: 'replace operation does not apply: doc is missing key: /spec/list/5: missing value' },
    { name: 'adding past the end of a list', ops: [{ op: 'add', path: '/spec/list/9', value: 'x' }], message: "error in add for path: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced" },
    { name: 'a list index that is not a number', ops: [{ op: 'add', path: '/spec/list/x', value: 1 }], message: `error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax` },
    { name: 'an operation without a path', ops: [{ op: 'add', value: 1 }], message: 'add operation failed to decode path: missing value' },
    { name: 'an unknown operation', ops: [{ op: 'merge', path: '/a' }], message: 'Unexpected kind: merge' },
  ])('$name', ({ ops, message }) => {
    const err = failure(ops);
    expect([err.kind, err.message]).toEqual([PatchErrorKind.Unprocessable, message]);
  });
});

describe('decodeJsonPatch', () => {
  it.each([
    { name: 'an object body', body: { op: 'add' }, message: 'json: cannot unmarshal object into Go value of type jsonpatch.Patch' },
    { name: 'a string operation', body: ['add'], message: 'json: cannot unmarshal string into Go value of type jsonpatch.Operation' },
    { name: 'an empty body', body: undefined, message: 'unexpected end of JSON input' },
  ])('$name is a bad request', ({ body, message }) => {
    expect(() => decodeJsonPatch(body)).toThrow(message);
    try {
      decodeJsonPatch(body);
    } catch (e) {
      expect((e as PatchError).kind).toBe(PatchErrorKind.BadRequest);
    }
  });
});
