import type { UserInfo } from 'kubernetes-types/authentication/v1';
import type { KubeObject, StoredObject } from '../../api/object';
import type { FieldError } from '../fieldErrors';
import type { ResourceDefinition } from './resourceDefinition';
import type { Sim } from '../../sim/sim';
import type { ReadView } from '../../store/mvccStore';

/** StrategyContext is what a strategy may read while it prepares or validates an object. */
export interface StrategyContext {
  sim: Sim;
  /** store is a read-only view, for checks like "does the namespace exist" and allocations. */
  store: ReadView;
  /** now is the simulated time as RFC 3339. */
  now: string;
  dryRun: boolean;
  /** user is who makes the request (a CSR records its requester). */
  user?: UserInfo;
}

/** Allocator reserves cluster-wide values (ClusterIPs, NodePorts) on create and frees them on delete. */
export interface Allocator {
  allocate(obj: KubeObject, ctx: StrategyContext, old?: StoredObject): FieldError[];
  release(obj: StoredObject): void;
}

/**
 * ResourceStrategy is a resource's REST strategy (k8s.io/apiserver/pkg/registry/rest): defaulting,
 * preparation and validation hooks the generic registry calls around every write.
 */
/** SubresourceStrategy is how an update through a subresource (status, approval) is prepared and checked. */
export interface SubresourceStrategy {
  prepareForUpdate(obj: KubeObject, old: StoredObject, ctx: StrategyContext): void;
  validateUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext): FieldError[];
}

export interface ResourceStrategy {
  def: ResourceDefinition;
  /** defaults applies the SetDefaults_* functions of the versioned type, in place. */
  defaults?(obj: KubeObject): void;
  /** prepareForCreate clears what a client may not set on create (status), sets generation. */
  prepareForCreate?(obj: KubeObject, ctx: StrategyContext): void;
  /** prepareForUpdate keeps status from old, bumps generation when spec changed. */
  prepareForUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext): void;
  validate?(obj: KubeObject, ctx: StrategyContext): FieldError[];
  validateUpdate?(obj: KubeObject, old: StoredObject, ctx: StrategyContext): FieldError[];
  /** status is the strategy of the /status subresource: it keeps spec from old. */
  status?: SubresourceStrategy;
  /** approval is the strategy of a CSR's /approval subresource: only the Approved and Denied conditions change. */
  approval?: SubresourceStrategy;
  allocator?: Allocator;
  /** fieldSelectors maps the field labels this resource supports beyond metadata.name/namespace. */
  fieldSelectors?: Record<string, (obj: StoredObject) => string | undefined>;
  /** allowCreateOnUpdate lets PUT create a missing object (Events, Leases, Endpoints...). */
  allowCreateOnUpdate?: boolean;
  /** toStorage / fromStorage convert a non-storage version (hpa v1, events.k8s.io) to and from storage. */
  toStorage?(obj: KubeObject): KubeObject;
  fromStorage?(obj: StoredObject): StoredObject;
}
