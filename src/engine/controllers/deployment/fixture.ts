import type { Deployment, DeploymentCondition, DeploymentStrategy, ReplicaSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import { Resources } from '../../apiserver/registry/resources';
import { formatTime, SimEpoch } from '../../sim/clock';
import { computeHash } from '../util/hash';
import { newControllerFixture, type ControllerFixture } from '../util/recordingClient';
import { DesiredReplicasAnnotation, MaxReplicasAnnotation, RevisionAnnotation } from './annotations';
import { DeploymentController } from './deployment';
import { DefaultDeploymentUniqueLabelKey } from './deploymentUtil';

// Builders for the deployment controller's tests: a Deployment "web" in "default" and its ReplicaSets
// as the controller itself would have written them.

/** t0 is the simulated epoch as metav1.Time. */
export const t0 = formatTime(SimEpoch);

/** podTemplate is web's pod template with the given image. */
export function podTemplate(image = 'nginx:1.27'): PodTemplateSpec {
  return { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image }] } };
}

/** DeploymentOpts vary the test Deployment. */
export interface DeploymentOpts {
  replicas?: number;
  image?: string;
  generation?: number;
  revision?: string;
  strategy?: DeploymentStrategy;
  paused?: boolean;
  status?: Deployment['status'];
  revisionHistoryLimit?: number;
  annotations?: Record<string, string>;
  template?: PodTemplateSpec;
}

/** newDeployment builds a defaulted Deployment "web" (RollingUpdate 25%/25%, deadline 600 s). */
export function newDeployment(o: DeploymentOpts = {}): Deployment {
  const annotations = { ...o.annotations, ...(o.revision ? { [RevisionAnnotation]: o.revision } : {}) };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      uid: 'web-uid',
      resourceVersion: '100',
      generation: o.generation ?? 1,
      creationTimestamp: t0,
      annotations: Object.keys(annotations).length ? annotations : undefined,
    },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      template: o.template ?? podTemplate(o.image),
      strategy: o.strategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: 600,
      paused: o.paused,
    },
    status: o.status,
  };
}

/** ReplicaSetOpts describe one of web's ReplicaSets. */
export interface ReplicaSetOpts {
  image?: string;
  replicas: number;
  /** available sets status replicas, ready and available alike unless given apart. */
  available?: number;
  actual?: number;
  revision: number;
  desired?: number;
  max?: number;
  createdMs?: number;
}

/** newReplicaSetFor builds web's ReplicaSet for an image, as the controller names and labels it. */
export function newReplicaSetFor(o: ReplicaSetOpts): ReplicaSet {
  const template = podTemplate(o.image);
  const hash = computeHash(template);
  const labels = { app: 'web', [DefaultDeploymentUniqueLabelKey]: hash };
  const available = o.available ?? 0;
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `web-${hash}`,
      namespace: 'default',
      uid: `rs-${o.revision}`,
      resourceVersion: `${o.revision}0`,
      generation: 1,
      creationTimestamp: formatTime(o.createdMs ?? SimEpoch + o.revision * 1000),
      labels,
      annotations: {
        [DesiredReplicasAnnotation]: String(o.desired ?? 3),
        [MaxReplicasAnnotation]: String(o.max ?? 4),
        [RevisionAnnotation]: String(o.revision),
      },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'web-uid', controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      replicas: o.replicas,
      selector: { matchLabels: { ...labels } },
      template: { ...template, metadata: { labels: { ...labels } } },
    },
    status: {
      replicas: o.actual ?? available,
      readyReplicas: available,
      availableReplicas: available,
      fullyLabeledReplicas: o.actual ?? available,
      observedGeneration: 1,
    },
  };
}

/** condition builds a Deployment condition last updated and transitioned at `at`. */
export function condition(type: string, status: string, reason: string, message: string, at = t0): DeploymentCondition {
  return { type, status, lastUpdateTime: at, lastTransitionTime: at, reason, message };
}

/** DeploymentFixture is a DeploymentController over a recording client, its caches preloaded. */
export interface DeploymentFixture extends ControllerFixture {
  controller: DeploymentController;
  /** writes lists the recorded writes as "METHOD path". */
  writes(): string[];
  /** bodies returns the bodies of the writes. */
  bodies<T = unknown>(): T[];
}

/** newDeploymentFixture loads d and its ReplicaSets into the caches of a new DeploymentController. */
export function newDeploymentFixture(d: Deployment, rss: ReplicaSet[] = []): DeploymentFixture {
  const fx = newControllerFixture();
  const controller = new DeploymentController(fx.ctx);
  fx.add(Resources.deployments, d);
  fx.add(Resources.replicasets, ...rss);
  fx.transport.objects.set('/apis/apps/v1/namespaces/default/deployments/web', d as never);
  return {
    ...fx,
    controller,
    writes: () => fx.transport.writes.map((w) => `${w.method} ${w.path}`),
    bodies: <T>() => fx.transport.writes.map((w) => w.body as T),
  };
}

/** h1 and h2 are the pod-template-hashes of the nginx:1.27 and nginx:1.28 templates. */
export const h1 = computeHash(podTemplate('nginx:1.27'));
export const h2 = computeHash(podTemplate('nginx:1.28'));
export const available = condition('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.');
export const progressing = condition('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${h2}" is progressing.`);

/** status3 is the status of a 3-replica Deployment whose rollout to nginx:1.28 is under way. */
export const status3 = {
  observedGeneration: 1,
  replicas: 3,
  updatedReplicas: 3,
  readyReplicas: 3,
  availableReplicas: 3,
  conditions: [available, progressing],
};
