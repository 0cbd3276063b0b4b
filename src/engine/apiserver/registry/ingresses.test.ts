import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../api/object';
import { ingressStrategy } from './ingresses';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const ingress = (mutate: (spec: any) => void = () => undefined): KubeObject => {
  const spec = {
    rules: [
      {
        host: 'shop.example.com',
        http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
      },
    ],
  };
  mutate(spec);
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'shop' }, spec };
};
const path0 = (s: any) => s.rules[0].http.paths[0];

describe('ingress strategy', () => {
  it('accepts a plain rule and starts with an empty load balancer status', () => {
    const { obj, errors } = simulateCreate(ingressStrategy, ingress());
    expect(errors).toEqual([]);
    expect(obj.status).toEqual({ loadBalancer: {} });
    expect(obj.metadata?.generation).toBe(1);
  });

  it.each([
    ['no rules and no default backend', (s: any) => delete s.rules, ['spec: Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified']],
    // networking.k8s.io/v1 does not default pathType.
    ['a path without pathType', (s: any) => delete path0(s).pathType, ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified']],
    ['an unknown pathType', (s: any) => (path0(s).pathType = 'Regex'), ['spec.rules[0].http.paths[0].pathType: Unsupported value: "Regex": supported values: "Exact", "ImplementationSpecific", "Prefix"']],
    ['a relative Prefix path', (s: any) => (path0(s).path = 'api'), ['spec.rules[0].http.paths[0].path: Invalid value: "api": must be an absolute path']],
    ['a path with //', (s: any) => (path0(s).path = '/a//b'), ["spec.rules[0].http.paths[0].path: Invalid value: \"/a//b\": must not contain '//'"]],
    ['an IP host', (s: any) => (s.rules[0].host = '10.0.0.1'), ['spec.rules[0].host: Invalid value: "10.0.0.1": must be a DNS name, not an IP address']],
    ['a backend port without name or number', (s: any) => (path0(s).backend.service.port = {}), ['spec.rules[0].http.paths[0].backend: Required value: port name or number is required']],
    ['both port name and number', (s: any) => (path0(s).backend.service.port = { name: 'http', number: 80 }), ['spec.rules[0].http.paths[0].backend: Invalid value: "": cannot set both port name & port number']],
    ['no backend', (s: any) => (path0(s).backend = {}), ['spec.rules[0].http.paths[0].backend: Invalid value: "": resource or service backend is required']],
  ])('rejects %s', (_n, mutate, want) => {
    expect(simulateCreate(ingressStrategy, ingress(mutate)).errors).toEqual(want);
  });

  it('requires the class annotation to agree with ingressClassName', () => {
    const ing = ingress((s) => (s.ingressClassName = 'nginx'));
    ing.metadata!.annotations = { 'kubernetes.io/ingress.class': 'traefik' };
    expect(simulateCreate(ingressStrategy, ing).errors).toEqual([
      'annotations.kubernetes.io/ingress.class: Invalid value: "traefik": must match `ingressClassName` when both are specified',
    ]);
  });

  it('bumps the generation on spec changes and keeps status', () => {
    const old = { ...stored(simulateCreate(ingressStrategy, ingress()).obj), status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } };
    const next = structuredClone(old) as any;
    next.spec.rules[0].host = 'b.example.com';
    next.status = {};
    const { obj, errors } = simulateUpdate(ingressStrategy, next, old);
    expect(errors).toEqual([]);
    expect(obj.metadata?.generation).toBe(2);
    expect(obj.status).toEqual(old.status);
  });
});
