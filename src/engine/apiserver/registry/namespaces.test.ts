import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { namespacesStrategy, finalizeNamespace } from './namespaces';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const ns = (name: string, extra: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name }, ...extra });

describe('namespaces', () => {
  it('creates Active with the kubernetes finalizer and the name label', () => {
    const { obj, errors } = createThrough(namespacesStrategy, ns('dev'), testContext());
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata!.labels).toEqual({ 'kubernetes.io/metadata.name': 'dev' });
  });

  it.each([
    ['Dev', `metadata.name: Invalid value: "Dev": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`],
    ['a.b', 'metadata.name: Invalid value: "a.b": must not contain dots'],
  ])('rejects the name %s', (name, message) => {
    expect(createThrough(namespacesStrategy, ns(name), testContext()).errors).toEqual([message]);
  });

  it('rejects an unqualified spec finalizer', () => {
    expect(createThrough(namespacesStrategy, ns('dev', { spec: { finalizers: ['custom'] } }), testContext()).errors).toEqual([
      'spec.finalizers: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified',
    ]);
  });

  it('keeps spec and status on update and restores the name label', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.namespaces, { ...createThrough(namespacesStrategy, ns('dev'), ctx).obj });
    const next = { ...structuredClone(old), spec: { finalizers: [] }, status: { phase: 'Terminating' } } as StoredObject;
    next.metadata.labels = { team: 'a' };
    const { obj, errors } = updateThrough(namespacesStrategy, next, old, ctx);
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ finalizers: ['kubernetes'] });
    expect(obj.status).toEqual({ phase: 'Active' });
    expect(obj.metadata!.labels).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'dev' });
  });

  it('finalize may empty spec.finalizers', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.namespaces, createThrough(namespacesStrategy, ns('dev'), ctx).obj);
    const next = { ...structuredClone(old), spec: { finalizers: [] } } as KubeObject;
    expect(finalizeNamespace(next, old)).toEqual([]);
    expect(next.spec).toEqual({ finalizers: [] });
  });

  it('status may only be Terminating once deleted', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.namespaces, createThrough(namespacesStrategy, ns('dev'), ctx).obj);
    const next = { ...structuredClone(old), status: { phase: 'Terminating' } } as StoredObject;
    namespacesStrategy.status!.prepareForUpdate(next, old, ctx);
    const errs = namespacesStrategy.status!.validateUpdate!(next, old, ctx).map((e) => `${e.field}: ${e.detail}`);
    expect(errs).toEqual(["status.Phase: may only be 'Active' if `deletionTimestamp` is empty"]);
    expect(namespacesStrategy.fieldSelectors!['status.phase'](old)).toBe('Active');
  });
});
