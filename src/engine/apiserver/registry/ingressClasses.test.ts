import { describe, expect, it } from 'vitest';
import { ingressClassStrategy } from './ingressClasses';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const ic = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx' }, spec });

describe('ingressclass strategy', () => {
  it('defaults parameters to the Cluster scope', () => {
    const { obj, errors } = simulateCreate(ingressClassStrategy, ic({ controller: 'k8s.io/ingress-nginx', parameters: { kind: 'Config', name: 'c' } }));
    expect(errors).toEqual([]);
    expect((obj.spec as any).parameters.scope).toBe('Cluster');
  });

  it.each([
    ['a missing controller', {}, ['spec.controller: Required value']],
    ['a controller without a domain', { controller: 'nginx' }, ['spec.controller: Invalid value: "nginx": must be a domain-prefixed path (such as "acme.io/foo")']],
    ['a Namespace scope without namespace', { controller: 'a.io/b', parameters: { kind: 'K', name: 'n', scope: 'Namespace' } }, ["spec.parameters.namespace: Required value: `parameters.scope` is set to 'Namespace'"]],
  ])('rejects %s', (_n, spec, want) => {
    expect(simulateCreate(ingressClassStrategy, ic(spec)).errors).toEqual(want);
  });

  it('keeps the controller immutable', () => {
    const old = stored(simulateCreate(ingressClassStrategy, ic({ controller: 'a.io/b' })).obj);
    expect(simulateUpdate(ingressClassStrategy, { ...structuredClone(old), spec: { controller: 'a.io/c' } }, old).errors).toEqual([
      'spec.controller: Invalid value: "a.io/c": field is immutable',
    ]);
  });
});
