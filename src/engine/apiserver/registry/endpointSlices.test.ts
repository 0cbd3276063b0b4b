import { describe, expect, it } from 'vitest';
import { endpointSliceStrategy } from './endpointSlices';
import { simulateCreate, simulateUpdate, stored } from './strategyTesting';

const slice = (fields: Record<string, unknown>) => ({
  apiVersion: 'discovery.k8s.io/v1',
  kind: 'EndpointSlice',
  metadata: { name: 'web-abc', labels: { 'kubernetes.io/service-name': 'web' } },
  addressType: 'IPv4',
  ...fields,
});

describe('endpointslice strategy', () => {
  it('defaults port names and protocols', () => {
    const { obj, errors } = simulateCreate(endpointSliceStrategy, slice({ endpoints: [{ addresses: ['10.0.0.5'] }], ports: [{ port: 80 }] }));
    expect(errors).toEqual([]);
    expect(obj.ports).toEqual([{ name: '', port: 80, protocol: 'TCP' }]);
  });

  it.each([
    ['an unknown address type', { addressType: 'IPv5' }, ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']],
    ['an endpoint without addresses', { endpoints: [{ addresses: [] }] }, ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['an IPv6 address in an IPv4 slice', { endpoints: [{ addresses: ['::1'] }] }, ['endpoints[0].addresses[0]: Invalid value: "::1": must be a valid IPv4 address']],
    ['a loopback address', { endpoints: [{ addresses: ['127.0.0.1'] }] }, ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)']],
    ['duplicate port names', { ports: [{ name: 'http' }, { name: 'http' }] }, ['ports[1].name: Duplicate value: "http"']],
  ])('rejects %s', (_n, fields, want) => {
    expect(simulateCreate(endpointSliceStrategy, slice(fields)).errors).toEqual(want);
  });

  it('keeps the address type and counts endpoint changes as generations', () => {
    const old = stored(simulateCreate(endpointSliceStrategy, slice({ endpoints: [{ addresses: ['10.0.0.5'] }] })).obj);
    const moved = { ...structuredClone(old), endpoints: [{ addresses: ['10.0.0.6'] }] };
    expect(simulateUpdate(endpointSliceStrategy, moved, old).obj.metadata?.generation).toBe(2);
    const retyped = { ...structuredClone(old), addressType: 'FQDN', endpoints: [{ addresses: ['a.example.com'] }] };
    expect(simulateUpdate(endpointSliceStrategy, retyped, old).errors).toEqual(['addressType: Invalid value: "FQDN": field is immutable']);
  });
});
