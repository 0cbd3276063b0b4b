import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { Ingress, IngressClass, NetworkPolicy } from 'kubernetes-types/networking/v1';
import { describe, expect, it } from 'vitest';
import { endpointSlicePrinter, formatHosts, ingressClassPrinter, ingressPrinter, networkPolicyPrinter } from './networking';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' };

describe('networking printers', () => {
  it('prints an ingress with class, hosts, address and TLS ports', () => {
    const ing: Ingress = {
      metadata,
      spec: { ingressClassName: 'nginx', rules: [{ host: 'a.example.com' }, { host: 'b.example.com' }], tls: [{ hosts: ['a.example.com'] }] },
      status: { loadBalancer: { ingress: [{ ip: '172.18.0.5' }] } },
    };
    expect(ingressPrinter.cells(ing, now)).toEqual(['web', 'nginx', 'a.example.com,b.example.com', '172.18.0.5', '80, 443', '60m']);
    expect(ingressPrinter.cells({ metadata, spec: {} }, now)).toEqual(['web', '<none>', '*', '', '80', '60m']);
  });

  it.each([
    [[{ host: 'a' }, {}, { host: 'c' }], 'a,c'],
    [[{ host: 'a' }, { host: 'b' }, { host: 'c' }], 'a,b,c'],
    [[{ host: 'a' }, { host: 'b' }, { host: 'c' }, { host: 'd' }, { host: 'e' }], 'a,b,c + 2 more...'],
    [[{}], '*'],
  ])('formats hosts %j as %s', (rules, want) => {
    expect(formatHosts(rules)).toBe(want);
  });

  it('prints ingress class parameters as Kind.group/name', () => {
    const ic: IngressClass = {
      metadata,
      spec: { controller: 'k8s.io/ingress-nginx', parameters: { apiGroup: 'k8s.example.com', kind: 'IngressParameters', name: 'external-lb' } },
    };
    expect(ingressClassPrinter.cells(ic, now)).toEqual(['web', 'k8s.io/ingress-nginx', 'IngressParameters.k8s.example.com/external-lb', '60m']);
    expect(ingressClassPrinter.cells({ metadata, spec: { controller: 'c' } }, now)[2]).toBe('<none>');
  });

  it('prints a network policy pod selector, <none> for all pods', () => {
    const np: NetworkPolicy = { metadata, spec: { podSelector: { matchLabels: { role: 'db' } } } };
    expect(networkPolicyPrinter.cells(np, now)).toEqual(['web', 'role=db', '60m']);
    expect(networkPolicyPrinter.cells({ metadata, spec: { podSelector: {} } }, now)[1]).toBe('<none>');
  });

  it('prints an endpoint slice with ports and endpoints', () => {
    const eps: EndpointSlice = {
      metadata,
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.244.1.5'] }, { addresses: ['10.244.2.7'] }, { addresses: ['10.244.3.2'] }, { addresses: ['10.244.4.9'] }],
    };
    expect(endpointSlicePrinter.cells(eps, now)).toEqual(['web', 'IPv4', '80', '10.244.1.5,10.244.2.7,10.244.3.2 + 1 more...', '60m']);
    expect(endpointSlicePrinter.cells({ metadata, addressType: 'IPv4', endpoints: [] }, now).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });
});
