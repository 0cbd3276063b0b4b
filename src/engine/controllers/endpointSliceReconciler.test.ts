import { describe, expect, it } from 'vitest';
import type { Service } from 'kubernetes-types/core/v1';
import { endpointSliceLabels, getAddressTypesForService } from './endpointSliceReconciler';

const svc = (spec: Service['spec'], labels?: Record<string, string>): Service => ({
  metadata: { name: 'web', namespace: 'default', labels },
  spec,
});

describe('getAddressTypesForService', () => {
  it.each<[string, Service['spec'], string[]]>([
    ['the IP families, in order', { ipFamilies: ['IPv6', 'IPv4'] }, ['IPv4', 'IPv6']],
    ['the cluster IP family without families', { clusterIP: 'fd00::1' }, ['IPv6']],
    ['IPv4 for a headless Service without families', { clusterIP: 'None' }, ['IPv4']],
  ])('takes %s', (_name, spec, want) => {
    expect(getAddressTypesForService(svc(spec))).toEqual(want);
  });
});

describe('endpointSliceLabels', () => {
  it('copies the Service labels but the reserved ones and marks a headless Service', () => {
    const labels = { app: 'web', 'kubernetes.io/service-name': 'other', 'endpointslice.kubernetes.io/managed-by': 'me' };
    expect(endpointSliceLabels(svc({ clusterIP: 'None' }, labels))).toEqual({
      app: 'web',
      'service.kubernetes.io/headless': '',
      'kubernetes.io/service-name': 'web',
      'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
    });
  });
});
