import { describe, expect, it } from 'vitest';
import { leaseStrategy } from './leases';
import { simulateCreate } from './strategyTesting';

const lease = (spec: Record<string, unknown>) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'node-1' }, spec });

describe('lease strategy', () => {
  it('may be created by an update, as kubelet heartbeats do', () => {
    expect(leaseStrategy.allowCreateOnUpdate).toBe(true);
  });

  it.each([
    ['a zero duration', { leaseDurationSeconds: 0 }, ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    ['negative transitions', { leaseTransitions: -1 }, ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
  ])('rejects %s', (_n, spec, want) => {
    expect(simulateCreate(leaseStrategy, lease(spec)).errors).toEqual(want);
  });

  it('drops the alpha coordinated leader election fields', () => {
    const { obj } = simulateCreate(leaseStrategy, lease({ holderIdentity: 'a', strategy: 'OldestEmulationVersion', preferredHolder: 'b' }));
    expect(obj.spec).toEqual({ holderIdentity: 'a' });
  });
});
