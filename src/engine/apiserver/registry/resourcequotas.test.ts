import { describe, it, expect } from 'vitest';
import type { KubeObject, StoredObject } from '../../api/object';
import { resourcequotasStrategy } from './resourcequotas';
import { limitrangesStrategy } from './limitranges';
import { serviceaccountsStrategy } from './serviceaccounts';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const quota = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec });
const lr = (limits: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits } });

describe('resourcequotas', () => {
  it('canonicalises hard and starts with an empty status', () => {
    const { obj, errors } = createThrough(resourcequotasStrategy, quota({ hard: { 'requests.cpu': '1000m', pods: 10 } }), testContext());
    expect(errors).toEqual([]);
    expect(obj.spec).toEqual({ hard: { 'requests.cpu': '1', pods: '10' } });
    expect(obj.status).toEqual({});
  });
  it.each<[string, Record<string, unknown>, string]>([
    ['unknown resource', { hard: { gpus: '1' } }, 'spec.hard[gpus]: Invalid value: "gpus": must be a standard resource type or fully qualified'],
    ['fractional pods', { hard: { pods: '1.5' } }, 'spec.hard[pods]: Invalid value: "1500m": must be an integer'],
    ['conflicting scopes', { hard: { pods: '1' }, scopes: ['BestEffort', 'NotBestEffort'] }, 'spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort", "NotBestEffort"}: conflicting scopes'],
  ])('%s', (_n, spec, message) => expect(createThrough(resourcequotasStrategy, quota(spec), testContext()).errors).toContain(message));
  it('keeps scopes immutable', () => {
    const ctx = testContext();
    const old = putObject(ctx.store, Resources.resourcequotas, createThrough(resourcequotasStrategy, quota({ hard: { pods: '1' } }), ctx).obj);
    const next = { ...structuredClone(old), spec: { hard: { pods: '1' }, scopes: ['BestEffort'] } } as StoredObject;
    expect(updateThrough(resourcequotasStrategy, next, old, ctx).errors).toEqual(['spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: field is immutable']);
  });
});

describe('limitranges', () => {
  it('defaults container defaults from max and requests from defaults', () => {
    const { obj, errors } = createThrough(limitrangesStrategy, lr([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }]), testContext());
    expect(errors).toEqual([]);
    expect((obj.spec as { limits: unknown[] }).limits[0]).toEqual({
      type: 'Container',
      max: { cpu: '2' },
      min: { memory: '64Mi' },
      default: { cpu: '2' },
      defaultRequest: { cpu: '2', memory: '64Mi' },
    });
  });
  it.each<[string, unknown[], string]>([
    ['min above max', [{ type: 'Container', min: { cpu: '2' }, max: { cpu: '1' } }], 'spec.limits[0].min[cpu]: Invalid value: "2": min value 2 is greater than max value 1'],
    ['pod defaults', [{ type: 'Pod', default: { cpu: '1' } }], "spec.limits[0].default: Forbidden: may not be specified when `type` is 'Pod'"],
    ['bad type', [{ type: 'Node' }], 'spec.limits[0].type: Invalid value: "Node": must be a standard limit type or fully qualified'],
  ])('%s', (_n, limits, message) => expect(createThrough(limitrangesStrategy, lr(limits), testContext()).errors).toContain(message));
});

describe('serviceaccounts', () => {
  it('keeps only secret names', () => {
    const { obj } = createThrough(serviceaccountsStrategy, { metadata: { name: 'sa' }, secrets: [{ name: 's', namespace: 'x', uid: 'u' }] }, testContext());
    expect(obj.secrets).toEqual([{ name: 's' }]);
  });
});
