import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { EventType } from '../../client/eventRecorder';
import { DeprecatedRollbackTo, getRollbackTo, lastRevision, revision, setDeploymentAnnotationsTo } from './annotations';
import { Reason } from './conditions';
import type { DeploymentContext } from './context';
import { DefaultDeploymentUniqueLabelKey, equalIgnoreHash } from './deploymentUtil';
import { getAllReplicaSetsAndSyncRevision } from './sync';

// pkg/controller/deployment/rollback.go (v1.32). kubectl 1.32's `rollout undo` does not come this way:
// it patches the old template into the Deployment, an ordinary template change. This path serves the
// deprecated.deployment.rollback.to annotation, apps/v1's stand-in for extensions/v1beta1 rollbackTo.

/**
 * rollback copies the template of the requested revision (0: the previous one) into the Deployment
 * and clears the request; the rollout that follows is an ordinary one.
 */
export async function rollback(dc: DeploymentContext, d: Deployment, rsList: ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(dc, d, rsList, true);
  const allRSs = [...oldRSs, ...(newRS ? [newRS] : [])];
  let to = getRollbackTo(d) ?? 0;
  if (to === 0) {
    to = lastRevision(allRSs);
    if (to === 0) {
      dc.recorder.event(d, EventType.Warning, Reason.RollbackRevisionNotFound, 'Unable to find last revision.');
      return updateDeploymentAndClearRollbackTo(dc, d);
    }
  }
  for (const rs of allRSs) {
    if (revision(rs) !== to) continue;
    // The revision moves up on the next sync, when this template's ReplicaSet becomes the new one.
    const performed = await rollbackToTemplate(dc, d, rs);
    if (performed)
      dc.recorder.event(d, EventType.Normal, Reason.RollbackDone, `Rolled back deployment "${d.metadata?.name}" to revision ${to}`);
    return;
  }
  dc.recorder.event(d, EventType.Warning, Reason.RollbackRevisionNotFound, 'Unable to find the revision to rollback to.');
  return updateDeploymentAndClearRollbackTo(dc, d);
}

async function rollbackToTemplate(dc: DeploymentContext, d: Deployment, rs: ReplicaSet): Promise<boolean> {
  let performed = false;
  if (!equalIgnoreHash(d.spec?.template, rs.spec?.template)) {
    setFromReplicaSetTemplate(d, rs.spec?.template ?? {});
    // Take the old ReplicaSet's annotations too, or the current ones would be copied onto it.
    setDeploymentAnnotationsTo(d, rs);
    performed = true;
  } else {
    const msg = `The rollback revision contains the same template as current deployment "${d.metadata?.name}"`;
    dc.recorder.event(d, EventType.Warning, Reason.RollbackTemplateUnchanged, msg);
  }
  await updateDeploymentAndClearRollbackTo(dc, d);
  return performed;
}

/** setFromReplicaSetTemplate puts a ReplicaSet's template, minus its pod-template-hash, into the Deployment. */
function setFromReplicaSetTemplate(d: Deployment, template: PodTemplateSpec): void {
  const t = structuredClone(template);
  if (t.metadata?.labels) delete t.metadata.labels[DefaultDeploymentUniqueLabelKey];
  d.spec = { ...d.spec!, template: t };
}

async function updateDeploymentAndClearRollbackTo(dc: DeploymentContext, d: Deployment): Promise<void> {
  const annotations = { ...d.metadata?.annotations };
  delete annotations[DeprecatedRollbackTo];
  d.metadata = { ...d.metadata, annotations };
  await dc.client.update(Resources.deployments, structuredClone(d));
}
