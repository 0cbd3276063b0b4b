import type { Deployment, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { Scale } from 'kubernetes-types/autoscaling/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { deepEqual } from '../../engine/api/deepEqual';
import { Resources } from '../../engine/apiserver/registry/resources';
import { selectorString } from '../../engine/apiserver/table/format';
import type { ApiClient } from '../../engine/client/apiClient';
import { formatTime } from '../../engine/sim/clock';

// kubectl scale, set image, rollout restart and rollout undo for Deployments, as kubectl v1.32
// does them (pkg/cmd/scale, pkg/cmd/set/set_image.go, pkg/polymorphichelpers/objectrestarter.go
// and rollback.go), with kubectl's output lines and errors.

/** RestartedAtAnnotation is what kubectl rollout restart stamps on the pod template. */
export const RestartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';
const podTemplateHashLabel = 'pod-template-hash';
// Annotations kubectl rollout undo keeps from the Deployment instead of taking the ReplicaSet's (rollback.go annotationsToSkip).
const annotationsToSkip = new Set([
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
  'deprecated.deployment.rollback.to',
]);

/** ScaleResult says what kubectl printed and the replicas before, so that the scale can be undone. */
export interface ScaleResult {
  message: string;
  previous: number;
}

/** scaleDeployment sets spec.replicas through the scale subresource (a merge patch, like kubectl scale). */
export async function scaleDeployment(client: ApiClient, namespace: string, name: string, replicas: number): Promise<ScaleResult> {
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw new Error('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  }
  const before = await client.getSubresource<Scale>(Resources.deployments, namespace, name, 'scale');
  await client.patch(Resources.deployments, namespace, name, 'merge', { spec: { replicas } }, { subresource: 'scale' });
  return { message: `deployment.apps/${name} scaled`, previous: before.spec?.replicas ?? 0 };
}

/** setImage points one container (or init container) at a new image with kubectl set image's strategic merge patch. */
export async function setImage(client: ApiClient, namespace: string, name: string, container: string, image: string): Promise<string> {
  const d = await client.get<Deployment>(Resources.deployments, namespace, name);
  const spec = d.spec?.template.spec;
  const field = spec?.containers.some((c) => c.name === container)
    ? 'containers'
    : spec?.initContainers?.some((c) => c.name === container)
      ? 'initContainers'
      : undefined;
  if (!field) throw new Error(`unable to find container named "${container}"`);
  if (spec?.[field]?.find((c) => c.name === container)?.image === image) return `deployment.apps/${name} image unchanged`;
  await client.patch(Resources.deployments, namespace, name, 'strategic', {
    spec: { template: { spec: { [field]: [{ name: container, image }] } } },
  });
  return `deployment.apps/${name} image updated`;
}

/** rolloutRestart stamps the pod template with the time (simulated time here), so the Deployment rolls out new pods. */
export async function rolloutRestart(client: ApiClient, namespace: string, name: string, nowMs: number): Promise<string> {
  const d = await client.get<Deployment>(Resources.deployments, namespace, name);
  if (d.spec?.paused) throw new Error("can't restart paused deployment (run rollout resume first)");
  await client.patch(Resources.deployments, namespace, name, 'strategic', {
    spec: { template: { metadata: { annotations: { [RestartedAtAnnotation]: formatTime(nowMs) } } } },
  });
  return `deployment.apps/${name} restarted`;
}

function revisionOf(rs: ReplicaSet): number | undefined {
  const v = rs.metadata?.annotations?.['deployment.kubernetes.io/revision'];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

function withoutHash(t: PodTemplateSpec): PodTemplateSpec {
  const labels = { ...t.metadata?.labels };
  delete labels[podTemplateHashLabel];
  return { ...t, metadata: { ...t.metadata, labels } };
}

/** previousReplicaSet is the ReplicaSet of the second highest revision among the Deployment's own (rollback.go deploymentRevision). */
export function previousReplicaSet(d: Deployment, owned: readonly ReplicaSet[]): ReplicaSet | undefined {
  let latest: { rev: number; rs?: ReplicaSet } = { rev: -1 };
  let previous: { rev: number; rs?: ReplicaSet } = { rev: -1 };
  for (const rs of owned) {
    const rev = revisionOf(rs);
    if (rev === undefined || !rs.metadata?.ownerReferences?.some((r) => r.controller && r.uid === d.metadata?.uid)) continue;
    if (rev > latest.rev) {
      previous = latest;
      latest = { rev, rs };
    } else if (rev > previous.rev) {
      previous = { rev, rs };
    }
  }
  return previous.rs;
}

/**
 * rolloutUndo rolls a Deployment back to its previous revision like kubectl rollout undo: the
 * previous ReplicaSet's template (without pod-template-hash) and annotations replace the
 * Deployment's with one JSON patch.
 */
export async function rolloutUndo(client: ApiClient, namespace: string, name: string): Promise<string> {
  const d = await client.get<Deployment>(Resources.deployments, namespace, name);
  if (d.spec?.paused) {
    throw new Error(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`);
  }
  const labelSelector = selectorString(d.spec?.selector);
  const rss = (await client.list<ReplicaSet>(Resources.replicasets, { namespace, labelSelector })).items;
  const rs = previousReplicaSet(d, rss);
  if (!rs?.spec?.template) throw new Error(`no rollout history found for deployment "${name}"`);
  const template = withoutHash(rs.spec.template);
  if (d.spec && deepEqual(template, withoutHash(d.spec.template))) {
    // kubectl prints its --to-revision flag here, which is 0 for "the previous revision".
    return `deployment.apps/${name} skipped rollback (current template already matches revision 0)`;
  }
  const annotations: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata?.annotations ?? {})) if (annotationsToSkip.has(k)) annotations[k] = v;
  for (const [k, v] of Object.entries(rs.metadata?.annotations ?? {})) if (!annotationsToSkip.has(k)) annotations[k] = v;
  await client.patch(Resources.deployments, namespace, name, 'json', [
    { op: 'replace', path: '/spec/template', value: template },
    { op: 'replace', path: '/metadata/annotations', value: annotations },
  ]);
  return `deployment.apps/${name} rolled back`;
}
