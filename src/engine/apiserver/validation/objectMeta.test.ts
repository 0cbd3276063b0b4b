import { describe, it, expect } from 'vitest';
import { formatFieldError } from '../fieldErrors';
import { validateObjectMeta, validateObjectMetaUpdate } from './objectMeta';
import { validateLabelSelector } from './labelSelector';
import { nameIsDNSSubdomain } from './names';

const render = (errs: Parameters<typeof formatFieldError>[0][]) => errs.map(formatFieldError);

describe('validateObjectMeta', () => {
  it.each<[string, Record<string, unknown>, boolean, string]>([
    ['missing name', { namespace: 'default' }, true, 'metadata.name: Required value: name or generateName is required'],
    ['missing namespace', { name: 'a' }, true, 'metadata.namespace: Required value'],
    ['namespace on a cluster object', { name: 'a', namespace: 'x' }, false, 'metadata.namespace: Forbidden: not allowed on this type'],
    [
      'bad label value',
      { name: 'a', namespace: 'd', labels: { app: 'a b' } },
      true,
      `metadata.labels: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    ],
    ['unqualified finalizer', { name: 'a', namespace: 'd', finalizers: ['cleanup'] }, true, 'metadata.finalizers[0]: Invalid value: "cleanup": name is neither a standard finalizer name nor is it fully qualified'],
    ['owner without uid', { name: 'a', namespace: 'd', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs' }] }, true, 'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    [
      'two controllers',
      {
        name: 'a',
        namespace: 'd',
        ownerReferences: [
          { apiVersion: 'v1', kind: 'A', name: 'x', uid: '1', controller: true },
          { apiVersion: 'v1', kind: 'B', name: 'y', uid: '2', controller: true },
        ],
      },
      true,
      'Only one reference can have Controller set to true. Found "true" in references for A/x and B/y',
    ],
  ])('%s', (_n, meta, namespaced, message) => {
    const out = render(validateObjectMeta(meta, namespaced, nameIsDNSSubdomain));
    expect(out.some((m) => m === message || m.endsWith(message))).toBe(true);
  });

  it('accepts a generateName ending in a dash', () => {
    expect(validateObjectMeta({ name: 'web-abcde', generateName: 'web-', namespace: 'd' }, true, nameIsDNSSubdomain)).toEqual([]);
  });
});

describe('validateObjectMetaUpdate', () => {
  it('reports immutable fields and new finalizers during deletion', () => {
    const old = { name: 'a', namespace: 'd', uid: 'u1', resourceVersion: '5', deletionTimestamp: '2025-01-01T00:00:00Z', finalizers: ['a.io/x'] };
    const next = { ...old, uid: 'u2', finalizers: ['a.io/x', 'b.io/y'] };
    expect(render(validateObjectMetaUpdate(next, old))).toEqual([
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"b.io/y"}',
      'metadata.uid: Invalid value: "u2": field is immutable',
    ]);
  });
});

describe('validateLabelSelector', () => {
  it.each<[string, unknown, string]>([
    ['In without values', { matchExpressions: [{ key: 'a', operator: 'In' }] }, "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'"],
    ['Exists with values', { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, "spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'"],
    ['bad operator', { matchExpressions: [{ key: 'a', operator: 'Equals' }] }, 'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator'],
    ['bad key', { matchLabels: { '-a': 'b' } }, 'spec.selector.matchLabels: Invalid value: "-a": name part must consist of'],
  ])('%s', (_n, sel, message) => {
    const out = render(validateLabelSelector(sel as never, 'spec.selector'));
    expect(out.some((m) => m.startsWith(message))).toBe(true);
  });
});
