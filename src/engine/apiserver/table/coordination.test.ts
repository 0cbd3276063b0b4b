import type { Lease } from 'kubernetes-types/coordination/v1';
import { describe, expect, it } from 'vitest';
import { leasePrinter } from './coordination';

const now = Date.parse('2025-01-01T12:00:00Z');
const metadata = { name: 'web', namespace: 'default', creationTimestamp: '2025-01-01T11:00:00Z' };

describe('leasePrinter', () => {
  it('prints a lease holder', () => {
    const lease: Lease = { metadata: { ...metadata, name: 'node-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } };
    expect(leasePrinter.cells(lease, now)).toEqual(['node-1', 'node-1', '60m']);
  });
});
