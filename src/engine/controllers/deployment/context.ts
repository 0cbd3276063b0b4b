import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { MutableObjectMeta } from '../../api/object';
import { Resources } from '../../apiserver/registry/resources';
import type { ApiClient } from '../../client/apiClient';
import type { EventRecorder } from '../../client/eventRecorder';
import type { Lister } from '../../client/lister';
import { compactDeploymentStatus } from './status';

/**
 * DeploymentContext is what the rollout steps (sync, rolling, recreate, rollback, progress) need of
 * the DeploymentController; upstream they are methods of one struct spread over several files.
 */
export interface DeploymentContext {
  client: ApiClient;
  rsLister: Lister<ReplicaSet>;
  recorder: EventRecorder;
  /** now is the simulated time in milliseconds. */
  now(): number;
  enqueueAfter(d: Deployment, ms: number): void;
  enqueueRateLimited(d: Deployment): void;
}

/** controllerKind is the GroupVersionKind of the owner references a Deployment writes. */
export const controllerKind = { apiVersion: 'apps/v1', kind: 'Deployment' } as const;

/**
 * updateDeploymentStatus writes d's status (and, as the status strategy allows, its annotations)
 * through deployments/status. Upstream keeps the stale resourceVersion and so conflicts on the next
 * write of the same sync; we carry the new one forward, which saves a requeue and changes nothing else.
 */
export async function updateDeploymentStatus(dc: DeploymentContext, d: Deployment): Promise<void> {
  // The sync goes on changing d: send a snapshot.
  const body = structuredClone({ ...d, status: compactDeploymentStatus(d.status ?? {}) });
  const updated = await dc.client.updateStatus<Deployment>(Resources.deployments, body);
  d.metadata = { ...d.metadata, resourceVersion: updated.metadata?.resourceVersion } as MutableObjectMeta;
}

/** updateReplicaSet writes a changed ReplicaSet (PUT) and returns it as stored. */
export async function updateReplicaSet(dc: DeploymentContext, rs: ReplicaSet): Promise<ReplicaSet> {
  return dc.client.update<ReplicaSet>(Resources.replicasets, rs);
}
