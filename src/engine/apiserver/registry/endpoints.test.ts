import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/object';
import { endpointsStrategy } from './endpoints';
import { createThrough, testContext } from './coreTesting';

const ep = (subsets: unknown[]): KubeObject => ({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets });

describe('endpoints', () => {
  it('defaults port protocols and accepts pod addresses', () => {
    const { obj, errors } = createThrough(endpointsStrategy, ep([{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80 }] }]), testContext());
    expect(errors).toEqual([]);
    expect(obj.subsets).toEqual([{ addresses: [{ ip: '10.244.1.5' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
    expect(endpointsStrategy.allowCreateOnUpdate).toBe(true);
  });
  it.each<[string, unknown[], string]>([
    ['empty subset', [{ ports: [{ port: 80 }] }], 'subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`'],
    ['loopback', [{ addresses: [{ ip: '127.0.0.1' }] }], 'subsets[0].addresses[0].ip: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ['bad ip', [{ addresses: [{ ip: 'x' }] }], 'subsets[0].addresses[0].ip: Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'],
    ['unnamed ports', [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }, { port: 81 }] }], 'subsets[0].ports[0].name: Required value'],
  ])('%s', (_n, subsets, message) => expect(createThrough(endpointsStrategy, ep(subsets), testContext()).errors).toContain(message));
});
