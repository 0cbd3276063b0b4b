import { describe, it, expect } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import { servicesStrategy } from './services';
import { createThrough, putObject, testContext, updateThrough } from './coreTesting';
import { Resources } from './resources';

const svc = (spec: Record<string, unknown>, name = 'web'): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'default' },
  spec: { selector: { app: 'web' }, ports: [{ port: 80 }], ...spec },
});

const specOf = (o: KubeObject) => (o as unknown as Service).spec!;

describe('services create', () => {
  it('defaults a ClusterIP service and allocates an IP outside the static band', () => {
    const { obj, errors } = createThrough(servicesStrategy, svc({}), testContext());
    expect(errors).toEqual([]);
    const s = specOf(obj);
    expect(s).toMatchObject({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(s.externalTrafficPolicy).toBeUndefined();
    expect(s.clusterIPs).toEqual([s.clusterIP]);
    const [a, b, c, d] = s.clusterIP!.split('.').map(Number);
    const n = ((a * 256 + b) * 256 + c) * 256 + d - (10 * 2 ** 24 + 96 * 2 ** 16);
    expect(n).toBeGreaterThan(256);
    expect(n).toBeLessThan(2 ** 20);
    expect(obj.status).toEqual({ loadBalancer: {} });
  });

  it('gives NodePort services node ports and externalTrafficPolicy Cluster', () => {
    const { obj, errors } = createThrough(servicesStrategy, svc({ type: 'NodePort' }), testContext());
    expect(errors).toEqual([]);
    const s = specOf(obj);
    expect(s.externalTrafficPolicy).toBe('Cluster');
    expect(s.ports![0].nodePort).toBeGreaterThanOrEqual(30128);
    expect(s.ports![0].nodePort).toBeLessThanOrEqual(32767);
  });

  it('defaults a LoadBalancer', () => {
    const { obj } = createThrough(servicesStrategy, svc({ type: 'LoadBalancer' }), testContext());
    expect(specOf(obj)).toMatchObject({ allocateLoadBalancerNodePorts: true, externalTrafficPolicy: 'Cluster' });
  });

  it('keeps headless services without an IP', () => {
    const { obj, errors } = createThrough(servicesStrategy, svc({ clusterIP: 'None' }), testContext());
    expect(errors).toEqual([]);
    expect(specOf(obj)).toMatchObject({ clusterIP: 'None', clusterIPs: ['None'], ipFamilyPolicy: 'SingleStack' });
  });

  it('honours a requested IP and refuses it twice', () => {
    const ctx = testContext();
    const first = createThrough(servicesStrategy, svc({ clusterIP: '10.96.0.50' }), ctx);
    expect(first.errors).toEqual([]);
    putObject(ctx.store, Resources.services, first.obj);
    const second = createThrough(servicesStrategy, svc({ clusterIP: '10.96.0.50' }, 'other'), ctx);
    expect(second.errors).toEqual(['spec.clusterIPs: Invalid value: []string{"10.96.0.50"}: failed to allocate IP 10.96.0.50: provided IP is already allocated']);
  });

  it('rejects an IP outside the range', () => {
    expect(createThrough(servicesStrategy, svc({ clusterIP: '10.0.0.5' }), testContext()).errors).toEqual([
      'spec.clusterIPs: Invalid value: []string{"10.0.0.5"}: failed to allocate IP 10.0.0.5: the provided IP (10.0.0.5) is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    ]);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['port out of range', { ports: [{ port: 70000 }] }, 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ['no ports', { ports: [] }, 'spec.ports: Required value'],
    ['unnamed ports', { ports: [{ port: 80 }, { port: 81 }] }, 'spec.ports[0].name: Required value'],
    ['node port on ClusterIP', { ports: [{ port: 80, nodePort: 30080 }] }, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"],
    ['unknown type', { type: 'Ingress' }, 'spec.type: Unsupported value: "Ingress": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"'],
    ['ExternalName without name', { type: 'ExternalName', ports: [] }, 'spec.externalName: Required value'],
    ['node port out of range', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }, 'spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767'],
    ['IPv6 family', { ipFamilies: ['IPv6'] }, 'spec.ipFamilies[0]: Invalid value: "IPv6": not configured on this cluster'],
    ['dual stack', { ipFamilyPolicy: 'RequireDualStack' }, 'spec.ipFamilyPolicy: Invalid value: "RequireDualStack": this cluster is not configured for dual-stack services'],
  ])('%s', (_n, spec, message) => {
    expect(createThrough(servicesStrategy, svc(spec), testContext()).errors).toContain(message);
  });

  it('rejects a name that is not a DNS-1035 label', () => {
    expect(createThrough(servicesStrategy, svc({}, '1web'), testContext()).errors[0]).toMatch(/^metadata.name: Invalid value: "1web": a DNS-1035 label must consist of/);
  });

  it('refuses a node port another service holds', () => {
    const ctx = testContext();
    const a = createThrough(servicesStrategy, svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }), ctx);
    putObject(ctx.store, Resources.services, a.obj);
    const b = createThrough(servicesStrategy, svc({ type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }, 'b'), ctx);
    expect(b.errors).toEqual(['spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated']);
  });
});

describe('services update', () => {
  const stored = (spec: Record<string, unknown>) => {
    const ctx = testContext();
    const { obj } = createThrough(servicesStrategy, svc(spec), ctx);
    return { ctx, old: putObject(ctx.store, Resources.services, obj) };
  };

  it('keeps the allocated IP and node ports when an apply omits them', () => {
    const { ctx, old } = stored({ type: 'NodePort' });
    const { obj, errors } = updateThrough(servicesStrategy, svc({ type: 'NodePort' }), old, ctx);
    expect(errors).toEqual([]);
    expect(specOf(obj).clusterIP).toBe(specOf(old).clusterIP);
    expect(specOf(obj).ports![0].nodePort).toBe(specOf(old).ports![0].nodePort);
  });

  it('refuses to change the cluster IP', () => {
    const { ctx, old } = stored({});
    const next = structuredClone(old) as StoredObject;
    (next.spec as Record<string, unknown>).clusterIP = '10.96.0.99';
    (next.spec as Record<string, unknown>).clusterIPs = ['10.96.0.99'];
    expect(updateThrough(servicesStrategy, next, old, ctx).errors).toContain(
      'spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set',
    );
  });

  it('drops node ports when switching back to ClusterIP', () => {
    const { ctx, old } = stored({ type: 'NodePort' });
    const next = structuredClone(old) as StoredObject;
    (next.spec as Record<string, unknown>).type = 'ClusterIP';
    const { obj, errors } = updateThrough(servicesStrategy, next, old, ctx);
    expect(errors).toEqual([]);
    expect(specOf(obj).ports![0].nodePort).toBeUndefined();
    expect(specOf(obj).externalTrafficPolicy).toBeUndefined();
  });

  it('selects by spec.type and spec.clusterIP', () => {
    const { old } = stored({});
    expect(servicesStrategy.fieldSelectors!['spec.type'](old)).toBe('ClusterIP');
    expect(servicesStrategy.fieldSelectors!['spec.clusterIP'](old)).toBe(specOf(old).clusterIP);
  });
});
