import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import { serviceEndpoints } from './serviceEndpoints';

const slice = (name: string, service: string, endpoints: EndpointSlice['endpoints']): EndpointSlice => ({
  addressType: 'IPv4',
  metadata: { name, namespace: 'default', labels: { 'kubernetes.io/service-name': service } },
  ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
  endpoints,
});

describe('serviceEndpoints', () => {
  it('lists the endpoints of the Service’s slices in address order', () => {
    const slices = {
      'default/web-a': slice('web-a', 'web', [
        { addresses: ['10.244.1.10'], conditions: { ready: false, terminating: true }, nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'web-2' } },
        { addresses: ['10.244.1.9'], conditions: { ready: true }, nodeName: 'worker-1', targetRef: { kind: 'Pod', name: 'web-1' } },
      ]),
      'default/db-a': slice('db-a', 'db', [{ addresses: ['10.244.2.3'], targetRef: { kind: 'Pod', name: 'db-1' } }]),
    };
    expect(serviceEndpoints(slices, 'default', 'web')).toEqual([
      { address: '10.244.1.9', ports: '80/TCP (http)', pod: 'web-1', node: 'worker-1', ready: true, terminating: false },
      { address: '10.244.1.10', ports: '80/TCP (http)', pod: 'web-2', node: 'worker-1', ready: false, terminating: true },
    ]);
    expect(serviceEndpoints(slices, 'other', 'web')).toEqual([]);
  });
});
