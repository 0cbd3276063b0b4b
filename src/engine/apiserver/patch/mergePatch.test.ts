import { describe, expect, it } from 'vitest';
import { mergePatch } from './mergePatch';
import { PatchError, PatchErrorKind } from './patchError';

const doc = Object.freeze({
  metadata: Object.freeze({ name: 'p', labels: Object.freeze({ app: 'web', tier: 'front' }) }),
  spec: Object.freeze({ replicas: 1, containers: Object.freeze([Object.freeze({ name: 'a', image: 'a:1' })]) }),
});

describe('mergePatch', () => {
  it.each([
    {
      name: 'null removes a label (kubectl label tier-)',
      patch: { metadata: { labels: { tier: null } } },
      want: { ...doc, metadata: { name: 'p', labels: { app: 'web' } } },
    },
    {
      name: 'kubectl scale sets replicas',
      patch: { spec: { replicas: 3 } },
      want: { ...doc, spec: { replicas: 3, containers: [{ name: 'a', image: 'a:1' }] } },
    },
    {
      name: 'a list is replaced whole, there are no merge keys',
      patch: { spec: { containers: [{ name: 'b' }] } },
      want: { ...doc, spec: { replicas: 1, containers: [{ name: 'b' }] } },
    },
    {
      name: 'nulls inside a new value are dropped, null list elements kept',
      patch: { status: { phase: 'Running', reason: null, list: [null, { a: null, b: 1 }] } },
      want: { ...doc, status: { phase: 'Running', list: [null, { b: 1 }] } },
    },
    {
      name: 'a scalar replacing an object is taken as it is',
      patch: { metadata: 'x' },
      want: { ...doc, metadata: 'x' },
    },
  ])('$name', ({ patch, want }) => {
    expect(mergePatch(doc, patch)).toEqual(want);
  });

  it('an array body replaces the whole document', () => {
    expect(mergePatch(doc, [1, { a: null }])).toEqual([1, {}]);
  });

  it('the result shares no object with the document', () => {
    const out = mergePatch(doc, { spec: { replicas: 2 } }) as typeof doc;
    expect(out.spec.containers).not.toBe(doc.spec.containers);
    expect(doc.spec.replicas).toBe(1);
  });

  it.each([{ body: null }, { body: 'x' }, { body: 5 }])('a $body body is "Invalid JSON Patch", a bad request', ({ body }) => {
    let err: unknown;
    try {
      mergePatch(doc, body);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(PatchError);
    expect([(err as PatchError).kind, (err as PatchError).message]).toEqual([PatchErrorKind.BadRequest, 'Invalid JSON Patch']);
  });
});
