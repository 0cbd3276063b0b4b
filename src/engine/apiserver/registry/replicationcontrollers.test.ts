import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { replicationcontrollersStrategy } from './replicationcontrollers';
import { podtemplatesStrategy } from './podtemplates';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const template = (labels: Record<string, string> = { app: 'web' }, spec: Record<string, unknown> = {}) => ({
  metadata: { labels },
  spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec },
});
const rc = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'web' }, spec });

describe('replicationcontrollers', () => {
  it('defaults selector, labels and replicas from the template', () => {
    const { obj, errors } = createThrough(replicationcontrollersStrategy, rc({ template: template() }), testContext());
    expect(errors).toEqual([]);
    expect(obj.spec).toMatchObject({ replicas: 1, selector: { app: 'web' } });
    expect(obj.metadata!.labels).toEqual({ app: 'web' });
    expect(obj.metadata!.generation).toBe(1);
    expect(obj.status).toEqual({ replicas: 0 });
    expect((obj.spec as { template: { metadata: unknown } }).template.metadata).toEqual({ labels: { app: 'web' }, creationTimestamp: null });
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['selector mismatch', { selector: { app: 'db' }, template: template() }, 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ['restart policy', { template: template({ app: 'web' }, { restartPolicy: 'Never' }) }, 'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ['no template', { selector: { app: 'web' } }, 'spec.template: Required value'],
    ['no selector', { template: template({}) }, 'spec.selector: Required value'],
  ])('%s', (_n, spec, message) => expect(createThrough(replicationcontrollersStrategy, rc(spec), testContext()).errors).toContain(message));

  it('bumps generation on spec changes only', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.replicationcontrollers, createThrough(replicationcontrollersStrategy, rc({ template: template() }), ctx).obj);
    const same = structuredClone(old) as StoredObject;
    same.metadata.labels = { app: 'web', tier: 'x' };
    expect(updateThrough(replicationcontrollersStrategy, same, old, ctx).obj.metadata!.generation).toBe(1);
    const scaled = structuredClone(old) as StoredObject;
    (scaled.spec as { replicas: number }).replicas = 3;
    expect(updateThrough(replicationcontrollersStrategy, scaled, old, ctx).obj.metadata!.generation).toBe(2);
    expect(replicationcontrollersStrategy.fieldSelectors!['status.replicas'](old)).toBe('0');
  });
});

describe('podtemplates', () => {
  it('defaults the template and validates it under "template"', () => {
    const ok = createThrough(podtemplatesStrategy, { metadata: { name: 't' }, template: template() }, testContext());
    expect(ok.errors).toEqual([]);
    expect(ok.obj.metadata!.generation).toBe(1);
    const bad = createThrough(podtemplatesStrategy, { metadata: { name: 't' }, template: { spec: { containers: [] } } }, testContext());
    expect(bad.errors).toEqual(['template.spec.containers: Required value']);
  });
});
