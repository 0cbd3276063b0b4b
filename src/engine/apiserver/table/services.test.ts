import type { Endpoints, Service } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import { endpointsPrinter, servicePrinter } from './services';

const now = Date.parse('2025-01-01T12:00:00Z');
const meta = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:30:00Z' };

function svc(spec: Service['spec'], status: Service['status'] = {}): Service {
  return { metadata: meta, spec, status };
}

describe('servicePrinter', () => {
  it('has NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE and wide SELECTOR', () => {
    expect(servicePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Type:0', 'Cluster-IP:0', 'External-IP:0', 'Port(s):0', 'Age:0', 'Selector:1',
    ]);
  });

  it('prints a ClusterIP service', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'nginx' } });
    expect(servicePrinter.cells(s, now)).toEqual(['web', 'ClusterIP', '10.96.12.34', '<none>', '80/TCP', '30m', 'app=nginx']);
  });

  it('prints node ports as port:nodePort/protocol', () => {
    const s = svc({
      type: 'NodePort',
      clusterIP: '10.96.0.20',
      ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, nodePort: 31053, protocol: 'UDP' }],
      selector: { tier: 'web', app: 'nginx' },
    });
    expect(servicePrinter.cells(s, now)).toEqual(['web', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP,53:31053/UDP', '30m', 'app=nginx,tier=web']);
  });

  it('prints <pending> for a LoadBalancer without ingress, then its addresses', () => {
    const spec: Service['spec'] = { type: 'LoadBalancer', clusterIP: '10.96.0.30', ports: [{ port: 443, nodePort: 32443, protocol: 'TCP' }] };
    expect(servicePrinter.cells(svc(spec), now)[3]).toBe('<pending>');
    const ready = svc(spec, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.10' }] } });
    expect(servicePrinter.cells(ready, now)[3]).toBe('203.0.113.10,203.0.113.9,lb.example.com');
    const withExternal = svc({ ...spec, externalIPs: ['198.51.100.1'] }, { loadBalancer: { ingress: [{ ip: '203.0.113.9' }] } });
    expect(servicePrinter.cells(withExternal, now)[3]).toBe('203.0.113.9,198.51.100.1');
  });

  it('prints an ExternalName service and a headless one', () => {
    const ext = svc({ type: 'ExternalName', externalName: 'db.example.com' });
    expect(servicePrinter.cells(ext, now).slice(1, 5)).toEqual(['ExternalName', '<none>', 'db.example.com', '<none>']);
    const headless = svc({ type: 'ClusterIP', clusterIP: 'None', clusterIPs: ['None'], ports: [{ port: 5432, protocol: 'TCP' }] });
    expect(servicePrinter.cells(headless, now).slice(2, 7)).toEqual(['None', '<none>', '5432/TCP', '30m', '<none>']);
  });

  it('prints external IPs of a ClusterIP service', () => {
    const s = svc({ type: 'ClusterIP', clusterIP: '10.96.0.40', externalIPs: ['192.0.2.1', '192.0.2.2'], ports: [{ port: 80, protocol: 'TCP' }] });
    expect(servicePrinter.cells(s, now)[3]).toBe('192.0.2.1,192.0.2.2');
  });
});

describe('endpointsPrinter', () => {
  const ep = (subsets: Endpoints['subsets']): Endpoints => ({ metadata: meta, subsets });

  it('prints ip:port pairs, at most three', () => {
    const e = ep([
      {
        addresses: [{ ip: '10.244.1.5' }, { ip: '10.244.2.7' }],
        ports: [{ port: 8080, protocol: 'TCP' }, { name: 'metrics', port: 9090, protocol: 'TCP' }],
      },
    ]);
    expect(endpointsPrinter.cells(e, now)).toEqual(['web', '10.244.1.5:8080,10.244.2.7:8080,10.244.1.5:9090 + 1 more...', '30m']);
  });

  it('prints addresses alone for a headless service without ports, and <none> without subsets', () => {
    expect(endpointsPrinter.cells(ep([{ addresses: [{ ip: '10.244.1.5' }] }]), now)[1]).toBe('10.244.1.5');
    expect(endpointsPrinter.cells(ep(undefined), now)[1]).toBe('<none>');
  });

  it('brackets IPv6 addresses', () => {
    expect(endpointsPrinter.cells(ep([{ addresses: [{ ip: 'fd00::1' }], ports: [{ port: 80 }] }]), now)[1]).toBe('[fd00::1]:80');
  });
});
