import type { Lease } from 'kubernetes-types/coordination/v1';
import type { KubeObject } from '../../api/object';
import { fieldError, type FieldError } from '../fieldErrors';
import { nameIsDNSSubdomain } from '../validation/names';
import { validateObjectMeta, validateObjectMetaUpdate } from '../validation/objectMeta';
import { Resources } from './resources';
import type { ResourceStrategy } from './strategy';

// Lease as pkg/apis/coordination/validation/validation.go and pkg/registry/coordination/lease/
// strategy.go of v1.32 define it. Node heartbeats and leader election PUT leases that may not exist.

/** validateLeaseSpec is ValidateLeaseSpec. */
export function validateLeaseSpec(lease: Lease): FieldError[] {
  const errs: FieldError[] = [];
  const d = lease.spec?.leaseDurationSeconds;
  if (d !== undefined && d <= 0) errs.push(fieldError.invalid('spec.leaseDurationSeconds', d, 'must be greater than 0'));
  const t = lease.spec?.leaseTransitions;
  if (t !== undefined && t < 0) errs.push(fieldError.invalid('spec.leaseTransitions', t, 'must be greater than or equal to 0'));
  return errs;
}

/** validateLease is ValidateLease. */
export function validateLease(lease: Lease): FieldError[] {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain), ...validateLeaseSpec(lease)];
}

// CoordinatedLeaderElection is alpha (off) in v1.32: its spec fields are dropped unless in use.
function dropDisabledFields(obj: KubeObject, old?: KubeObject): void {
  const spec = obj.spec as Record<string, unknown> | undefined;
  const oldSpec = old?.spec as Record<string, unknown> | undefined;
  if (!spec) return;
  if (oldSpec?.strategy === undefined) delete spec.strategy;
  if (oldSpec?.preferredHolder === undefined) delete spec.preferredHolder;
}

const asLease = (o: KubeObject) => o as unknown as Lease;

/** leaseStrategy is the REST strategy of coordination.k8s.io/v1 leases. */
export const leaseStrategy: ResourceStrategy = {
  def: Resources.leases,
  allowCreateOnUpdate: true,
  prepareForCreate: (obj) => dropDisabledFields(obj),
  prepareForUpdate: (obj, old) => dropDisabledFields(obj, old),
  validate: (obj) => validateLease(asLease(obj)),
  validateUpdate: (obj, old) => [...validateObjectMetaUpdate(obj.metadata, old.metadata), ...validateLeaseSpec(asLease(obj))],
};
