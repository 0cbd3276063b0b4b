import type { StatefulSet, StatefulSetSpec } from 'kubernetes-types/apps/v1';
import type { PersistentVolumeClaim, Pod } from 'kubernetes-types/core/v1';
import { formatTime, SimEpoch } from '../../sim/clock';
import { newRevision } from './revisions';
import { newStatefulSetPod, setPodRevision } from './statefulSetUtils';

// Objects for the StatefulSet controller's unit tests: the `web` set of the Kubernetes tutorial.

export const t0 = formatTime(SimEpoch);

/** wwwTemplate is the tutorial's claim template, as the API server stores it. */
export const wwwTemplate: PersistentVolumeClaim = {
  metadata: { name: 'www' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
};

/** newSet is a defaulted StatefulSet `web` (uid web-uid) with spec overrides. */
export function newSet(spec: Partial<StatefulSetSpec> = {}, status: StatefulSet['status'] = { replicas: 0 }): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', uid: 'web-uid', generation: 1, resourceVersion: '5' },
    spec: {
      replicas: 3,
      serviceName: 'nginx',
      selector: { matchLabels: { app: 'nginx' } },
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'nginx' } } as never,
        spec: { containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24' }], restartPolicy: 'Always' },
      },
      ...spec,
    },
    status,
  };
}

/** withImage is set with another container image (and a bumped generation). */
export function withImage(set: StatefulSet, image: string): StatefulSet {
  const s = structuredClone(set);
  s.spec!.template.spec!.containers[0].image = image;
  return { ...s, metadata: { ...s.metadata, generation: (s.metadata?.generation ?? 1) + 1 } };
}

/** revisionOf is the first revision of set's current template. */
export function revisionOf(set: StatefulSet, revision = 1) {
  return newRevision(set, revision, 0);
}

export type PodState = 'ready' | 'running' | 'pending' | 'failed' | 'terminating';

/** newPod is set's pod at ordinal, as the API server and kubelet would have it, at revision. */
export function newPod(set: StatefulSet, ordinal: number, revision: string, state: PodState = 'ready'): Pod {
  const pod = newStatefulSetPod(set, ordinal);
  setPodRevision(pod, revision);
  const phase = state === 'pending' ? 'Pending' : state === 'failed' ? 'Failed' : 'Running';
  const ready = state === 'ready' || state === 'terminating';
  return {
    ...pod,
    metadata: {
      ...pod.metadata,
      uid: `${pod.metadata!.name}-uid`,
      resourceVersion: '7',
      deletionTimestamp: state === 'terminating' ? t0 : undefined,
    },
    status: { phase, conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: t0 }] },
  };
}
