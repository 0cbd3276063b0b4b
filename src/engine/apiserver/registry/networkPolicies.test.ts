import { describe, expect, it } from 'vitest';
import { networkPolicyStrategy } from './networkPolicies';
import { simulateCreate } from './strategyTesting';

const np = (spec: Record<string, unknown>) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny' }, spec });

describe('networkpolicy strategy', () => {
  it.each([
    ['no rules', {}, ['Ingress']],
    ['egress rules', { egress: [{ to: [{ podSelector: {} }] }] }, ['Ingress', 'Egress']],
    ['explicit types', { policyTypes: ['Egress'] }, ['Egress']],
  ])('defaults policyTypes for %s', (_n, spec, want) => {
    expect((simulateCreate(networkPolicyStrategy, np({ podSelector: {}, ...spec })).obj.spec as any).policyTypes).toEqual(want);
  });

  it('defaults port protocols to TCP', () => {
    const { obj } = simulateCreate(networkPolicyStrategy, np({ podSelector: {}, ingress: [{ ports: [{ port: 80 }] }] }));
    expect((obj.spec as any).ingress[0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
  });

  it.each([
    ['a peer with nothing', { ingress: [{ from: [{}] }] }, ['spec.ingress[0].from[0]: Required value: must specify a peer']],
    ['ipBlock with a selector', { egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }, ['spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer']],
    ['a bad CIDR', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0' } }] }] }, ['spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)']],
    ['an except outside the cidr', { ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.1.0.0/24'] } }] }] }, ['spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.1.0.0/24": must be a strict subset of `cidr`']],
    ['endPort below port', { ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }, ['spec.ingress[0].ports[0].endPort: Invalid value: 90: must be greater than or equal to `port`']],
    ['an unknown policy type', { policyTypes: ['Sideways'] }, ['spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"']],
  ])('rejects %s', (_n, spec, want) => {
    expect(simulateCreate(networkPolicyStrategy, np({ podSelector: {}, ...spec })).errors).toEqual(want);
  });
});
